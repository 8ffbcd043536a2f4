"""Temporal expressions (first version: spaCy DATE entities with absolute years and dates).

A fuller grammar with relative anchoring replaces this (issue 3).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from curation.ids import make_id
from curation.records import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MONTHS: dict[str, int] = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_YEAR = re.compile(r"^(?:the )?(1[5-9]\d\d|20\d\d)$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]+),? (\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+) (\d{1,2}),? (\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+),? (\d{4})$")


def _normalize(text: str) -> tuple[str, date, date, str] | None:
    if m := _YEAR.match(text):
        y = int(m.group(1))
        return str(y), date(y, 1, 1), date(y, 12, 31), "year"
    for rx, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        if m := rx.match(text):
            if order == "dmy":
                d, mon, ys = m.group(1), m.group(2), m.group(3)
            else:
                mon, d, ys = m.group(1), m.group(2), m.group(3)
            month = _MONTHS.get(mon.lower())
            if month:
                try:
                    day = date(int(ys), month, int(d))
                except ValueError:
                    return None
                return day.isoformat(), day, day, "day"
    if m := _MONTH_YEAR.match(text):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            y = int(m.group(2))
            nxt = date(y + (month == 12), month % 12 + 1, 1)
            return f"{y:04d}-{month:02d}", date(y, month, 1), date.fromordinal(nxt.toordinal() - 1), "month"
    return None


def find_timexes(doc: Doc, *, article_id: str, dct: date | None) -> list[Timex]:
    """Absolute dates among spaCy's DATE entities, as TIMEX3 DATE expressions."""
    sent_idx = {s.start: i for i, s in enumerate(doc.sents)}
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        got = _normalize(ent.text.strip())
        if got is None:
            continue
        value, start, end, precision = got
        out.append(Timex(
            timex_id=make_id("tx", article_id, ent.start_char, ent.end_char), article_id=article_id,
            sentence_idx=sent_idx[ent.sent.start], char_start=ent.start_char, char_end=ent.end_char,
            text=ent.text, timex_type="DATE", value=value, start_date=start, end_date=end,
            precision=precision, anchor="absolute"))
    return out
