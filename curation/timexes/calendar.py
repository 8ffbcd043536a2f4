"""TIMEX3 values as calendar objects: the interval a value covers, its precision, shifting by units.

Values are the strings TimeML writes (``2025``, ``2025-02``, ``2025-02-12``,
``2025-W07``, ``2025-Q1``, ``2025-SU``, ``199``, ``19``, ``2025-02-12T15:30``).
Everything here is pure arithmetic on those strings, so the grammar only has to
produce a value and the rest (interval, precision, anchoring) follows from it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_VALUE = re.compile(
    r"^(?P<bc>BC)?(?P<y>\d{2,4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T(?P<t>\d\d(?::\d\d)?|MO|AF|EV|NI))?$")


def last_day(year: int, month: int) -> date:
    """The last day of ``month`` in ``year``."""
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def week_value(d: date) -> str:
    """ISO week of ``d`` as a TIMEX3 value (``2025-W07``)."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def interval(value: str) -> tuple[date | None, date | None, str | None]:
    """The inclusive interval covered by a calendar ``value`` and its precision.

    Values that are not calendar points (durations, references, BC years,
    underspecified X digits) give ``(None, None, precision-or-None)``.
    """
    m = _VALUE.match(value)
    if m is None or m["bc"]:
        return None, None, None
    ys = m["y"]
    try:
        if len(ys) == 2:  # century: "19" is 1900-1999
            c = int(ys)
            return date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), "century"
        if len(ys) == 3:  # decade: "199" is 1990-1999
            dd = int(ys)
            return date(max(dd * 10, 1), 1, 1), date(dd * 10 + 9, 12, 31), "decade"
        y = int(ys)
        if y < 1:
            return None, None, None
        if m["t"]:
            d0 = date(y, int(m["m"]), int(m["d"])) if m["d"] else None
            prec = "minute" if ":" in m["t"] else "hour"
            return d0, d0, prec
        if m["d"]:
            d0 = date(y, int(m["m"]), int(m["d"]))
            return d0, d0, "day"
        if m["m"]:
            mo = int(m["m"])
            return date(y, mo, 1), last_day(y, mo), "month"
        if m["w"]:
            start = date.fromisocalendar(y, int(m["w"]), 1)
            if m["we"]:
                return start + timedelta(days=5), start + timedelta(days=6), "week"
            return start, start + timedelta(days=6), "week"
        if m["q"]:
            q = int(m["q"])
            return date(y, 3 * q - 2, 1), last_day(y, 3 * q), "quarter"
        if m["h"]:
            h = int(m["h"])
            return date(y, 6 * h - 5, 1), last_day(y, 6 * h), "quarter"
        if m["s"]:
            a, b = SEASONS[m["s"]]
            if m["s"] == "WI":  # winter of 2024 runs from December 2024 into February 2025
                return date(y, 12, 1), last_day(y + 1, 2), "season"
            return date(y, a, 1), last_day(y, b), "season"
        return date(y, 1, 1), date(y, 12, 31), "year"
    except ValueError:
        return None, None, None


def granularity(value: str) -> str | None:
    """The unit of a calendar value: year, month, day, week, quarter, half, season, decade, century."""
    m = _VALUE.match(value)
    if m is None:
        return None
    if len(m["y"]) == 2:
        return "century"
    if len(m["y"]) == 3:
        return "decade"
    for key, name in (("t", "time"), ("d", "day"), ("m", "month"), ("w", "week"), ("q", "quarter"),
                      ("h", "half"), ("s", "season")):
        if m[key]:
            return name
    return "year"


def year_of(value: str) -> int | None:
    """The four-digit year of a calendar value, if it has one."""
    m = _VALUE.match(value)
    if m is None or m["bc"] or len(m["y"]) != 4:
        return None
    return int(m["y"])


def day_of(value: str) -> date | None:
    """The day of a day-or-finer calendar value."""
    m = _VALUE.match(value)
    if m is None or m["bc"] or not m["d"] or len(m["y"]) != 4:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, clamped to the month's last day."""
    k = d.year * 12 + d.month - 1 + n
    y, mo = divmod(k, 12)
    return date(y, mo + 1, min(d.day, last_day(y, mo + 1).day))


