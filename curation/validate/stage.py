"""Validation as the last stage of ``curate run``: validate, quarantine, report.

The run validates the tables it is about to write, moves rows failing a
blocking check to ``quarantine`` and writes the report into the dataset
folder with the tables, so the report, the manifest and the data always
belong to each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyarrow as pa

from curation.validate.core import ValidationResult
from curation.validate.frames import to_frame
from curation.validate.quarantine import quarantine
from curation.validate.report import render_report
from curation.validate.run import validate_frames
from schemas import SCHEMA_VERSION, TABLES

# Where the report goes inside a dataset folder (a path relative to it, as the manifest lists files).
REPORT_PATH = "validation/report.html"


@dataclass(frozen=True, slots=True)
class Validated:
    """What the run writes after validation: the tables, the manifest entry and the report's bytes."""

    tables: dict[str, pa.Table]
    result: ValidationResult
    manifest: dict[str, Any]
    files: dict[str, bytes]

    def line(self) -> str:
        """One line for the run's summary."""
        return summary_line(self.result)


def summary_line(result: ValidationResult) -> str:
    """The run summary's line for a validation."""
    s = result.summary()
    status = "all blocking checks hold" if s["success"] else f"{s['failed_blocking']} blocking check(s) failed"
    if not s["success"] and not s["passes_after_quarantine"]:
        status += " (not about rows: what was written still fails them)"
    moved = f", {s['rows_quarantined']} row(s) moved to quarantine" if s["rows_quarantined"] else ""
    warn = f", {s['failed_warnings']} warning(s)" if s["failed_warnings"] else ""
    return f"  validation: {s['checks']} checks, {status}{moved}{warn}; report {REPORT_PATH}"


def validate_for_write(tables: Mapping[str, pa.Table]) -> Validated:
    """Validate ``tables``, quarantine the rows failing blocking checks and render the report."""
    frames = {n: to_frame(tables[n]) for n in TABLES}  # once, for the checks and for quarantine
    result = validate_frames(frames, dataset_schema_version=SCHEMA_VERSION)
    kept, result = quarantine(tables, result, frames=frames)
    html = render_report(result)
    return Validated(tables=kept, result=result, manifest=result.manifest_entry(report=REPORT_PATH),
                     files={REPORT_PATH: html.encode("utf-8")})


@dataclass(frozen=True, slots=True)
class StagedOutcome:
    """What validating a staging folder leaves the run to record: the manifest entry, the summary line and
    the row counts after quarantine (small enough to send back from a validation process)."""

    manifest: dict[str, Any]
    summary: str
    counts: dict[str, int]

    def line(self) -> str:
        """The summary line."""
        return self.summary


def validate_staged(staging: Path, counts: Mapping[str, int], *, per_group: int | None = None) -> StagedOutcome:
    """Validate the tables written to ``staging``; rewrite those that lost rows to quarantine, add the report.

    The tables are validated by groups of ``per_group`` articles (see
    :mod:`curation.validate.groups`), so that memory stays bounded however
    large the corpus; the outcome does not depend on the size of the groups.
    """
    from curation.validate.groups import GROUP_ARTICLES, GroupedValidation, article_groups
    from curation.write import write_files

    run = GroupedValidation(article_groups(staging, per_group or GROUP_ARTICLES))
    result = run.validate()
    moved = run.quarantine()
    after = dict(counts)
    if moved:
        after.update(run.write(staging))
        result = replace(result, quarantined=moved)
    write_files(staging, {REPORT_PATH: render_report(result).encode("utf-8")})
    return StagedOutcome(manifest=result.manifest_entry(report=REPORT_PATH), summary=summary_line(result),
                         counts=after)
