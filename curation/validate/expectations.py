"""Run a table's generated suite with great-expectations and collect every result.

great-expectations is imported here, inside the function, and only when
validation runs: it takes seconds to import, which ``curate --help`` or a
test that never validates should not pay.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import warnings
from collections.abc import Mapping
from typing import Any

import pandas as pd

from curation.errors import Errors, ValidationRunError
from curation.validate.core import CheckResult
from curation.validate.examples import make_examples

# A context made ahead of time by prepare_context (in the background validation process), taken by the next
# gx_context call.
_PREPARED: list[Any] = []
# Numbers the data sources a context is given, so that each name is new.
_SOURCES = itertools.count()


def prepare_context() -> None:
    """Import great-expectations and build a context now, for the next :func:`gx_context` to take."""
    _PREPARED.append(_new_context())


def gx_context() -> Any:
    """An ephemeral great-expectations context (nothing written to disk), progress bars off."""
    return _PREPARED.pop() if _PREPARED else _new_context()


def _new_context() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    with warnings.catch_warnings():
        # great-expectations 1.x imports the deprecated sre_constants module; that is its
        # business, and with warnings as errors (our test setting) it would stop validation.
        warnings.simplefilter("ignore", DeprecationWarning)
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    # Progress bars on stderr for each table's metrics would bury the job's own output.
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return ctx


def _exception_message(info: Mapping[str, Any]) -> str | None:
    """The first exception message in a result's ``exception_info``.

    great-expectations gives either one ``{raised_exception, exception_message}``
    or, when a metric failed, a mapping of metric ids to such dicts.
    """
    found = [info] if "exception_message" in info else [v for v in info.values() if isinstance(v, Mapping)]
    for item in found:
        msg = item.get("exception_message")
        if msg:
            return str(msg).strip().splitlines()[-1][:300]
    return None


def run_suite(suite: Mapping[str, Any], df: pd.DataFrame, texts: Mapping[str, str], *,
              context: Any = None) -> list[CheckResult]:
    """Validate ``df`` against ``suite`` (see :mod:`curation.validate.suites`), one result per expectation.

    Results come back in the suite's order whatever order great-expectations
    evaluated them in; an expectation that raised (a missing column) is a
    failed check carrying the exception's message.
    """
    from great_expectations.core import ExpectationSuite
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    ctx = context if context is not None else gx_context()
    table, version = str(suite["name"]), str(suite["meta"]["version"])
    configs = [ExpectationConfiguration(type=e["type"], kwargs=dict(e["kwargs"]), meta=dict(e["meta"]))
               for e in suite["expectations"]]
    gx_suite = ExpectationSuite(name=f"{table}-{version}", expectations=[c.to_domain_obj() for c in configs])
    name = f"t{next(_SOURCES)}-{table}"
    try:
        asset = ctx.data_sources.add_pandas(name).add_dataframe_asset(table)
        batch = asset.add_batch_definition_whole_dataframe("whole").get_batch(batch_parameters={"dataframe": df})
        outcome = batch.validate(gx_suite, result_format={"result_format": "COMPLETE"})
    except Exception as exc:  # by design: any great-expectations failure becomes one coded error
        raise ValidationRunError(Errors.E061.format(table=table, detail=f"{type(exc).__name__}: {exc}")) from exc
    finally:
        # The data source keeps the frame it validated: validating by groups, each group's tables would
        # stay in memory to the end.
        with contextlib.suppress(Exception):
            ctx.data_sources.delete(name)
    by_check = {}
    for r in outcome.results:
        d = r.to_json_dict()
        by_check[d["expectation_config"]["meta"]["check"]] = d
    results = []
    for exp in suite["expectations"]:
        meta, kwargs = exp["meta"], exp["kwargs"]
        d = by_check.get(meta["check"], {})
        res = d.get("result") or {}
        error = _exception_message(d.get("exception_info") or {})
        if error is None and not d.get("success") and not res:
            error = "the expectation could not be evaluated"
        rows = tuple(int(i) for i in res.get("unexpected_index_list") or ())
        if "column" in kwargs:
            columns: tuple[str, ...] = (kwargs["column"],)
        elif exp["type"] == "expect_compound_columns_to_be_unique":
            columns = tuple(kwargs["column_list"])
        else:
            columns = ()
        count = int(res.get("unexpected_count") or 0)
        if not d.get("success", False) and not count and error is None:
            # Table-level expectations (column lists, dtypes) fail without failing rows.
            observed = res.get("observed_value")
            error = f"observed {observed!r}" if observed is not None else None
        results.append(CheckResult(
            name=meta["check"], table=table, columns=columns,
            kind=exp["type"], description=meta["description"], blocking=bool(meta.get("blocking", True)),
            success=bool(d.get("success", False)), n_rows=len(df), unexpected_count=count, rows=rows,
            examples=make_examples(table, df, rows, [c for c in columns if c in df.columns], texts) if rows else (),
            error=error, suite=f"{table}@{version}"))
    return results
