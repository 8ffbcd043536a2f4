"""pyarrow schemas generated from the declarations."""

from __future__ import annotations

import pyarrow as pa

from schemas.declare import Column, Table
from schemas.tables import SCHEMA_VERSION

_ARROW = {
    "string": pa.string(),
    "category": pa.string(),  # stored plain for any reader; loaded as categorical
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "list<string>": pa.list_(pa.string()),
}


def arrow_field(col: Column) -> pa.Field:
    """The pyarrow field of one column, with its description as metadata."""
    return pa.field(col.name, _ARROW[col.type], nullable=col.nullable,
                    metadata={b"description": col.description.encode("utf-8")})


def arrow_schema(tbl: Table) -> pa.Schema:
    """The pyarrow schema a table is written with (partition column excluded)."""
    return pa.schema(
        [arrow_field(c) for c in tbl.columns],
        metadata={
            b"curation.table": tbl.name.encode(),
            b"curation.table_version": str(tbl.version).encode(),
            b"curation.schema_version": SCHEMA_VERSION.encode(),
        },
    )
