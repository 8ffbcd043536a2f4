"""The data dictionary (Markdown) generated from the declarations.

``python -m schemas.dictionary > docs/data-dictionary.md`` writes it; a test
checks that the committed file equals what this produces, so the docs cannot
drift from the schemas.
"""

from __future__ import annotations

from schemas.declare import Column, Table
from schemas.tables import SCHEMA_VERSION, TABLES


def _constraints(col: Column) -> str:
    parts = []
    if col.unique:
        parts.append("unique")
    if col.allowed:
        parts.append("one of " + ", ".join(f"`{v}`" for v in col.allowed))
    if col.pattern:
        parts.append(f"matches `{col.pattern}`" if len(col.pattern) < 60 else "a TIMEX3 value")
    if col.min is not None:
        parts.append(f"≥ {col.min:g}")
    if col.max is not None:
        parts.append(f"≤ {col.max:g}")
    return "; ".join(parts).replace("|", "\\|")


def table_markdown(tbl: Table) -> str:
    """One table's section of the data dictionary."""
    lines = [f"## {tbl.name}", "", tbl.description, ""]
    lines.append(f"Primary key: {', '.join(f'`{k}`' for k in tbl.primary_key)}. Version {tbl.version}.")
    if tbl.partition_by:
        lines.append(f"Hive-partitioned by `{tbl.partition_by}` (the year of `{tbl.partition_source}`; "
                     "`undated` when it is null).")
    for fk in tbl.foreign_keys:
        lines.append(f"Foreign key: `{', '.join(fk.columns)}` → `{fk.ref_table}.{', '.join(fk.ref_columns)}`.")
    lines += ["", "| column | type | null | constraints | description |", "| --- | --- | --- | --- | --- |"]
    for c in tbl.columns:
        lines.append(f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {_constraints(c)} | "
                     f"{c.description} |")
    return "\n".join(lines) + "\n"


def data_dictionary() -> str:
    """The whole data dictionary as Markdown."""
    head = (f"# Data dictionary\n\nSchema version {SCHEMA_VERSION}. Generated from `schemas/` by "
            "`python -m schemas.dictionary`; do not edit by hand.\n")
    return head + "".join("\n" + table_markdown(t) for t in TABLES.values())


if __name__ == "__main__":
    print(data_dictionary(), end="")
