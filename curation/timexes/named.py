"""Named periods of geopolitics and fixed or computable holidays.

Named periods ("the Cold War") are not TIMEX3 expressions in TimeML (they
name events), but an analyst building a timeline wants the interval they
stand for; they are returned with the interval and the smallest calendar
unit containing it as value, and the evaluation against TimeML leaves them out.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# (pattern, start, end). Dates are the commonly cited ones (outbreak to
# surrender or dissolution); the interval is what matters for a timeline.
NAMED_PERIODS: tuple[tuple[str, date, date], ...] = (
    (r"(?:the\s+)?(?:First\s+World\s+War|World\s+War\s+(?:I|One|1)\b|Great\s+War)", date(1914, 7, 28),
     date(1918, 11, 11)),
    (r"(?:the\s+)?(?:Second\s+World\s+War|World\s+War\s+(?:II|Two|2)\b)", date(1939, 9, 1), date(1945, 9, 2)),
    (r"(?:the\s+)?Cold\s+War", date(1947, 3, 12), date(1991, 12, 26)),
    (r"(?:the\s+)?interwar\s+period", date(1918, 11, 11), date(1939, 9, 1)),
    (r"(?:the\s+)?Korean\s+War", date(1950, 6, 25), date(1953, 7, 27)),
    (r"(?:the\s+)?Vietnam\s+War", date(1955, 11, 1), date(1975, 4, 30)),
    (r"(?:the\s+)?(?:First\s+)?Gulf\s+War", date(1990, 8, 2), date(1991, 2, 28)),
    (r"(?:the\s+)?Iraq\s+War", date(2003, 3, 20), date(2011, 12, 18)),
    (r"(?:the\s+)?Arab\s+Spring", date(2010, 12, 17), date(2012, 12, 31)),
)
# The lookahead on the first letter spares the alternation at most positions of a text.
NAMED_PERIOD_RX = re.compile(r"\b(?=[tFSGCWIKVAi])(?:"
                             + "|".join(f"(?P<np{i}>{p})" for i, (p, _, _) in enumerate(NAMED_PERIODS)) + ")")


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = (h + ll - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    d = date(year, month, 1)
    d += timedelta(days=(weekday - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def _fixed(month: int, day: int):
    return lambda y: date(y, month, day)


HOLIDAYS = {
    "christmas day": _fixed(12, 25), "christmas eve": _fixed(12, 24), "christmas": _fixed(12, 25),
    "new year's day": _fixed(1, 1), "new year's eve": _fixed(12, 31), "independence day": _fixed(7, 4),
    "bastille day": _fixed(7, 14), "armistice day": _fixed(11, 11), "remembrance day": _fixed(11, 11),
    "veterans day": _fixed(11, 11), "victory day": _fixed(5, 9), "valentine's day": _fixed(2, 14),
    "halloween": _fixed(10, 31), "boxing day": _fixed(12, 26), "may day": _fixed(5, 1), "labour day": _fixed(5, 1),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "easter sunday": easter, "easter": easter, "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, 5) if _nth_weekday(y, 5, 0, 5).month == 5
    else _nth_weekday(y, 5, 0, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    # United States federal elections: the Tuesday after the first Monday of November
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
}
HOLIDAY_RX = "|".join(sorted((re.escape(k).replace("'", "['’]").replace(r"\ ", r"\s+") for k in HOLIDAYS),
                             key=len, reverse=True))


def holiday_date(name: str, year: int) -> date | None:
    """The date of holiday ``name`` in ``year``."""
    key = re.sub(r"\s+", " ", name.lower().replace("’", "'"))
    fn = HOLIDAYS.get(key)
    return fn(year) if fn else None
