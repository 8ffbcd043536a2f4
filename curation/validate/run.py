"""Validation wired: every table's suite, then the cross-table checks, into one result."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from curation.errors import Errors
from curation.validate.core import ArticleRef, CheckResult, ValidationResult
from curation.validate.cross import article_texts, run_cross_checks
from curation.validate.examples import plain
from curation.validate.expectations import _context, run_suite
from curation.validate.frames import read_raw_table, to_frame
from curation.validate.suites import all_suites
from schemas import SCHEMA_VERSION, TABLES
from schemas.arrow import arrow_schema


def _articles_cited(checks: list[CheckResult], frames: Mapping[str, pd.DataFrame]) -> dict[str, ArticleRef]:
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
                    suites_for: Collection[str] | None = None) -> ValidationResult:
    """Validate tables already read into pandas (see :func:`curation.validate.frames.to_frame`).

    ``suites_for`` limits the great-expectations suites to the tables named
    (the cross-table checks always run): great-expectations costs about half
    a second per table, which a caller that changed one table need not pay.
    """
    suites = all_suites()
    texts = article_texts(frames)
    ctx = _context()
    checks: list[CheckResult] = []
    for name in TABLES:
        if suites_for is None or name in suites_for:
            checks.extend(run_suite(suites[name], frames[name], texts, context=ctx))
    checks.extend(run_cross_checks(frames, texts))
    return ValidationResult(
        checks=tuple(checks), row_counts={n: len(frames[n]) for n in TABLES},
        suites={n: str(s["meta"]["version"]) for n, s in suites.items()}, schema_version=SCHEMA_VERSION,
        dataset_schema_version=dataset_schema_version, articles=_articles_cited(checks, frames), notes=notes,
        quarantined=dict(quarantined or {}))


def validate_tables(tables: Mapping[str, pa.Table], *, suites_for: Collection[str] | None = None) -> ValidationResult:
    """Validate the pyarrow tables a run is about to write (``suites_for``: see :func:`validate_frames`)."""
    return validate_frames({n: to_frame(tables[n]) for n in TABLES}, dataset_schema_version=SCHEMA_VERSION,
                           suites_for=suites_for)


def _manifest_schema_version(manifest: Mapping[str, Any]) -> str | None:
    found = manifest.get("versions", {}).get("schemas", {}).get("schema_version", manifest.get("schema_version"))
    return None if found is None else str(found)


def validate_dataset(path: str | Path) -> ValidationResult:
    """Validate the dataset folder at ``path``, whatever schema version wrote it.

    Tables are read as written; one whose schema differs from the declaration
    fails the suite's column and type expectations instead of stopping the
    run, and the result carries a note saying which version wrote it.
    """
    from curation.loader import read_manifest

    path = Path(path)
    manifest = read_manifest(path)
    found = _manifest_schema_version(manifest)
    notes: list[str] = []
    if found != SCHEMA_VERSION:
        notes.append(Errors.E060.format(path=path, found=found, expected=SCHEMA_VERSION))
    frames: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        table = read_raw_table(path, name)
        if table is None:
            notes.append(Errors.E062.format(table=name, path=path))
            table = arrow_schema(TABLES[name]).empty_table()
        frames[name] = to_frame(table)
    quarantined = manifest.get("validation", {}).get("quarantined", {})
    return validate_frames(frames, dataset_schema_version=found, notes=tuple(notes), quarantined=quarantined)
