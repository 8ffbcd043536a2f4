"""Dates of a timeline: display that is honest about precision, and query bounds.

A year-precision event is stored as the interval 2022-01-01 .. 2022-12-31; a
reader who sees "1 January 2022" would take a guess for a fact, so the display
names the whole period ("2022", "March 2025", "Q1 2025", "week of 10 March
2025") and a range when the interval runs over more than one period.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Any

from curation.errors import Errors, TimelineError

# Finest first; the order events of the same start date are listed in.
PRECISION_RANK = {p: i for i, p in enumerate(
    ("minute", "hour", "day", "week", "month", "season", "quarter", "year", "decade", "century"))}
# Precisions whose interval is one day or less: drawn as a point, not a span.
POINT_PRECISIONS = frozenset({"minute", "hour", "day"})

# Written out: calendar.month_name follows the process locale (LC_TIME), and the
# same command must give the same bytes on every machine.
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
            6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}


def to_date(value: Any) -> date | None:
    """A ``date`` from a date, datetime, pandas Timestamp or None/NaT."""
    if value is None:
        return None
    import pandas as pd

    # NaT is an instance of datetime whose .date() is NaT again: test it first.
    if value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):  # pandas Timestamp is a datetime
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month]} {d.year}"


def _month(d: date) -> str:
    return f"{_MONTHS[d.month]} {d.year}"


def _season(d: date) -> str:
    name = _SEASONS[d.month]
    if name == "winter":
        # Winter straddles two years: December 2024 .. February 2025 is "winter 2024/25".
        first = d.year if d.month == 12 else d.year - 1
        return f"winter {first}/{str(first + 1)[-2:]}"
    return f"{name} {d.year}"


def _last_of_month(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _label(d: date, precision: str) -> str:
    """The name of the period of ``precision`` that holds ``d``."""
    if precision == "week":
        monday = d - timedelta(days=d.weekday())
        return f"week of {_day(monday)}"
    if precision == "month":
        return _month(d)
    if precision == "season":
        return _season(d)
    if precision == "quarter":
        return f"Q{(d.month - 1) // 3 + 1} {d.year}"
    if precision == "year":
        return str(d.year)
    if precision == "decade":
        return f"{d.year // 10 * 10}s"
    if precision == "century":
        c = (d.year - 1) // 100 + 1
        suffix = "th" if 10 <= c % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(c % 10, "th")
        return f"{c}{suffix} century"
    return _day(d)


def display_date(start: Any, end: Any = None, precision: str | None = None) -> str:
    """A date as an analyst should read it: the whole period its precision covers, never a made-up day.

    ``start``/``end`` are the first and last day of the event's interval;
    ``precision`` is the dataset's ``date_precision``. Unknown precision with
    a one-day interval reads as a day; with a longer one, as a range of days.
    """
    d0, d1 = to_date(start), to_date(end)
    if d0 is None:
        return "undated"
    if d1 is None or d1 < d0:
        d1 = d0
    prec = precision if precision in PRECISION_RANK else None
    if prec in POINT_PRECISIONS or (prec is None and d0 == d1):
        prec = "day"
    if prec is None or (prec == "week" and (d0.weekday() != 0 or (d1 - d0).days != 6)):
        return _range(d0, d1, "day")  # the week ending on a publication date: "19–25 February 2005"
    first, last = _label(d0, prec), _label(d1, prec)
    if first == last:
        return first
    return _range(d0, d1, prec)


def _range(d0: date, d1: date, prec: str) -> str:
    """"3–9 March 2025", "March – May 2025", "2021–2022": a range named at ``prec``."""
    if prec == "day":
        if (d0.year, d0.month) == (d1.year, d1.month):
            return f"{d0.day}–{d1.day} {_MONTHS[d0.month]} {d0.year}"
        if d0.year == d1.year:
            return f"{d0.day} {_MONTHS[d0.month]} – {d1.day} {_MONTHS[d1.month]} {d0.year}"
        return f"{_day(d0)} – {_day(d1)}"
    if prec == "month" and d0.year == d1.year:
        return f"{_MONTHS[d0.month]} – {_MONTHS[d1.month]} {d0.year}"
    if prec == "year":
        return f"{d0.year}–{d1.year}"
    return f"{_label(d0, prec)} – {_label(d1, prec)}"


_BOUND = re.compile(r"(?P<y>\d{4})(?:-(?:(?P<q>Q[1-4])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?")


def parse_bound(value: Any, *, end: bool, what: str) -> date | None:
    """A ``start``/``end`` bound: a date, or text at the precision written.

    "2022" as a start means 1 January 2022 and as an end 31 December 2022;
    "2022-03" the first or last day of March; "2022-Q1" of the first quarter.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        d = to_date(value)
        if d is None:
            raise TimelineError(Errors.E072.format(what=what, value=value))
        return d
    m = _BOUND.fullmatch(value.strip())
    if not m:
        raise TimelineError(Errors.E072.format(what=what, value=value))
    try:
        year = int(m["y"])
        if m["q"]:
            q = int(m["q"][1])
            first = date(year, 3 * q - 2, 1)
            return _last_of_month(date(year, 3 * q, 1)) if end else first
        if m["m"] is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        month_start = date(year, int(m["m"]), 1)
        if m["d"] is None:
            return _last_of_month(month_start) if end else month_start
        return date(year, int(m["m"]), int(m["d"]))
    except ValueError as exc:
        raise TimelineError(Errors.E072.format(what=what, value=value)) from exc
