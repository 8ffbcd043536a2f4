"""Incremental runs: a cache of per-article results.

An article's result is a pure function of the article (its text and
metadata: source, title, publication date ...) and of what the per-article
work is made of: the code, the shipped and user dictionaries, the spaCy model
and libraries, and the configuration. The cache key hashes all of them, so
an entry can only be found again by a run that would compute the same result:

    key = sha256(fingerprint, article fields)
    fingerprint = sha256(code of the package, versions of model, libraries and
                         dictionaries, contents of user dictionary files,
                         configuration except the [run] section)

The [run] section (workers, batch size) only says how the work is spread,
never what it computes, so changing it keeps the cache.

Entries live in one SQLite file (``results.sqlite``) as zlib-compressed
pickles, read and written by the parent process only: workers, local or on a
Dask cluster, never touch it. After a successful run, entries made under
another fingerprint are deleted, so the cache holds one version of each
article's result and does not grow without bound across code changes.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from curation.errors import CacheError, Errors
from curation.records import Article, ArticleResult

CACHE_FORMAT = "curation-cache/1"  # bumped when the stored form of a result changes
DB_NAME = "results.sqlite"
_KEYS_PER_QUERY = 500  # well under SQLite's limit on bound parameters, whatever the batch size
# Package files whose contents feed the fingerprint: code and the data it ships
# (dictionaries, default configuration, lexicons).
_CODE_SUFFIXES = (".py", ".toml", ".csv", ".json", ".txt", ".tsv", ".jsonl")


def default_cache_dir(out: Path) -> Path:
    """Where a dataset's cache lives unless ``--cache`` says otherwise: ``<parent>/.cache/<name>``.

    Beside the dataset, not inside it: the dataset folder is swapped
    atomically as a whole and holds only what the manifest lists.
    """
    out = Path(out).resolve()
    return out.parent / ".cache" / out.name


def tree_digest(*roots: Path) -> str:
    """sha256 over the relative paths and bytes of the code and data files under ``roots``."""
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.suffix in _CODE_SUFFIXES and p.is_file()
                           and "__pycache__" not in p.parts):
            h.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def file_digests(paths: Iterable[str | Path]) -> dict[str, str | None]:
    """sha256 of each file (None when it cannot be read), keyed by the path as given."""
    out: dict[str, str | None] = {}
    for p in paths:
        try:
            out[str(p)] = hashlib.sha256(Path(p).read_bytes()).hexdigest()
        except OSError:
            out[str(p)] = None
    return out


def fingerprint(parts: Mapping[str, Any]) -> str:
    """sha256 of everything besides the article that a result depends on (a JSON-able mapping)."""
    blob = json.dumps({"format": CACHE_FORMAT, **parts}, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def article_key(article: Article, fp: str) -> str:
    """The cache key of ``article`` under fingerprint ``fp``: every field of the article counts."""
    h = hashlib.sha256(fp.encode())
    for f in fields(article):
        h.update(b"\x1e" + f.name.encode() + b"\x1f" + repr(getattr(article, f.name)).encode("utf-8"))
    return h.hexdigest()


@dataclass(slots=True)
class CacheStats:
    """How many articles a run took from the cache and how many it processed."""

    hits: int = 0
    misses: int = 0
    written: int = 0
    pruned: int = 0
    errors: list[str] = field(default_factory=list)


class ResultCache:
    """Per-article results stored under their key, for one fingerprint."""

    def __init__(self, folder: Path, fp: str) -> None:
        self.folder = Path(folder)
        self.fingerprint = fp
        self.stats = CacheStats()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.folder / DB_NAME, timeout=60)
            # WAL: a reader (another run on the same cache) never blocks the writer.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            for table in ("results", "blobs"):
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} "
                                 "(key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, value BLOB NOT NULL)")
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(Errors.E085.format(path=self.folder, detail=exc)) from exc

    def get_many(self, keys: Sequence[str]) -> dict[str, ArticleResult]:
        """The cached results among ``keys`` (a missing or unreadable entry is a miss)."""
        found: dict[str, ArticleResult] = {}
        for at in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = list(keys[at:at + _KEYS_PER_QUERY])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk)
            for key, value in rows:
                res = _unpack(value)
                if isinstance(res, ArticleResult):
                    found[key] = res
        self.stats.hits += len(found)
        self.stats.misses += len(keys) - len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, ArticleResult]]) -> None:
        """Store results (one transaction per call)."""
        rows = [(k, self.fingerprint, _pack(r)) for k, r in items]
        self._write("INSERT OR REPLACE INTO results (key, fingerprint, value) VALUES (?, ?, ?)", rows)
        self.stats.written += len(rows)

    def get_blob(self, key: str) -> Any:
        """A whole-run result stored with :meth:`put_blob` (None when absent or unreadable)."""
        row = self._db.execute("SELECT value FROM blobs WHERE key = ?", (key,)).fetchone()
        return None if row is None else _unpack(row[0])

    def put_blob(self, key: str, value: Any) -> None:
        """Store a whole-run result (e.g. the validation of a set of staged tables)."""
        self._write("INSERT OR REPLACE INTO blobs (key, fingerprint, value) VALUES (?, ?, ?)",
                    [(key, self.fingerprint, _pack(value))])

    def _write(self, sql: str, rows: list[tuple[str, str, bytes]]) -> None:
        try:
            with self._db:
                self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise CacheError(Errors.E085.format(path=self.folder, detail=exc)) from exc

    def prune(self) -> int:
        """Delete entries made under another fingerprint (older code, model or configuration)."""
        with self._db:
            cur = self._db.execute("DELETE FROM results WHERE fingerprint != ?", (self.fingerprint,))
            self._db.execute("DELETE FROM blobs WHERE fingerprint != ?", (self.fingerprint,))
        self.stats.pruned = cur.rowcount
        return cur.rowcount

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _pack(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(data: bytes) -> Any:
    """The stored value, or None when the entry is damaged (it is then recomputed, never fatal)."""
    try:
        return pickle.loads(zlib.decompress(data))
    except Exception:  # by design, as the docstring says
        return None
