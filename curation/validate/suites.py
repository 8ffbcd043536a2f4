"""great-expectations suites generated from the table declarations in ``schemas/``.

Each column's declared attributes become expectations: its logical type, its
nullability, its allowed values, its pattern (ids, TIMEX3 values, ISO codes;
an ISO 3166 alpha-3 column is also checked against the list of assigned
codes), its bounds and its uniqueness; the primary key must be unique and the
columns must be those declared, in order.

The suites are plain JSON in great-expectations' own format (``name``,
``expectations`` of ``type``/``kwargs``/``meta``), so building them does not
import great-expectations (it takes seconds to import). They are stored in
``validation/<table>.json``; ``python -m curation.validate`` rewrites
them and a test checks that the stored files equal what this module produces,
as the data dictionary is checked, so the suites cannot drift from the schemas.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from schemas import SCHEMA_VERSION, TABLES
from schemas.declare import Column, Table
from schemas.tables import ISO3

# Bumped whenever the generator changes what it emits for the same declaration (or a list it
# draws on changes: 2 added the former codes of dissolved states to the ISO 3166 list);
# a suite's version is "<table version>.<generator revision>".
GENERATOR_REVISION = 2
SUITE_FORMAT = "curation-gx-suite/1"
SUITES_DIR = Path(__file__).resolve().parents[2] / "validation"

# What great-expectations checks a column's type against once a table is read
# (see curation.validate.frames): strings and lists are Python objects checked
# value by value, integers and booleans use pandas' nullable extension dtypes
# (so a null does not turn a column into floats), dates are datetime64[ms].
PANDAS_TYPES: dict[str, list[str]] = {
    "string": ["str"],
    "category": ["str"],
    "int32": ["Int32Dtype"],
    "int64": ["Int64Dtype"],
    "float64": ["float64"],
    "bool": ["BooleanDtype"],
    "date": ["datetime64[ms]"],
    "list<string>": ["list"],
}


@lru_cache(maxsize=1)
def iso3166_alpha3() -> tuple[str, ...]:
    """The ISO 3166-1 alpha-3 codes a country column may hold (shipped list, sorted)."""
    text = resources.files("curation.validate").joinpath("iso3166_alpha3.txt").read_text("utf-8")
    return tuple(sorted(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")))


def _non_capturing(pattern: str) -> str:
    """``pattern`` with its groups made non-capturing.

    Declarations use plain groups; pandas warns on every ``str.contains`` with
    capturing groups, and great-expectations turns that warning (an error under
    pytest's ``filterwarnings = error``) into an expectation that cannot run.
    """
    return re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


def _expectation(kind: str, name: str, description: str, *, blocking: bool = True, **kwargs: Any) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs,
            "meta": {"check": name, "description": description, "blocking": blocking}}


def column_expectations(tbl: Table, col: Column) -> list[dict[str, Any]]:
    """The expectations one declared column gives rise to."""
    base = f"{tbl.name}.{col.name}"
    out = [_expectation("expect_column_values_to_be_in_type_list", f"{base}.type",
                        f"{col.name} has logical type {col.type}", column=col.name,
                        type_list=PANDAS_TYPES[col.type])]
    if not col.nullable:
        out.append(_expectation("expect_column_values_to_not_be_null", f"{base}.not_null",
                                f"{col.name} is never null", column=col.name))
    if col.allowed is not None:
        out.append(_expectation("expect_column_values_to_be_in_set", f"{base}.allowed",
                                f"{col.name} is one of {', '.join(col.allowed)}", column=col.name,
                                value_set=list(col.allowed)))
    if col.pattern is not None:
        # Declarations give full-match patterns; great-expectations searches, so anchor them.
        out.append(_expectation("expect_column_values_to_match_regex", f"{base}.format",
                                f"{col.name} matches the declared format", column=col.name,
                                regex=f"^(?:{_non_capturing(col.pattern)})$"))
        if col.pattern == ISO3:
            # One alternation rather than a 250-value set: great-expectations re-serializes a
            # value_set for every metric it derives, which made this one check cost seconds.
            out.append(_expectation("expect_column_values_to_match_regex", f"{base}.iso3166",
                                    f"{col.name} is an assigned ISO 3166-1 alpha-3 code", column=col.name,
                                    regex=f"^(?:{'|'.join(iso3166_alpha3())})$"))
    if col.min is not None or col.max is not None:
        bounds: dict[str, Any] = {k: v for k, v in (("min_value", col.min), ("max_value", col.max)) if v is not None}
        out.append(_expectation("expect_column_values_to_be_between", f"{base}.range",
                                f"{col.name} lies within {col.min if col.min is not None else '-inf'} .. "
                                f"{col.max if col.max is not None else 'inf'}", column=col.name, **bounds))
    if col.unique or tbl.primary_key == (col.name,):
        out.append(_expectation("expect_column_values_to_be_unique", f"{base}.unique",
                                f"{col.name} is unique", column=col.name))
    return out


def build_suite(tbl: Table) -> dict[str, Any]:
    """The great-expectations suite (as JSON-ready data) generated from one table declaration."""
    expectations = [_expectation("expect_table_columns_to_match_ordered_list", f"{tbl.name}.columns",
                                 f"{tbl.name} has the declared columns in order", column_list=tbl.names)]
    for col in tbl.columns:
        expectations.extend(column_expectations(tbl, col))
    if len(tbl.primary_key) > 1:
        expectations.append(_expectation(
            "expect_compound_columns_to_be_unique", f"{tbl.name}.primary_key.unique",
            f"the primary key ({', '.join(tbl.primary_key)}) is unique", column_list=list(tbl.primary_key)))
    body = json.dumps(expectations, sort_keys=True, ensure_ascii=False)
    return {
        "name": tbl.name,
        "expectations": expectations,
        "meta": {
            "format": SUITE_FORMAT,
            "version": suite_version(tbl),
            "table_version": tbl.version,
            "schema_version": SCHEMA_VERSION,
            "generator_revision": GENERATOR_REVISION,
            "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "generated_by": "python -m curation.validate",
        },
        "notes": f"Generated from schemas/ for table {tbl.name}; do not edit by hand.",
    }


def suite_version(tbl: Table) -> str:
    """The version of a table's suite: the table's version and the generator's revision."""
    return f"{tbl.version}.{GENERATOR_REVISION}"


def suite_json(tbl: Table) -> str:
    """The stored form of a suite: sorted, indented JSON ending with a newline."""
    return json.dumps(build_suite(tbl), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def all_suites() -> dict[str, dict[str, Any]]:
    """Every table's generated suite, by table name."""
    return {name: build_suite(tbl) for name, tbl in TABLES.items()}


def write_suites(folder: Path = SUITES_DIR) -> list[Path]:
    """Write every table's suite to ``folder/<table>.json`` and return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, tbl in TABLES.items():
        path = folder / f"{name}.json"
        path.write_text(suite_json(tbl), encoding="utf-8")
        paths.append(path)
    return paths

