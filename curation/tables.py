"""Tables: turn records into pyarrow tables shaped by the declarations in ``schemas/``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from typing import Any

import pyarrow as pa

from schemas import TABLES
from schemas.arrow import arrow_schema


def record_row(rec: object, **extra: Any) -> dict[str, Any]:
    """A record as a plain dict (tuples become lists), plus ``extra`` columns."""
    row = {f.name: getattr(rec, f.name) for f in fields(rec)}  # type: ignore[arg-type]
    for k, v in row.items():
        if isinstance(v, tuple):
            row[k] = list(v)
    row.update(extra)
    return row


def _sort_key(cols: Sequence[str]) -> Any:
    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        # None sorts first, consistently, whatever the column type.
        return tuple((row.get(c) is not None, row.get(c) if row.get(c) is not None else 0) for c in cols)
    return key


def build_table(name: str, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Rows of table ``name`` as a pyarrow table with the declared schema, in the declared order.

    Columns a row lacks are null; keys a row has that the table does not
    declare are left out, so records may carry working fields.
    """
    decl = TABLES[name]
    schema = arrow_schema(decl)
    ordered = sorted(rows, key=_sort_key(decl.sort_by))
    columns = {c: [r.get(c) for r in ordered] for c in decl.names}
    return pa.Table.from_pydict(columns, schema=schema)