def value_at(d: date, unit: str) -> str:
    """The TIMEX3 value of the ``unit`` (day, week, month, quarter, half, year, decade, century) containing ``d``."""
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return week_value(d)
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (day, week, month, quarter, half, year, decade, century)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12, "decade": 120, "century": 1200}
    return add_months(d, n * months.get(unit, 12))


def shift_value(value: str, unit: str, n: int) -> str | None:
    """A calendar ``value`` moved by ``n`` units, kept at its own granularity when that is finer.

    "a year earlier" after "the third quarter of 1989" is the third quarter of
    1988, not the year 1988; after "1989" it is "1988".
    """
    g = granularity(value)
    m = _VALUE.match(value)
    if g is None or m is None or m["bc"] or g in ("decade", "century"):
        return None
    y = int(m["y"])
    if g == "season":
        return f"{y + (n if unit == 'year' else 0):04d}-{m['s']}" if unit == "year" else None
    start, _, _ = interval(value)
    if start is None:
        return None
    order = ["time", "day", "week", "month", "quarter", "half", "year", "decade", "century"]
    if g == "time":
        g = "day"
    moved = shift(start, unit, n)
    keep = g if order.index(g) <= order.index(unit if unit in order else "year") else unit
    if g == "week" and unit != "week" and keep == "week":
        keep = "day" if unit == "day" else "week"
    return value_at(moved, keep)


_ORDER = ("time", "day", "week", "month", "quarter", "half", "season", "year", "decade", "century")


def shift_to_unit(value: str, unit: str, n: int) -> str | None:
    """A calendar ``value`` moved by ``n`` units, at the coarser of its own and the unit's granularity.

    TIMEX2 and TimeML give a shifted date the precision of what is known:
    "two years earlier" than 12 March 1945 is 1943, "fifteen months later"
    a month, "four days later" than "in March" a day of that March (the
    month). A quarter or a half shifted by years stays a quarter
    (:func:`shift_value`).
    """
    g = granularity(value)
    if g is None:
        return None
    if g in ("quarter", "half", "season") or unit not in _ORDER:
        return shift_value(value, unit, n)
    start, _, _ = interval(value)
    if start is None:
        return None
    g = "day" if g == "time" else g
    moved = shift(start, unit, n)
    if _ORDER.index(g) > _ORDER.index(unit) and unit in ("day", "week", "month"):
        # "four days later" than "in March": the month may have turned; only the year is sure
        year = moved.year if g == "year" or shift(start, unit, n + 1).year == moved.year else None
        if year is None:
            return None
        return f"{year:04d}" + {"day": "-XX-XX", "week": "-WXX", "month": "-XX"}[unit]
    keep = g if _ORDER.index(g) >= _ORDER.index(unit) else unit
    return value_at(moved, keep)


# Years before Christ as proxy years of the Common Era, so that the date
# arithmetic of a narrative ("the following spring", "a year later") works in
# antiquity: 1 BC is proxy year 9000, 480 BC is 8521, and years run forward.
_BC_PROXY = 9001
_BC_VALUE = re.compile(r"^BC(\d{4})(?=$|-)")
_PROXY_VALUE = re.compile(r"^(5\d{3}|[6-9]\d{3})(?=$|-|T)")


def to_proxy(value: str) -> str:
    """A BC value (``BC0480-08``) as its proxy-year value (``8521-08``); other values unchanged."""
    m = _BC_VALUE.match(value)
    if m is None or int(m.group(1)) < 1:
        return value
    return f"{_BC_PROXY - int(m.group(1)):04d}{value[m.end():]}"


def from_proxy(value: str) -> str:
    """A proxy-year value (``8521-SU``) as the BC value it stands for (``BC0480-SU``); other values unchanged."""
    m = _PROXY_VALUE.match(value)
    if m is None:
        return value
    return f"BC{_BC_PROXY - int(m.group(1)):04d}{value[m.end():]}"
