"""What validation produces: check results with counts and example rows, collected, never stopped at the first.

A check is either an expectation of a table's generated great-expectations
suite (types, nullability, allowed values, uniqueness, ranges, formats) or a
cross-table check (foreign keys, offsets and evidence slices, dates). Each
result says how many rows failed and which, so a blocking failure can move
exactly those rows to the ``quarantine`` table, and the report can show
examples a reviewer can follow back to the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How many example rows a failed check keeps for the report and the JSON output.
MAX_EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class Example:
    """One row that failed a check, with what a reviewer needs to look at it."""

    table: str
    row_key: str  # the row's primary key as JSON
    value: str  # the offending value(s), as text
    article_id: str | None = None
    evidence: str | None = None  # the text around the span the row points to
    span: tuple[int, int] | None = None  # offsets of the span inside ``evidence``


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one check over one table.

    ``rows`` are positions of the failing rows in the table as validated
    (after sorting by the declared keys); ``error`` is set when the check
    could not run at all (a missing column, say), which counts as a failure.
    """

    name: str  # e.g. "events.event_id.not_null" or "fk.events.article_id"
    table: str
    columns: tuple[str, ...]
    kind: str  # great-expectations expectation type, or the cross-table check's name
    description: str
    blocking: bool
    success: bool
    n_rows: int
    unexpected_count: int = 0
    rows: tuple[int, ...] = ()
    examples: tuple[Example, ...] = ()
    error: str | None = None
    suite: str | None = None  # "table@version" for suite expectations, None for cross-table checks

    @property
    def unexpected_percent(self) -> float:
        """Share of the table's rows that failed, in percent."""
        return 100.0 * self.unexpected_count / self.n_rows if self.n_rows else 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (row positions left out: they mean nothing outside this run)."""
        return {
            "name": self.name, "table": self.table, "columns": list(self.columns), "kind": self.kind,
            "description": self.description, "blocking": self.blocking, "success": self.success,
            "n_rows": self.n_rows, "unexpected_count": self.unexpected_count, "error": self.error,
            "suite": self.suite,
            "examples": [
                {"row_key": e.row_key, "value": e.value, "article_id": e.article_id, "evidence": e.evidence}
                for e in self.examples
            ],
        }


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article cited by an example row: what the report shows of it."""

    article_id: str
    title: str | None
    publisher: str | None
    published: str | None
    source: str
    url: str | None


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """Every check's result over a dataset, plus what the report needs to show them."""

    checks: tuple[CheckResult, ...]
    row_counts: dict[str, int]
    suites: dict[str, str]  # table -> suite version
    schema_version: str  # the version the data was validated against
    dataset_schema_version: str | None = None  # the version the dataset says it was written with
    articles: dict[str, ArticleRef] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # messages for the reader (schema version differences ...)
    quarantined: dict[str, int] = field(default_factory=dict)  # rows moved out, by table

    @property
    def failed(self) -> list[CheckResult]:
        """Checks that did not hold, blocking first."""
        return sorted((c for c in self.checks if not c.success), key=lambda c: (not c.blocking, c.table, c.name))

    @property
    def success(self) -> bool:
        """True when every blocking check holds."""
        return all(c.success for c in self.checks if c.blocking)

    @property
    def strict_success(self) -> bool:
        """True when every check, warnings included, holds."""
        return all(c.success for c in self.checks)

    def summary(self) -> dict[str, Any]:
        """Counts for the manifest, the CLI and the report's summary."""
        failed = self.failed
        return {
            "success": self.success,
            "checks": len(self.checks),
            "passed": sum(c.success for c in self.checks),
            "failed_blocking": sum(c.blocking for c in failed),
            "failed_warnings": sum(not c.blocking for c in failed),
            "rows_quarantined": sum(self.quarantined.values()),
            "schema_version": self.schema_version,
            "dataset_schema_version": self.dataset_schema_version,
        }

    def as_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready data (``curate validate --json``)."""
        return {
            "summary": self.summary(), "suites": dict(sorted(self.suites.items())),
            "row_counts": dict(self.row_counts), "quarantined": dict(sorted(self.quarantined.items())),
            "notes": list(self.notes), "failed": [c.as_dict() for c in self.failed],
            "checks": [{"name": c.name, "blocking": c.blocking, "success": c.success,
                        "unexpected_count": c.unexpected_count} for c in self.checks],
        }

    def manifest_entry(self, report: str | None = None) -> dict[str, Any]:
        """What the manifest records: the result, the failed checks by name and the suites' versions."""
        return {
            **self.summary(),
            "suites": dict(sorted(self.suites.items())),
            "quarantined": dict(sorted(self.quarantined.items())),
            "failed": {c.name: c.unexpected_count for c in self.failed},
            "report": report,
        }
