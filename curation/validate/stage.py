"""Validation as the last stage of ``curate run``: validate, quarantine, report.

The run validates the tables it is about to write, moves rows failing a
blocking check to ``quarantine`` and writes the report into the dataset
folder with the tables, so the report, the manifest and the data always
belong to each other.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from curation.validate.core import ValidationResult
from curation.validate.frames import read_raw_table, to_frame
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
        s = self.result.summary()
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


def validate_staged(staging: Path, counts: Mapping[str, int]) -> StagedOutcome:
    """Validate the tables written to ``staging``; rewrite those that lost rows to quarantine, add the report.

    Validation sees whole tables (foreign keys and evidence slices cross them),
    so they are read back here once, after the streaming write.
    """
    from curation.tables import build_table
    from curation.write import write_files, write_table

    tables = {}
    for name in TABLES:
        table = read_raw_table(staging, name)
        tables[name] = table if table is not None else build_table(name, [])
    checked = validate_for_write(tables)
    after = dict(counts)
    for name in TABLES:
        if checked.tables[name].num_rows != tables[name].num_rows:
            shutil.rmtree(staging / name, ignore_errors=True)
            write_table(staging, name, build_table(name, checked.tables[name].to_pylist()))
            after[name] = checked.tables[name].num_rows
    write_files(staging, checked.files)
    return StagedOutcome(manifest=checked.manifest, summary=checked.line(), counts=after)
