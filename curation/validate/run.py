"""Validation wired: every table's suite, then the cross-table checks, into one result."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from curation.errors import Errors
from curation.validate.core import MAX_EXAMPLES, ArticleRef, CheckResult, Example, ValidationResult
from curation.validate.cross import article_texts, run_cross_checks
from curation.validate.examples import plain
from curation.validate.expectations import gx_context, run_suite
from curation.validate.frames import read_raw_table, to_frame
from curation.validate.suites import all_suites
from schemas import SCHEMA_VERSION, TABLES
from schemas.arrow import arrow_schema


def articles_cited(checks: list[CheckResult], frames: Mapping[str, pd.DataFrame]) -> dict[str, ArticleRef]:
    """The articles the examples of ``checks`` come from, as the report shows them (from ``frames['articles']``)."""
    cited = sorted({e.article_id for c in checks for e in c.examples if e.article_id})
    arts = frames.get("articles")
    if arts is None or "article_id" not in arts.columns:
        return {}
    index = {a: i for i, a in enumerate(arts["article_id"]) if isinstance(a, str)}
    out = {}
    for aid in cited:
        if aid not in index:
            continue
        row = {c: plain(arts.at[index[aid], c]) for c in ("title", "publisher", "published", "source", "url")
               if c in arts.columns}
        out[aid] = ArticleRef(article_id=aid, title=row.get("title"), publisher=row.get("publisher"),
                              published=row.get("published"), source=str(row.get("source") or ""),
                              url=row.get("url"))
    return out


def validate_frames(frames: Mapping[str, pd.DataFrame], *, dataset_schema_version: str | None = None,
                    notes: tuple[str, ...] = (), quarantined: Mapping[str, int] | None = None,
                    suites_for: Collection[str] | None = None,
                    extra: Sequence[CheckResult] = ()) -> ValidationResult:
    """Validate tables already read into pandas (see :func:`curation.validate.frames.to_frame`).

    ``suites_for`` limits the great-expectations suites to the tables named
    (the cross-table checks always run): great-expectations costs about half
    a second per table, which a caller that changed one table need not pay.
    """
    suites = all_suites()
    texts = article_texts(frames)
    names = [n for n in TABLES if suites_for is None or n in suites_for]
    ctx = gx_context() if names else None  # importing great-expectations takes seconds: only when used
    checks: list[CheckResult] = list(extra)
    for name in names:
        checks.extend(run_suite(suites[name], frames[name], texts, context=ctx))
    checks.extend(run_cross_checks(frames, texts))
    return ValidationResult(
        checks=tuple(checks), row_counts={n: len(frames[n]) for n in TABLES},
        suites={n: str(s["meta"]["version"]) for n, s in suites.items()}, schema_version=SCHEMA_VERSION,
        dataset_schema_version=dataset_schema_version, articles=articles_cited(checks, frames), notes=notes,
        quarantined=dict(quarantined or {}))


def validate_tables(tables: Mapping[str, pa.Table], *, suites_for: Collection[str] | None = None) -> ValidationResult:
    """Validate the pyarrow tables a run is about to write (``suites_for``: see :func:`validate_frames`)."""
    return validate_frames({n: to_frame(tables[n]) for n in TABLES}, dataset_schema_version=SCHEMA_VERSION,
                           suites_for=suites_for)


def _file_check(path: Path, manifest: Mapping[str, Any]) -> CheckResult:
    """Every file the manifest lists is there with the sha256 it records, and no table file is unlisted."""
    from curation.loader import file_mismatches

    listed: dict[str, str] = dict(manifest.get("files") or {})
    said = {"missing": "missing", "changed": "sha256 differs from the manifest", "unlisted": "not in the manifest"}
    bad = [f"{rel}: {said[what]}" for rel, what in file_mismatches(path, manifest)]
    examples = tuple(Example(table="dataset", row_key=json.dumps({"file": b.split(":")[0]}), value=b)
                     for b in bad[:MAX_EXAMPLES])
    return CheckResult(name="dataset.files_match_manifest", table="dataset", columns=(), kind="dataset",
                       description="every file listed in manifest.json is present with the sha256 it records",
                       blocking=True, success=not bad and bool(listed), n_rows=len(listed),
                       unexpected_count=len(bad), examples=examples,
                       error=None if listed else "the manifest lists no files")


def _count_check(manifest: Mapping[str, Any], counts: Mapping[str, int]) -> CheckResult:
    """The row counts the manifest records are those of the tables."""
    recorded = manifest.get("row_counts") or {}
    bad = [f"{n}: {counts[n]} rows, the manifest says {recorded.get(n)}" for n in TABLES
           if n in recorded and recorded.get(n) != counts[n]]
    bad += [f"{n}: not counted in the manifest" for n in TABLES if n not in recorded]
    examples = tuple(Example(table="dataset", row_key=json.dumps({"table": b.split(":")[0]}), value=b)
                     for b in bad[:MAX_EXAMPLES])
    return CheckResult(name="dataset.row_counts_match_manifest", table="dataset", columns=(), kind="dataset",
                       description="the row count manifest.json records for each table is the table's",
                       blocking=True, success=not bad, n_rows=len(TABLES), unexpected_count=len(bad),
                       examples=examples)


def _table_check(name: str, problem: str | None) -> CheckResult:
    return CheckResult(name=f"dataset.{name}.readable", table=name, columns=(), kind="dataset",
                       description=f"table {name} is present and readable as Parquet", blocking=True,
                       success=problem is None, n_rows=0, error=problem)


def validate_dataset(path: str | Path) -> ValidationResult:
    """Validate the dataset folder at ``path``, whatever schema version wrote it.

    Tables are read as written; one whose schema differs from the declaration
    fails the suite's column and type expectations instead of stopping the
    run, and the result carries a note saying which version wrote it. A table
    that is missing or unreadable, or a file whose bytes differ from the
    manifest's sha256, is a failed check too.
    """
    from curation.loader import manifest_schema_version, read_manifest

    path = Path(path)
    manifest = read_manifest(path)
    found = manifest_schema_version(manifest)
    notes: list[str] = []
    if found != SCHEMA_VERSION:
        notes.append(Errors.E060.format(path=path, found=found, expected=SCHEMA_VERSION))
    frames: dict[str, pd.DataFrame] = {}
    extra = [_file_check(path, manifest)]
    for name in TABLES:
        problem = None
        try:
            table = read_raw_table(path, name)
        except (OSError, pa.ArrowException) as exc:
            # by design: a damaged table is a finding of validation, not a crash of it
            table, problem = None, f"cannot be read: {type(exc).__name__}: {exc}"[:300]
        if table is None:
            if problem is None:
                problem = "missing"
                notes.append(Errors.E062.format(table=name, path=path))
            table = arrow_schema(TABLES[name]).empty_table()
        extra.append(_table_check(name, problem))
        frames[name] = to_frame(table)
    extra.append(_count_check(manifest, {n: len(f) for n, f in frames.items()}))
    quarantined = manifest.get("validation", {}).get("quarantined", {})
    return validate_frames(frames, dataset_schema_version=found, notes=tuple(notes), quarantined=quarantined,
                           extra=extra)
