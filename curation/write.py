"""Write: a dataset folder of Parquet tables and its manifest, swapped in atomically.

Everything is first written to a staging folder beside the target, then the
staging folder and the target are exchanged in one ``renameat2(RENAME_EXCHANGE)``
call where the kernel has it, so a run killed at any point leaves either the
previous dataset or the new one, complete. Bytes are deterministic: rows are
sorted by the declared keys, files are written single-threaded with fixed
options, and the manifest holds no clocks.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import signal
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curation.errors import DatasetError, Errors
from schemas import TABLES

MANIFEST = "manifest.json"
STAGING_PREFIX = ".curate-staging-"
# Rows without a date go to `year=undated`. Hive's own null name
# (__HIVE_DEFAULT_PARTITION__) makes pyarrow build a dictionary with a null,
# which plain `pd.read_parquet(folder)` cannot convert ("Cannot yet unify
# dictionaries with nulls"); a plain word keeps the folder loadable anywhere.
NULL_PARTITION = "undated"
_WRITE_OPTIONS: dict[str, Any] = {
    "compression": "zstd", "compression_level": 3, "use_dictionary": True,
    "write_statistics": True, "version": "2.6", "data_page_size": 1 << 20,
}


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_parquet(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, **_WRITE_OPTIONS)
    delay = os.environ.get("CURATION_TEST_WRITE_DELAY")
    if delay:  # test hook: lets a test kill a run in the middle of writing
        time.sleep(float(delay))


def write_table(root: Path, name: str, table: pa.Table) -> list[Path]:
    """Write one table under ``root/name``; partitioned tables go to ``year=YYYY`` folders."""
    decl = TABLES[name]
    if decl.partition_by is None:
        path = root / name / "part-0.parquet"
        _write_parquet(table, path)
        return [path]
    assert decl.partition_source is not None
    years = pc.year(table[decl.partition_source]) if table.num_rows else pa.array([], pa.int64())
    keys = sorted(set(years.to_pylist()), key=lambda y: (y is not None, y or 0)) or [None]
    written = []
    for y in keys:
        mask = pc.is_null(years) if y is None else pc.equal(years, y)
        part = table.filter(mask) if table.num_rows else table
        folder = f"{decl.partition_by}={NULL_PARTITION if y is None else y}"
        path = root / name / folder / "part-0.parquet"
        _write_parquet(part, path)
        written.append(path)
    return written


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def _alive(pid: str) -> bool:
    """Whether the process ``pid`` (a staging folder's suffix) still runs; True when that cannot be told."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_stale_staging(parent: Path, name: str) -> None:
    """Remove staging folders left by killed runs (their process is gone)."""
    for p in parent.glob(f"{STAGING_PREFIX}{name}-*"):
        if not _alive(p.name.rsplit("-", 1)[-1]):
            if p.is_symlink() or not p.is_dir():
                p.unlink(missing_ok=True)
            else:
                shutil.rmtree(p, ignore_errors=True)


def write_files(root: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (path relative to ``root`` -> bytes) under ``root``, making folders as needed."""
    for rel, data in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_dataset(out: Path, tables: Mapping[str, pa.Table], manifest: dict[str, Any]) -> dict[str, Any]:
    """Write ``tables`` and ``manifest`` (completed with row counts and file hashes) to ``out``.

    Returns the completed manifest. The previous dataset at ``out`` stays
    intact until the new one is complete.
    """
    staging = open_staging(out)
    try:
        for name in TABLES:
            write_table(staging, name, tables[name])
        return commit_staging(staging, out, manifest, {name: tables[name].num_rows for name in TABLES})
    except BaseException:
        discard_staging(staging)
        raise


DATASET_FORMAT = "curation-dataset/1"


def dataset_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of ``folder`` if it is a dataset curate wrote (a JSON object naming curate's
    dataset format and listing its files), else None. A file merely named ``manifest.json`` (a web
    app's, a browser extension's) does not make a folder a dataset."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if (not isinstance(manifest, dict) or not str(manifest.get("dataset_format", "")).startswith("curation-dataset/")
            or not isinstance(manifest.get("files"), dict)):
        return None
    return manifest


def check_replaceable(out: Path) -> None:
    """Raise unless ``out`` is absent, an empty folder, or a dataset curate wrote holding only its own files.

    A run replaces the whole folder, so anything else in it (a notebook put
    there by hand, another program's files) would be deleted: the run stops first.
    """
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise DatasetError(Errors.E042.format(path=out, detail="it is not a folder"))
    if not any(out.iterdir()):
        return
    manifest = dataset_manifest(out)
    if manifest is None:
        detail = ("its manifest.json was not written by curate" if (out / MANIFEST).exists()
                  else "it holds files and no manifest.json")
        raise DatasetError(Errors.E042.format(path=out, detail=detail))
    known = set(manifest["files"]) | {MANIFEST}
    foreign = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                     if (p.is_file() or p.is_symlink()) and p.relative_to(out).as_posix() not in known)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise DatasetError(Errors.E043.format(path=out, n=len(foreign), files=shown))


def open_staging(out: Path) -> Path:
    """Check ``out`` can be (re)written and make an empty staging folder beside it.

    Streaming runs write into the staging folder as they go (parts included),
    so a run killed at any point leaves the previous dataset untouched and
    the next run removes what the killed one left. ``out`` given as a symbolic
    link is written where it points, and the link is kept.
    """
    out = real_out(Path(out))
    here, target = Path(os.path.realpath(os.getcwd())), Path(os.path.realpath(out))
    if here == target or target in here.parents:
        # Replacing it would leave the user's shell in a deleted folder (and `--out /` would stage nowhere).
        raise DatasetError(Errors.E044.format(path=out))
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover_set_aside(out)
    check_replaceable(out)
    _clean_stale_staging(out.parent, out.name)
    staging = out.parent / f"{STAGING_PREFIX}{out.name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def real_out(out: Path) -> Path:
    """The folder a run writes, as an absolute path: ``out`` itself, or where it points when it is a
    symbolic link (``--out .`` has a parent to stage beside only once made absolute)."""
    return Path(os.path.realpath(out)) if out.is_symlink() else Path(os.path.abspath(out))


def _recover_set_aside(out: Path) -> None:
    """Put back a previous dataset that a run killed inside the two-rename fallback had set aside.

    Between the fallback's two renames ``out`` does not exist and the previous
    dataset lies in ``.curate-staging-NAME-old-PID``; that copy is restored
    before anything stale is cleaned, so it is never deleted as debris.
    """
    if out.exists():
        return
    for old in sorted(out.parent.glob(f"{STAGING_PREFIX}{out.name}-old-*")):
        if _alive(old.name.rsplit("-", 1)[-1]) or dataset_manifest(old) is None:
            continue
        os.rename(old, out)
        return


def discard_staging(staging: Path) -> None:
    """Remove a staging folder of a run that failed."""
    shutil.rmtree(staging, ignore_errors=True)


def manifest_text(manifest: Mapping[str, Any]) -> str:
    """``manifest.json`` as written: sorted keys, two-space indent, UTF-8 text, a final newline."""
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def commit_staging(staging: Path, out: Path, manifest: dict[str, Any], row_counts: Mapping[str, int]) -> dict[str, Any]:
    """Hash the files written in ``staging``, add the manifest, and swap the folder in as ``out``.

    Returns the completed manifest.
    """
    out = Path(out)
    files: dict[str, str] = {}
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            files[path.relative_to(staging).as_posix()] = file_sha256(path)
    manifest = dict(manifest)
    manifest["row_counts"] = {name: int(row_counts[name]) for name in TABLES}
    manifest["files"] = dict(sorted(files.items()))
    (staging / MANIFEST).write_text(manifest_text(manifest), encoding="utf-8")
    _fsync_tree(staging)
    _fault("staged")
    out = real_out(out)
    if out.exists():
        if not _exchange_allowed() or not _exchange(staging, out):
            # No atomic exchange on this system: move the old one aside first. A run killed
            # between the two renames leaves it there, and the next run puts it back.
            old = out.parent / f"{STAGING_PREFIX}{out.name}-old-{os.getpid()}"
            os.rename(out, old)
            _fault("set_aside")
            try:
                os.rename(staging, out)
            except BaseException:
                os.rename(old, out)
                raise
            staging = old
        _fault("swapped")
        shutil.rmtree(staging, ignore_errors=True)
    else:
        os.rename(staging, out)
    _fsync_dir(out.parent)
    return manifest


def _exchange_allowed() -> bool:
    # Test hook: CURATION_TEST_NO_EXCHANGE=1 takes the two-rename fallback, as on systems without renameat2.
    return os.environ.get("CURATION_TEST_NO_EXCHANGE") != "1"


def _fault(step: str) -> None:
    """Test hook: CURATION_TEST_KILL_AT=STEP kills the process (SIGKILL) at that step of the commit."""
    if os.environ.get("CURATION_TEST_KILL_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def write_file_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a hidden file beside it and one rename.

    A report or a timeline interrupted half-way (Ctrl-C, a full disk) leaves
    the file as it was, never a truncated page; the hidden file is removed.
    """
    path = Path(path)
    tmp = path.parent / f".{path.name}.curate-{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
