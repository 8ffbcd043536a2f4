"""Validation: generated great-expectations suites, cross-table checks, quarantine and the report.

    validate_tables(tables)        the tables a run is about to write
    validate_dataset(path)         a dataset folder already written (any schema version)
    quarantine(tables, result)     rows failing blocking checks moved to the quarantine table
    render_report(result)          one self-contained HTML page (see curation.validate.report)
    validate_for_write(tables)     all three, as the last stage of ``curate run``

Failures are collected, never stopped at the first: every check runs and
reports how many rows failed and which.
"""

from __future__ import annotations

from curation.validate.core import ArticleRef, CheckResult, Example, ValidationResult
from curation.validate.quarantine import quarantine
from curation.validate.report import render_report, summary_lines, write_report
from curation.validate.run import validate_dataset, validate_frames, validate_tables
from curation.validate.stage import REPORT_PATH, Validated, validate_for_write

__all__ = [
    "REPORT_PATH", "ArticleRef", "CheckResult", "Example", "Validated", "ValidationResult", "quarantine",
    "render_report", "summary_lines", "validate_dataset", "validate_for_write", "validate_frames", "validate_tables",
    "write_report",
]
