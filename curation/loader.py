"""Load a dataset folder into pandas with proper dtypes.

Dates become ``datetime64``, enumerations become categoricals with the
declared categories, lists stay lists. A plain ``pd.read_parquet(folder)``
works too; this loader adds the dtypes and checks the schema version.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset as ds

from curation.errors import DatasetError, DatasetNotFoundError, Errors, SchemaVersionError
from curation.write import MANIFEST
from schemas import TABLES
from schemas.arrow import arrow_schema


class Dataset(Mapping[str, pd.DataFrame]):
    """The tables of a dataset, by name (``ds["events"]`` or ``ds.events``), and its manifest."""

    def __init__(self, path: Path, frames: dict[str, pd.DataFrame], manifest: dict[str, Any]) -> None:
        self.path = path
        self._frames = frames
        self.manifest = manifest

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self._frames[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={len(v)}" for k, v in self._frames.items())
        return f"Dataset({str(self.path)!r}: {counts})"


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of the dataset at ``path``; a clear error when it is missing, truncated or not a manifest."""
    mpath = Path(path) / MANIFEST
    if not mpath.is_file():
        raise DatasetNotFoundError(Errors.E040.format(path=path))
    try:
        manifest = json.loads(mpath.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise DatasetError(Errors.E045.format(path=path, detail=f"{type(exc).__name__}: {exc}"[:200])) from exc
    if not isinstance(manifest, dict):
        raise DatasetError(Errors.E045.format(path=path, detail=f"a JSON {type(manifest).__name__}, not an object"))
    for key, kind in (("files", dict), ("row_counts", dict)):
        if key in manifest and not isinstance(manifest[key], kind):
            raise DatasetError(Errors.E045.format(path=path, detail=f"'{key}' is not a JSON object"))
    return manifest


def file_mismatches(path: Path, manifest: Mapping[str, Any],
                    tables: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """``(file, what)`` for every dataset file that is not as the manifest records it.

    ``what`` is ``missing``, ``changed`` (other sha256) or ``unlisted`` (a Parquet file the manifest
    does not name). ``tables`` limits the comparison to those tables' folders; without it every file
    the manifest lists is compared. Both :func:`load` and ``curate validate`` use it.
    """
    from curation.write import file_sha256

    root = Path(path)
    listed: dict[str, str] = dict(manifest.get("files") or {})
    out: list[tuple[str, str]] = []
    for rel, digest in sorted(listed.items()):
        if tables is not None and rel.split("/", 1)[0] not in tables:
            continue
        f = root / rel
        if not f.is_file():
            out.append((rel, "missing"))
        elif file_sha256(f) != digest:
            out.append((rel, "changed"))
    for folder in ([root / t for t in tables] if tables is not None else [root]):
        if folder.is_dir():
            out += [(rel, "unlisted") for f in sorted(folder.rglob("*.parquet"))
                    if f.is_file() and (rel := f.relative_to(root).as_posix()) not in listed]
    return out


_SAID = {"missing": "is missing", "changed": "has other bytes than the manifest records",
         "unlisted": "is not in the manifest"}


def verify_files(path: Path, manifest: Mapping[str, Any], tables: Sequence[str]) -> None:
    """Raise E046 unless the files of ``tables`` are exactly those the manifest lists, with its sha256.

    A deleted year partition, an extra part file or a flipped bit would
    otherwise load as data that no run wrote, under the intact dataset's
    manifest sha256.
    """
    problems = [f"{rel} {_SAID[what]}" for rel, what in file_mismatches(path, manifest, tables)]
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise DatasetError(Errors.E046.format(path=path, detail=shown))


def read_table(path: Path, name: str) -> pd.DataFrame:
    """One table of a dataset as a typed DataFrame."""
    decl = TABLES[name]
    folder = Path(path) / name
    schema = arrow_schema(decl)
    if decl.partition_by:
        dataset = ds.dataset(folder, format="parquet", partitioning="hive", schema=schema)
    else:
        dataset = ds.dataset(folder, format="parquet", schema=schema)
    df = dataset.to_table().to_pandas()
    sort = list(decl.sort_by)
    if len(df):
        df = df.sort_values(sort, kind="stable").reset_index(drop=True)
    for col in decl.columns:
        if col.type == "date":
            df[col.name] = pd.to_datetime(df[col.name])
        elif col.type == "category":
            df[col.name] = pd.Categorical(df[col.name], categories=list(col.allowed or ()))
    return df


def manifest_schema_version(manifest: Mapping[str, Any]) -> str | None:
    """The schema version a manifest says its dataset was written with (None when it says none)."""
    found = manifest.get("versions", {}).get("schemas", {}).get("schema_version", manifest.get("schema_version"))
    return None if found is None else str(found)


def load(path: str | Path, *, tables: Sequence[str] | None = None, verify: bool = True) -> Dataset:
    """Load the dataset at ``path`` (all tables, or those named).

    With ``verify`` (the default) the files of the tables read are checked
    against the manifest first: the same files, the same sha256 (about a
    second per GB). ``verify=False`` reads the folder as it is.
    """
    path = Path(path)
    manifest = read_manifest(path)
    found = str(manifest_schema_version(manifest))
    from schemas import SCHEMA_VERSION

    if found.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise SchemaVersionError(Errors.E041.format(path=path, found=found, table="*", expected=SCHEMA_VERSION))
    names = list(tables) if tables else list(TABLES)
    if verify:
        verify_files(path, manifest, names)
    return Dataset(path, {n: read_table(path, n) for n in names}, manifest)
