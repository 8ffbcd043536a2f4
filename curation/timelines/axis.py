"""The time axis shared by the html and png timelines: domain, ticks and marks.

An event whose precision is coarser than a day is an interval, drawn as a
span from its first to its last day; only a day (or finer) is a point. The
span covers whole days: a month-precision event in March runs from 1 March
to the start of 1 April on the axis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from curation.timelines.dates import POINT_PRECISIONS, to_date

_SHORT = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Mark:
    """One dated event on the axis: a point (``start == end``) or a span of whole days."""

    row: int  # position of the event in the timeline
    start: date
    end: date  # exclusive: the day after the last day
    point: bool


def shift(d: date, days: int) -> date:
    """``d`` moved by ``days``, held at the calendar's ends (1 January 1, 31 December 9999).

    A text can date an event in year 9999 or year 1; the axis is drawn, not a crash.
    """
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def marks(df: pd.DataFrame) -> list[Mark]:
    """Marks of the timeline's dated events, in its order."""
    out = []
    for i, (d0, d1, prec) in enumerate(zip(df["date"], df["date_end"], df["precision"].astype(object),
                                           strict=True)):
        first, last = to_date(d0), to_date(d1)
        if first is None:
            continue
        last = last if last is not None and last >= first else first
        point = (prec in POINT_PRECISIONS) or (not isinstance(prec, str) and first == last)
        out.append(Mark(row=i, start=first, end=shift(last, 1), point=point))
    return out


def domain(ms: list[Mark]) -> tuple[date, date]:
    """First and last day shown: the marks' extent with a margin, at least a month wide."""
    lo = min(m.start for m in ms)
    hi = max(m.end for m in ms)
    span = max((hi - lo).days, 30)
    pad = max(span // 30, 2)
    mid = lo + (hi - lo) / 2
    if (hi - lo).days < 30:
        lo, hi = shift(mid, -15), shift(mid, 15)
    return shift(lo, -pad), shift(hi, pad)


def _add_months(d: date, n: int) -> date | None:
    """The first day of the month ``n`` months after ``d``'s; None past the calendar's end."""
    m = d.month - 1 + n
    year = d.year + m // 12
    return date(year, m % 12 + 1, 1) if year <= date.max.year else None


def ticks(lo: date, hi: date, *, most: int = 12) -> list[tuple[date, str]]:
    """Tick dates and labels between ``lo`` and ``hi``: the finest calendar unit giving at most ``most``."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000):  # years
        if (hi.year - lo.year) / step <= most:
            break
    if hi.year - lo.year >= 3:
        first = (lo.year // step + 1) * step
        return [(date(y, 1, 1), str(y)) for y in range(first, hi.year + 1, step)]
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    if months >= 3:
        for mstep in (1, 2, 3, 6):
            if months / mstep <= most:
                break
        out: list[tuple[date, str]] = []
        m: date | None = _add_months(lo, 1)
        while m is not None and m <= hi:
            if (m.month - 1) % mstep == 0:
                out.append((m, f"{_SHORT[m.month]} {m.year}" if m.month == 1 or not out else _SHORT[m.month]))
            m = _add_months(m, 1)
        return out
    days = (hi - lo).days
    for dstep in (1, 2, 7, 14):
        if days / dstep <= most:
            break
    d = shift(lo, 1)
    if dstep >= 7:  # weekly ticks fall on Mondays, as ISO weeks start
        d = shift(d, (7 - d.weekday()) % 7)
    days_out: list[tuple[date, str]] = []
    while d <= hi:
        days_out.append((d, f"{d.day} {_SHORT[d.month]}"))
        if d == date.max:
            break
        d = shift(d, dstep)
    return days_out
