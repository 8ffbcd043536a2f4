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
JSON, read and written by the parent process only: workers, local or on a
Dask cluster, never touch it. The cache is untrusted input (anyone who can
write its folder can change it): JSON cannot run code, and reading rebuilds
only the curator's own record types, field by field and type by type, so a
forged or damaged entry is a miss (recomputed), never an object of another
kind. A damaged database file turns the cache off for the run, with a warning;
the run goes on without it. After a successful run, entries made under
another fingerprint are deleted, so the cache holds one version of each
article's result and does not grow without bound across code changes.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import json
import math
import sqlite3
import types
import typing
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from curation import records
from curation.errors import CacheError, Errors
from curation.records import Article, ArticleResult

CACHE_FORMAT = "curation-cache/2"  # bumped when the stored form of a result changes
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
        self.disabled: str | None = None  # why the cache was turned off for this run
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

    def _broken(self, exc: sqlite3.Error) -> None:
        """Stop using a damaged database for the rest of the run: every read is a miss, nothing is written."""
        if self.disabled is None:
            self.disabled = f"E085 Cache {self.folder / DB_NAME} is damaged ({exc}); this run went on without it."
            self.stats.errors.append(self.disabled)

    def get_many(self, keys: Sequence[str]) -> dict[str, ArticleResult]:
        """The cached results among ``keys`` (a missing, unreadable or forged entry is a miss)."""
        found: dict[str, ArticleResult] = {}
        if self.disabled is None:
            try:
                for at in range(0, len(keys), _KEYS_PER_QUERY):
                    chunk = list(keys[at:at + _KEYS_PER_QUERY])
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk)
                    for key, value in rows:
                        res = _unpack(value)
                        if isinstance(res, ArticleResult):
                            found[key] = res
            except sqlite3.Error as exc:
                self._broken(exc)
                found = {}
        self.stats.hits += len(found)
        self.stats.misses += len(keys) - len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, ArticleResult]]) -> None:
        """Store results (one transaction per call)."""
        rows = [(k, self.fingerprint, _pack(r)) for k, r in items]
        if self._write("INSERT OR REPLACE INTO results (key, fingerprint, value) VALUES (?, ?, ?)", rows):
            self.stats.written += len(rows)

    def get_blob(self, key: str) -> Any:
        """A whole-run result stored with :meth:`put_blob` (None when absent, unreadable or forged)."""
        if self.disabled is not None:
            return None
        try:
            row = self._db.execute("SELECT value FROM blobs WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._broken(exc)
            return None
        return None if row is None else _unpack(row[0])

    def put_blob(self, key: str, value: Any) -> None:
        """Store a whole-run result (e.g. the validation of a set of staged tables)."""
        self._write("INSERT OR REPLACE INTO blobs (key, fingerprint, value) VALUES (?, ?, ?)",
                    [(key, self.fingerprint, _pack(value))])

    def _write(self, sql: str, rows: list[tuple[str, str, bytes]]) -> bool:
        if self.disabled is not None:
            return False
        try:
            with self._db:
                self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            self._broken(exc)
            return False
        return True

    def prune(self) -> int:
        """Delete entries made under another fingerprint (older code, model or configuration)."""
        if self.disabled is not None:
            return 0
        try:
            with self._db:
                cur = self._db.execute("DELETE FROM results WHERE fingerprint != ?", (self.fingerprint,))
                self._db.execute("DELETE FROM blobs WHERE fingerprint != ?", (self.fingerprint,))
        except sqlite3.Error as exc:
            self._broken(exc)
            return 0
        self.stats.pruned = cur.rowcount
        return cur.rowcount

    def close(self) -> None:
        """Close the database."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


# The types a cache entry may hold. Reading builds nothing else: a dataclass named in an entry must be one
# of the curator's records, and each field must hold a value of its declared type.
_RECORDS = {cls.__name__: cls for cls in vars(records).values()
            if isinstance(cls, type) and is_dataclass(cls) and cls.__module__ == records.__name__}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$f": repr(value)}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"$m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if is_dataclass(value) and type(value).__name__ in _RECORDS:
        return {"$r": type(value).__name__, "f": {f.name: _encode(getattr(value, f.name)) for f in fields(value)}}
    raise TypeError(f"cannot store {type(value).__name__} in the cache")


class _ForgedError(ValueError):
    """A cache entry that the curator did not write."""


def _decode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict) or (len(value) != 1 and set(value) != {"$r", "f"}):
        raise _ForgedError("unexpected JSON")
    if "$d" in value:
        return date.fromisoformat(value["$d"])
    if "$f" in value:
        if value["$f"] not in ("nan", "inf", "-inf"):
            raise _ForgedError("unexpected number")
        return float(value["$f"])
    if "$b" in value:
        return base64.b64decode(value["$b"], validate=True)
    if "$t" in value:
        return tuple(_decode(v) for v in value["$t"])
    if "$m" in value:
        return {_decode(k): _decode(v) for k, v in value["$m"]}
    if "$r" in value:
        cls = _RECORDS.get(value["$r"])
        given = value.get("f")
        if cls is None or not isinstance(given, dict) or set(given) != {f.name for f in fields(cls)}:
            raise _ForgedError(f"not a record: {value.get('$r')!r}")
        hints = _hints(cls)
        kwargs = {name: _decode(v) for name, v in given.items()}
        for name, v in kwargs.items():
            if not _is_a(v, hints[name]):
                raise _ForgedError(f"{cls.__name__}.{name} holds {type(v).__name__}")
        return cls(**kwargs)
    raise _ForgedError("unexpected JSON object")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_a(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of the declared type ``hint`` (the forms records.py uses)."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_is_a(value, h) for h in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_is_a(v, args[0]) for v in value)
        return len(args) == len(value) and all(_is_a(v, a) for v, a in zip(value, args, strict=True))
    if origin is not None:
        return isinstance(value, origin)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _pack(value: Any) -> bytes:
    text = json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return zlib.compress(text.encode("utf-8"), 1)


def _unpack(data: bytes) -> Any:
    """The stored value, or None when the entry is damaged or forged (it is then recomputed, never fatal).

    Decompression is bounded, so that a small forged entry cannot expand into all of memory.
    """
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(data, _MAX_ENTRY)
        if inflater.unconsumed_tail:
            return None
        return _decode(json.loads(raw.decode("utf-8")))
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError, KeyError, RecursionError):
        return None


_MAX_ENTRY = 1 << 30  # an article's result is a few MB at most; a validation blob holds rewritten tables
