"""Example rows for a failed check: the row's key, the offending values and the text it points to."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from curation.validate.core import MAX_EXAMPLES, Example
from schemas import TABLES

# Characters of article text shown either side of a span in the report.
CONTEXT_CHARS = 90


def plain(value: Any) -> Any:
    """A cell as plain JSON-ready data: dates as ISO strings, missing values as None."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat() if not pd.isna(value) else None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    return value


def row_dict(df: pd.DataFrame, pos: int) -> dict[str, Any]:
    """Row ``pos`` of ``df`` as plain data."""
    return {c: plain(df.at[pos, c]) for c in df.columns}


def row_key(table: str, row: Mapping[str, Any]) -> str:
    """The row's primary key as a JSON object (all columns when the key columns are missing)."""
    decl = TABLES.get(table)
    keys = [k for k in decl.primary_key if k in row] if decl else []
    picked = {k: row.get(k) for k in keys} if keys else dict(row)
    return json.dumps(picked, sort_keys=True, ensure_ascii=False, default=str)


def _as_int(value: Any) -> int | None:
    v = plain(value)
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def evidence_of(row: Mapping[str, Any], texts: Mapping[str, str]) -> tuple[str | None, tuple[int, int] | None]:
    """The text around the span a row points to, and the span's offsets inside it.

    For an event the window is its evidence sentence with the trigger marked.
    When the offsets do not fit the article, the row's own text is shown
    unmarked, since the article cannot vouch for it.
    """
    text = texts.get(str(row.get("article_id")))
    start, end = _as_int(row.get("char_start")), _as_int(row.get("char_end"))
    own = row.get("evidence") if isinstance(row.get("evidence"), str) else row.get("text")
    if text is None or start is None or end is None or not 0 <= start < end <= len(text):
        return (own if isinstance(own, str) else None), None
    t0, t1 = _as_int(row.get("trigger_start")), _as_int(row.get("trigger_end"))
    if t0 is not None and t1 is not None and start <= t0 < t1 <= end:
        return text[start:end], (t0 - start, t1 - start)
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return text[lo:hi], (start - lo, end - lo)


def make_examples(table: str, df: pd.DataFrame, rows: Sequence[int], columns: Sequence[str],
                  texts: Mapping[str, str], *, limit: int = MAX_EXAMPLES) -> tuple[Example, ...]:
    """Up to ``limit`` examples of the failing ``rows`` of ``df``."""
    out = []
    for pos in list(rows)[:limit]:
        row = row_dict(df, pos)
        shown = {c: row.get(c) for c in columns if c in row}
        value = json.dumps(shown, sort_keys=False, ensure_ascii=False, default=str)
        article = row.get("article_id") if isinstance(row.get("article_id"), str) else None
        evidence, span = evidence_of(row, texts)
        out.append(Example(table=table, row_key=row_key(table, row), value=value, article_id=article,
                           evidence=evidence, span=span))
    return tuple(out)
