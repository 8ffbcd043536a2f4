"""Quarantine: rows that fail a blocking check move to the ``quarantine`` table with the reason.

Nothing is dropped: each moved row is kept whole (as JSON) with its table, key,
article and the check it failed. Moving a row can leave rows of other tables
pointing at nothing (an event's actors when the event moved), so those follow
it, with a reason that names the row they depended on; this repeats until
every foreign key of what stays resolves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd
import pyarrow as pa

from curation.ids import make_id
from curation.tables import build_table
from curation.validate.core import CheckResult, ValidationResult
from curation.validate.cross import foreign_key_check
from curation.validate.examples import plain, row_dict, row_key
from curation.validate.frames import to_frame
from schemas import TABLES

# Reasons are short enough to read in a table cell; the whole row is kept beside them.
MAX_REASON = 500


def _reason(description: str, values: str) -> str:
    text = f"{description}; found {values}"
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def quarantine(tables: Mapping[str, pa.Table], result: ValidationResult, *,
               frames: Mapping[str, pd.DataFrame] | None = None) -> tuple[dict[str, pa.Table], ValidationResult]:
    """Move every row failing a blocking check (and the rows depending on it) to ``quarantine``.

    ``result`` must come from validating exactly ``tables``: its row positions
    index them. ``frames`` are the tables as validation saw them (converted
    here when not given). Returns the tables to write and ``result`` with the
    counts of rows moved, by table.
    """
    if frames is None:
        frames = {n: to_frame(tables[n]) for n in TABLES}
    flagged: dict[str, dict[int, list[tuple[str, str]]]] = {n: {} for n in TABLES}
    for chk in result.checks:
        if not chk.blocking or chk.success or not chk.rows:
            continue
        df = frames[chk.table]
        for pos in chk.rows:
            flagged[chk.table].setdefault(pos, []).append(failure(chk, df, pos))
    _cascade(frames, flagged)

    rows = []
    for name in TABLES:
        df = frames[name]
        for pos, failures in sorted(flagged[name].items()):
            rows.extend(quarantine_rows(name, row_dict(df, pos), failures))
    out = {}
    for name in TABLES:
        if flagged[name]:
            keep = [i not in flagged[name] for i in range(tables[name].num_rows)]
            out[name] = tables[name].filter(pa.array(keep, pa.bool_()))
        else:
            out[name] = tables[name]
    out["quarantine"] = build_table("quarantine", [*tables["quarantine"].to_pylist(), *rows])
    moved = {n: len(flagged[n]) for n in TABLES if flagged[n]}
    return out, replace(result, quarantined=moved)


def _cascade(frames: Mapping[str, pd.DataFrame], flagged: dict[str, dict[int, list[tuple[str, str]]]]) -> None:
    """Flag rows whose foreign keys point at flagged rows, until nothing changes."""
    fks = [(t.name, fk) for t in TABLES.values() for fk in t.foreign_keys]
    changed = True
    while changed:
        changed = False
        kept, origin = {}, {}
        for name, df in frames.items():
            k = df.drop(index=list(flagged[name]))
            origin[name] = k.index.to_list()
            kept[name] = k.reset_index(drop=True)
        for table, fk in fks:
            chk = foreign_key_check(table, fk.columns, fk.ref_table, fk.ref_columns)
            try:
                bad = chk.find(kept, {})
            except KeyError:
                continue  # a missing column is a table-level failure already reported
            for pos in bad:
                orig = origin[table][pos]
                if orig in flagged[table]:
                    continue
                values = {c: kept[table].at[pos, c] for c in fk.columns}
                flagged[table][orig] = [cascade_failure(chk.name, fk.ref_table, values)]
                changed = True


def failure(chk: CheckResult, df: pd.DataFrame, pos: int) -> tuple[str, str]:
    """(check, reason) for row ``pos`` of ``df`` failing ``chk``: the reason shows the values it judged."""
    shown = {c: plain(df.at[pos, c]) for c in chk.columns if c in df.columns}
    return chk.name, _reason(chk.description, json.dumps(shown, ensure_ascii=False, default=str))


def cascade_failure(check: str, ref_table: str, values: Mapping[str, Any]) -> tuple[str, str]:
    """(check, reason) for a row whose foreign key ``values`` point at a row of ``ref_table`` moved out."""
    return check, _reason(f"refers to a row of {ref_table} that is missing or was moved to quarantine",
                          json.dumps(dict(values), ensure_ascii=False, default=str))


def quarantine_rows(name: str, row: Mapping[str, Any], failures: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The ``quarantine`` rows for one row of table ``name`` (plain data) and the checks it failed."""
    key = row_key(name, row)
    article = row.get("article_id") if isinstance(row.get("article_id"), str) else None
    body = json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)
    return [{"quarantine_id": make_id("q", name, key, check), "table_name": name, "row_key": key,
             "article_id": article, "check": check, "reason": reason, "row_json": body}
            for check, reason in failures]
