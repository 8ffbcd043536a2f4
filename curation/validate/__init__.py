"""Validation: generated great-expectations suites, cross-table checks, quarantine and the report.

    validate_tables(tables)        the tables a run is about to write
    validate_dataset(path)         a dataset folder already written (any schema version)
    quarantine(tables, result)     rows failing blocking checks moved to the quarantine table
    render_report(result)          one self-contained HTML page (see curation.validate.report)

Failures are collected, never stopped at the first: every check runs and
reports how many rows failed and which.
"""

from __future__ import annotations

from curation.validate.core import ArticleRef, CheckResult, Example, ValidationResult
from curation.validate.quarantine import quarantine
from curation.validate.report import render_report
from curation.validate.run import validate_dataset, validate_frames, validate_tables

__all__ = [
    "ArticleRef", "CheckResult", "Example", "ValidationResult", "quarantine", "render_report",
    "validate_dataset", "validate_frames", "validate_tables",
]
