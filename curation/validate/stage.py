"""Validation as the last stage of ``curate run``: validate, quarantine, report.

The run validates the tables it is about to write, moves rows failing a
blocking check to ``quarantine`` and writes the report into the dataset
folder with the tables, so the report, the manifest and the data always
belong to each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from curation.validate.core import ValidationResult
from curation.validate.quarantine import quarantine
from curation.validate.report import render_report
from curation.validate.run import validate_tables

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
        moved = f", {s['rows_quarantined']} row(s) moved to quarantine" if s["rows_quarantined"] else ""
        warn = f", {s['failed_warnings']} warning(s)" if s["failed_warnings"] else ""
        return f"  validation: {s['checks']} checks, {status}{moved}{warn}; report {REPORT_PATH}"


def validate_for_write(tables: Mapping[str, pa.Table]) -> Validated:
    """Validate ``tables``, quarantine the rows failing blocking checks and render the report."""
    result = validate_tables(tables)
    kept, result = quarantine(tables, result)
    html = render_report(result)
    return Validated(tables=kept, result=result, manifest=result.manifest_entry(report=REPORT_PATH),
                     files={REPORT_PATH: html.encode("utf-8")})
