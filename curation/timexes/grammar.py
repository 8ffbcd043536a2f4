"""The temporal grammar: patterns that find TIMEX3 candidates and the rules that give them values.

Each rule is a regular expression with named groups and a function that turns
a match into a :class:`Norm` given the :class:`Context` (publication date,
previous expression, tense). Extents follow TimeML: prepositions ("on", "in",
"since") stay outside; determiners and modifiers that change the meaning
("the", "last", "early", "about") stay inside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from curation.timexes import calendar as cal
from curation.timexes.lexicon import (
    DURATION_CODE,
    NUMBER,
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_CODES,
    WEEKDAYS,
    month_number,
    parse_number,
)
from curation.timexes.named import HOLIDAY_RX, holiday_date


@dataclass(frozen=True, slots=True)
class Norm:
    """A normalized expression before it becomes a record."""

    timex_type: str
    value: str
    anchor: str  # absolute, publication, previous, none
    mod: str | None = None
    period: tuple[date, date] | None = None  # exact interval of a named period, finer than its value


@dataclass(slots=True)
class Context:
    """What a rule may look at besides its own match: the reference times and the tense."""

    dct: date | None
    narrative: bool = False
    last: str | None = None  # value of the previous calendar expression
    tense: Callable[[int, int], str | None] = field(default=lambda s, e: None)

    def base(self) -> tuple[date | None, str]:
        """The reference day for an underspecified expression and how it is anchored."""
        if self.narrative and self.last:
            d, _, _ = cal.interval(self.last)
            if d is not None:
                return d, "previous"
        if self.dct is not None:
            return self.dct, "publication"
        return None, "none"

    def previous(self) -> tuple[str | None, str]:
        """The previous expression (or the DCT when there is none) for "the next day", "a year earlier"."""
        if self.last:
            return self.last, "previous"
        if self.dct is not None:
            return self.dct.isoformat(), "publication"
        return None, "none"


# ---------------------------------------------------------------- vocabulary
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_UNIT = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?"
         r"|centuries|century|millenni(?:um|a))")
_UNIT1 = r"(?:day|week|weekend|month|quarter|year|decade|century)"
_POD = r"(?:morning|afternoon|evening|night|overnight)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_EDGE = (r"(?:early|late|mid|the\s+(?:end|beginning|start|middle|rest|remainder)\s+of"
         r"|the\s+(?:first|second)\s+half\s+of)")
_APPROX = (r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|over|under|at\s+least"
           r"|at\s+most|up\s+to|only|just|barely)")
_B = r"(?<![\w$£€.,'’])"  # left boundary: not inside a word or a number
_E = r"(?![\w]|['’](?![sS]\b)|[.,]\d|-[^\W\d])"  # right boundary; a possessive "Friday's" is fine


def _edge_mod(text: str | None) -> str | None:
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.lower())
    if t.startswith(("early", "the beginning", "the start", "the first half")):
        return "START"
    if t.startswith(("late", "the end", "the second half", "the rest", "the remainder")):
        return "END"
    if t.startswith(("mid", "the middle")):
        return "MID"
    return None


def _approx_mod(text: str | None) -> str | None:
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.lower())
    if t in ("more than", "over", "at least"):
        return "MORE_THAN" if t != "at least" else "EQUAL_OR_MORE"
    if t in ("less than", "under", "up to", "at most", "only", "just", "barely"):
        return "LESS_THAN" if t in ("less than", "under") else "EQUAL_OR_LESS"
    return "APPROX"


_APPROX_BEFORE = re.compile(rf"\b({_APPROX})\s+$", re.IGNORECASE)


def _approx_before(m: re.Match[str]) -> str | None:
    """A quantifier right before a duration ("about", "more than"): TimeML keeps it outside the extent, in mod."""
    got = _APPROX_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
    return got.group(1) if got else None


def _cap_ok(word: str) -> bool:
    """Month and weekday names count only when capitalized: "may" and "march" are usually not months."""
    return word[:1].isupper()


def _unit_key(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    return w[:-1] if w.endswith("s") else w


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration value of ``n`` units (None: unknown number, ``PXY``)."""
    code, mult = DURATION_CODE.get(unit, ("Y", 1))
    prefix = "PT" if code.startswith("T") else "P"
    letter = code.lstrip("T")
    if n is None:
        return f"{prefix}X{letter}"
    q = n * mult
    if q != int(q):  # a fraction spills into the next smaller unit: 2 1/2 years is P2Y6M
        whole, frac = int(q), q - int(q)
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "M_T": ("S", 60)}
        key = "M_T" if prefix == "PT" and letter == "M" else letter
        if key in smaller:
            letter2, k = smaller[key]
            t = "T" if letter2 == "H" and prefix == "P" else ""
            head = f"{whole}{letter}" if whole else ""
            return f"{prefix}{head}{t}{round(frac * k)}{letter2}"
    return f"{prefix}{int(q)}{letter}"


def pick_year(month: int, day: int, base: date, tense: str | None) -> int:
    """The year of a month and day given without one, seen from ``base``.

    Past tense takes the latest such date not after the base, future tense
    the earliest not before it, without a tense the nearest one. The tense
    comes from a parse and is sometimes wrong, and writers give the year of a
    date more than a few weeks away; so a month's slack is allowed before the
    tense moves a date into another year.
    """
    def at(y: int) -> date:
        return date(y, month, min(day, cal.last_day(y, month).day))
    years = (base.year - 1, base.year, base.year + 1)
    if tense == "past":
        ok = [y for y in years if at(y) <= base + timedelta(days=31)]
        return max(ok)
    if tense == "future":
        ok = [y for y in years if at(y) >= base - timedelta(days=31)]
        return min(ok)
    return min(years, key=lambda y: (abs((at(y) - base).days), -y))


def _month_value(month: int, ctx: Context, start: int, end: int) -> tuple[str, str]:
    """A month without a year: in the reference year, moved by tense as HeidelTime does for news."""
    base, anchor = ctx.base()
    if base is None:
        return f"XXXX-{month:02d}", "none"
    year = base.year
    if anchor == "publication":
        tense = ctx.tense(start, end)
        years = (base.year - 1, base.year, base.year + 1)
        if tense == "past":  # the month had begun (a week's slack for a parse that misses the tense)
            year = max(y for y in years if date(y, month, 1) <= base + timedelta(days=7))
        elif tense == "future":  # the month has not ended
            year = min(y for y in years if cal.last_day(y, month) >= base - timedelta(days=7))
        else:
            year = pick_year(month, 15, base, None)
    return f"{year:04d}-{month:02d}", anchor


def _day_month_value(month: int, day: int, ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    base, anchor = ctx.base()
    if base is None:
        return f"XXXX-{month:02d}-{day:02d}", "none"
    year = base.year
    if anchor == "publication":
        year = pick_year(month, day, base, ctx.tense(start, end))
    try:
        return date(year, month, day).isoformat(), anchor
    except ValueError:
        return None


def _weekday_value(wd: int, ctx: Context, start: int, end: int, direction: str | None) -> tuple[str, str]:
    base, anchor = ctx.base()
    if ctx.narrative and ctx.last and cal.day_of(ctx.last) is not None:
        base, anchor = cal.day_of(ctx.last), "previous"
    elif ctx.narrative:
        return f"XXXX-WXX-{wd + 1}", "none"
    if base is None:
        return f"XXXX-WXX-{wd + 1}", "none"
    if direction is None:
        tense = ctx.tense(start, end)
        direction = "next" if tense == "future" else "last"
        same_day_ok = True
    else:
        same_day_ok = False
    if direction == "this":
        d = base + timedelta(days=wd - base.weekday())
    elif direction == "next":
        delta = (wd - base.weekday()) % 7
        if delta == 0 and not same_day_ok:
            delta = 7
        d = base + timedelta(days=delta)
    else:
        delta = (base.weekday() - wd) % 7
        if delta == 0 and not same_day_ok:
            delta = 7
        d = base - timedelta(days=delta)
    return d.isoformat(), anchor


# ---------------------------------------------------------------- rules
Handler = Callable[[re.Match[str], Context], Norm | None]
RULES: list[tuple[str, re.Pattern[str], Handler]] = []


def rule(name: str, pattern: str, flags: int = re.IGNORECASE) -> Callable[[Handler], Handler]:
    """Register ``fn`` as the handler of ``pattern``; rules registered first win ties."""
    rx = re.compile(_B + pattern + _E, flags)

    def deco(fn: Handler) -> Handler:
        RULES.append((name, rx, fn))
        return fn
    return deco


_SPELLED_YEAR = (r"(?:nineteen[\s-]+(?:hundred\s+(?:and\s+)?)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
                 r"|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
                 r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+and)?(?:\s+(?:one|two"
                 r"|three|four|five|six|seven|eight|nine|ten))?)")


def _spelled_year(s: str) -> int | None:
    t = re.sub(r"[\s-]+", " ", s.lower()).replace(" and", "").replace(" hundred", "")
    if t.startswith("nineteen "):
        rest = parse_number(t[len("nineteen "):])
        return 1900 + int(rest) if rest is not None else None
    if t.startswith("two thousand"):
        tail = t[len("two thousand"):].strip()
        n = parse_number(tail) if tail else 0
        return 2000 + int(n) if n is not None else None
    return None


def _yr(s: str) -> int:
    if not s[:1].isdigit() and s[:1] != "'":
        got = _spelled_year(s)
        if got is None:
            raise ValueError(s)
        return got
    s = s.lstrip("'")
    y = int(s)
    if len(s) == 2:  # '98 is 1998, '05 is 2005
        y += 1900 if y > 30 else 2000
    return y


@rule("iso_datetime", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<h>\d\d):(?P<mi>\d\d))?")
def _iso(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["h"]:
        return Norm("TIME", f"{d.isoformat()}T{m['h']}:{m['mi']}", "absolute")
    return Norm("DATE", d.isoformat(), "absolute")


@rule("slash_date", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)")
def _slash(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        return Norm("DATE", date(_yr(m["y"]), int(m["m"]), int(m["d"])).isoformat(), "absolute")
    except ValueError:
        return None


@rule("month_day_year",
      rf"(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MON})\s+(?P<d>{_DAYN}),?\s+(?P<y>{_YEAR}|'\d\d)",
      re.NOFLAG)
@rule("day_month_year",
      rf"(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<d>{_DAYN})\s+(?:of\s+)?(?P<mon>{_MON}),?\s+"
      rf"(?P<y>{_YEAR})", re.NOFLAG)
def _dmy(m: re.Match[str], ctx: Context) -> Norm | None:
    mon = month_number(m["mon"])
    if mon is None:
        return None
    try:
        d = date(_yr(m["y"].lstrip("'")), mon, int(re.sub(r"\D", "", m["d"])))
    except ValueError:
        return None
    return Norm("DATE", d.isoformat(), "absolute")


@rule("month_day_range_first", rf"(?P<mon>{_MON})\s+(?P<d>{_DAYN})(?=\s*[-–]\s*{_DAYN},?\s+(?P<y>{_YEAR})\b)",
      re.NOFLAG)
@rule("day_month_range_first", rf"(?P<d>{_DAYN})(?:\s+(?P<mon0>{_MON}))?(?=\s*(?:[-–]|to|and|until)\s*{_DAYN}\s+"
      rf"(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})\b)?)", re.NOFLAG)
def _range_first(m: re.Match[str], ctx: Context) -> Norm | None:
    """The first end of "22-25 April 1951" or "March 5-9, 1918": month and year come from the second end."""
    mon = month_number(m.groupdict().get("mon0") or m["mon"])
    if mon is None:
        return None
    day = int(re.sub(r"\D", "", m["d"]))
    if m["y"]:
        try:
            return Norm("DATE", date(int(m["y"]), mon, day).isoformat(), "absolute")
        except ValueError:
            return None
    got = _day_month_value(mon, day, ctx, m.start(), m.end())
    return Norm("DATE", got[0], got[1]) if got else None


_RANGE_MONTH_BEFORE = re.compile(rf"({_MON})\s+{_DAYN}\s*(?:[-–]|to|and|until)\s*$")


@rule("month_day_range_second", rf"(?<=[-–\s])(?P<d>{_DAYN})(?:,?\s+(?P<y>{_YEAR}))?(?!\s*{_MON})", re.NOFLAG)
def _range_second(m: re.Match[str], ctx: Context) -> Norm | None:
    """The second end of "March 5-9, 1918" or "April 13-15": the month comes from the first end."""
    got = _RANGE_MONTH_BEFORE.search(m.string, max(0, m.start() - 25), m.start())
    mon = month_number(got.group(1)) if got else None
    if mon is None:
        return None
    day = int(re.sub(r"\D", "", m["d"]))
    if not m["y"]:
        value = _day_month_value(mon, day, ctx, m.start(), m.end())
        return Norm("DATE", value[0], value[1]) if value else None
    try:
        return Norm("DATE", date(int(m["y"]), mon, day).isoformat(), "absolute")
    except ValueError:
        return None


@rule("month_day", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MON})\s+(?P<d>{_DAYN})(?![\d,]\d)", re.NOFLAG)
@rule("day_month", rf"(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<d>{_DAYN})\s+(?:of\s+)?(?P<mon>{_MON})", re.NOFLAG)
def _dm(m: re.Match[str], ctx: Context) -> Norm | None:
    mon = month_number(m["mon"])
    if mon is None or (m["mon"].lower() == "may" and not m["d"][-1:].isalpha() and m.group(0).startswith("may")):
        return None
    got = _day_month_value(mon, int(re.sub(r"\D", "", m["d"])), ctx, m.start(), m.end())
    if got is None:
        return None
    base, _ = ctx.base()
    if (got[1] == "publication" and base is not None and got[0] > base.isoformat()
            and re.search(r"\b(?:ended|closed)\s+(?:on\s+)?$", m.string[max(0, m.start() - 10):m.start()])):
        # "the quarter ended Oct. 31": a period that has ended, so not one after the publication date
        d = date.fromisoformat(got[0])
        while d > base:
            d = d.replace(year=d.year - 1, day=min(d.day, cal.last_day(d.year - 1, d.month).day))
        got = (d.isoformat(), got[1])
    return Norm("DATE", got[0], got[1])


@rule("month_year", rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<y>{_YEAR}|'\d\d|{_SPELLED_YEAR})")
def _month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    mon = month_number(m["mon"])
    if mon is None or not _cap_ok(m["mon"]):
        return None
    return Norm("DATE", f"{_yr(m['y']):04d}-{mon:02d}", "absolute", _edge_mod(m["edge"]))


@rule("year_season", rf"(?:the\s+)?(?P<y>{_YEAR})\s+(?P<s>{_SEASON})(?!\s+(?:of|and|to)\b)")
@rule("season_year",
      rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?:the\s+)?(?P<s>{_SEASON})\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPELLED_YEAR})")
def _season_year(m: re.Match[str], ctx: Context) -> Norm | None:
    code = SEASON_CODES[m["s"].lower()]
    return Norm("DATE", f"{_yr(m['y']):04d}-{code}", "absolute", _edge_mod(m.groupdict().get("edge")))


@rule("pod_of_date", rf"(?:early\s+in\s+)?the\s+(?:(?:early|late)\s+)?(?P<pod>{_POD})(?:\s+hours)?\s+of\s+"
      rf"(?:(?P<mon>{_MON})\s+(?P<d>{_DAYN})|(?P<d2>{_DAYN})\s+(?P<mon2>{_MON}))(?:,?\s+(?P<y>{_YEAR}))?", re.NOFLAG)
def _pod_of_date(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the night of 20 June 1791", "the morning of April 19": one TIME, the day with its part."""
    mon = month_number(m["mon"] or m["mon2"])
    if mon is None:
        return None
    day = int(re.sub(r"\D", "", m["d"] or m["d2"]))
    if m["y"]:
        try:
            value, anchor = date(int(m["y"]), mon, day).isoformat(), "absolute"
        except ValueError:
            return None
    else:
        got = _day_month_value(mon, day, ctx, m.start(), m.end())
        if got is None:
            return None
        value, anchor = got
    return Norm("TIME", f"{value}T{PARTS_OF_DAY[m['pod'].lower()]}", anchor)


_BC = r"\s*(?:BC|B\.C\.?|BCE)\b"


@rule("month_bc",
      rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?:(?P<d>{_DAYN})\s+)?(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<y>\d{{1,4}}){_BC}",
      re.NOFLAG)
@rule("season_bc", rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?:the\s+)?(?P<s>{_SEASON})\s+(?:of\s+)?(?P<y>\d{{1,4}}){_BC}")
def _bc_date(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "April 480 BC", "the spring of 480 BC", "late autumn of 481 BC"."""
    y = int(m["y"])
    if y < 1:
        return None
    if m.groupdict().get("s"):
        return Norm("DATE", f"BC{y:04d}-{SEASON_CODES[m['s'].lower()]}", "absolute", _edge_mod(m["edge"]))
    mon = month_number(m["mon"])
    if mon is None:
        return None
    if m["d"]:
        day = int(re.sub(r"\D", "", m["d"]))
        return Norm("DATE", f"BC{y:04d}-{mon:02d}-{day:02d}", "absolute")
    return Norm("DATE", f"BC{y:04d}-{mon:02d}", "absolute", _edge_mod(m["edge"]))


def _part_number(ordinal: str, unit: str) -> int | None:
    """Which quarter (1-4) or half (1-2) an ordinal names: "last" and "final" are the year's last; None for a
    half past the second."""
    n = ORDINALS[ordinal]
    if n < 0:
        n = 4 if unit == "quarter" else 2  # "the last half of 1989" is H2, "the final quarter" Q4
    return None if unit == "half" and n > 2 else n


@rule("quarter_year",
      r"(?:the\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|last|final|latter)[\s-]+(?P<u>quarter|half)\s+(?:of\s+)?"
      r"(?:fiscal\s+)?"
      rf"(?P<y>{_YEAR})")
@rule("quarter_q", rf"(?P<o>Q[1-4]|H[12])\s+(?P<y>{_YEAR})", re.NOFLAG)
def _quarter_year(m: re.Match[str], ctx: Context) -> Norm | None:
    o = m["o"].lower()
    if o[0] in "qh":
        return Norm("DATE", f"{int(m['y']):04d}-{o.upper()}", "absolute")
    unit = m["u"].lower()
    n = _part_number(o, unit)
    if n is None:
        return None
    return Norm("DATE", f"{int(m['y']):04d}-{'Q' if unit == 'quarter' else 'H'}{n}", "absolute")


@rule("decade", r"(?:(?P<edge>early|late|mid)[\s-]+)?(?:the\s+)?(?:(?P<edge2>early|late|mid)[\s-]+)?"
      r"(?P<y>1[0-9]\d0|20\d0|'\d0|\d{2,3}0(?=s\s+BC))['’]?s(?P<bc>\s+BC)?")
def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    y = m["y"]
    if m["bc"]:
        return Norm("DATE", f"BC{int(y) // 10:03d}", "absolute", _edge_mod(m["edge"] or m["edge2"]))
    year = _yr(y[1:]) if y.startswith("'") else int(y)
    return Norm("DATE", f"{year // 10:03d}", "absolute", _edge_mod(m["edge"] or m["edge2"]))


_CENTURY_ORD = {w: i for i, w in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
     "twentieth"), 1)}
_CENTURY_ORD["twenty first"] = 21


@rule("century", r"(?:(?P<edge>early|late|mid)[\s-]+)?(?:the\s+)?(?:(?P<edge2>early|late|mid)[\s-]+)?"
      r"(?P<n>\d{1,2}(?:st|nd|rd|th)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
      r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
      r"|twenty[\s-]first))[\s-]+century(?P<bc>\s+BC)?")
def _century(m: re.Match[str], ctx: Context) -> Norm | None:
    n = _CENTURY_ORD.get(re.sub(r"[\s-]+", " ", m["n"].lower())) or int(re.sub(r"\D", "", m["n"]) or 0)
    if n < 1:
        return None
    if m["bc"]:
        return Norm("DATE", f"BC{n - 1:02d}", "absolute", _edge_mod(m["edge"] or m["edge2"]))
    return Norm("DATE", f"{n - 1:02d}", "absolute", _edge_mod(m["edge"] or m["edge2"]))


@rule("bc_year", r"(?P<y>\d{1,4})(?:\s*(?:BC|B\.C\.?|BCE)\b|(?=\s*(?:[-–]|to|and)\s*\d{1,4}\s*(?:BC|B\.C|BCE)\b))",
      re.NOFLAG)
def _bc(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", f"BC{int(m['y']):04d}", "absolute")


@rule("ad_year", r"(?:AD|A\.D\.)\s*(?P<y>\d{1,4})|(?P<y2>\d{1,4})\s*(?:AD|A\.D\.|CE)", re.NOFLAG)
def _ad(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", f"{int(m['y'] or m['y2']):04d}", "absolute")


@rule("fiscal_year", rf"(?:fiscal|calendar|financial|model|crop|tax)(?:\s+year)?\s+(?P<y>{_YEAR}|'\d\d)")
def _fiscal(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", f"{_yr(m['y'].lstrip(chr(39))):04d}", "absolute")


_YEAR_CONTEXT = frozenset({
    'in', 'of', 'since', 'by', 'during', 'until', 'till', 'before', 'after', 'from', 'to', 'through', 'between',
    'and', 'or', 'fiscal', 'year', 'years', 'the', 'for', 'throughout', 'circa', 'c.', 'around', 'spring',
    'summer', 'autumn', 'fall', 'winter', 'than', 'as', 'at', 'on', 'into', 'over', 'within', 'under', 'early',
    'late', 'mid', 'end', 'beginning', 'start', 'middle', "'s", '’s',
})
_PREV_WORD = re.compile(r"([\w'’]+\.?)[\s(\"“]*$")
_DETERMINERS = frozenset({"a", "an", "its", "his", "her", "their", "our", "my", "your", "whose", "this", "that"})
_QUANTIFIERS = frozenset({"about", "some", "nearly", "approximately", "almost", "over", "only", "just", "roughly",
                          "estimated", "least", "most", "total", "than", "another", "additional", "extra", "number"})
_IRREGULAR_PLURALS = frozenset({"men", "women", "people", "children", "police", "staff", "personnel", "cattle",
                                "feet", "sheep", "deer", "fish", "troops"})
_AFTER_WORD = re.compile(r"\s+([a-z]+)\b")


def year_in_context(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year only in a year's context (issue 3): "in 2022", "the 2014 annexation".

    The context is a preposition or time word before it, a determiner or a
    possessive before it ("its 1990 invasion"), a range ("1914-18"), or the
    start of a sentence or heading when no plural noun follows ("1918 saw",
    not "2000 troops").
    """
    before = text[max(0, start - 25):start]
    after = text[end:end + 20]
    if before.endswith(("(", "[")) or re.match(r"\s*[-–]\s*\d|['’]s\b", after):
        return True
    stripped = before.rstrip()
    nxt = _AFTER_WORD.match(after)
    plural_after = bool(nxt and nxt.group(1).endswith("s") and not nxt.group(1).endswith("ss")
                        and nxt.group(1) not in ("was", "is", "has", "saw", "sees", "as", "its", "his", "this"))
    if stripped == "" or stripped.endswith((".", "!", "?", ":", ";", "\n")) or "\n" in before[len(stripped):]:
        return not plural_after  # the start of a sentence or heading
    pm = _PREV_WORD.search(before)
    if pm is None:
        return False
    prev = pm.group(1).lower()
    if prev in _YEAR_CONTEXT or month_number(prev) is not None:
        return True
    if prev in _QUANTIFIERS or prev[:1].isdigit():
        return False  # "about 1500 men": a count
    # "its 1990 invasion", "his 1990 Anheuser forecast", "both 1990 and 1991": a year before a noun
    word_after = re.match(r"\s+([A-Za-z]+)", after)
    if word_after is None:
        return False
    return not plural_after and word_after.group(1).lower() not in _IRREGULAR_PLURALS


@rule("the_year_n", rf"the\s+year\s+(?P<y>{_YEAR}|{_SPELLED_YEAR})")
def _the_year_n(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("DATE", f"{_yr(m['y']):04d}", "absolute")


@rule("spelled_year", rf"(?P<y>{_SPELLED_YEAR})")
def _spelled_year_rule(m: re.Match[str], ctx: Context) -> Norm | None:
    """"nineteen ninety-six" in a year's context, as broadcast transcripts write years."""
    if not year_in_context(m.string, m.start(), m.end()):
        return None
    try:
        return Norm("DATE", f"{_yr(m['y']):04d}", "absolute")
    except ValueError:
        return None


_CLOCK_AFTER = re.compile(r"\s*(?:GMT|UTC|BST|CET|hrs|hours|local\s+time)\b")


@rule("year", rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?P<y>{_YEAR})")
def _year(m: re.Match[str], ctx: Context) -> Norm | None:
    if not m["edge"] and not year_in_context(m.string, m.start(), m.end()):
        return None
    if _CLOCK_AFTER.match(m.string, m.end()):
        return None  # "1500 GMT", "1900 hours": a time of day (TimeML corpora leave it untagged), not a year
    return Norm("DATE", m["y"], "absolute", _edge_mod(m["edge"]))


@rule("year_range_end", rf"(?<=\d{{4}}[-–])(?P<y>\d{{2}}|{_YEAR})")
def _year_range_end(m: re.Match[str], ctx: Context) -> Norm | None:
    y = m["y"]
    if len(y) == 2:  # "1915-17": the century comes from the first year
        y = m.string[m.start() - 5:m.start() - 3] + y
    return Norm("DATE", y, "absolute")


@rule("holiday", rf"(?P<h>{HOLIDAY_RX})(?:,?\s+(?P<y>{_YEAR}))?")
def _holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    if not _cap_ok(m["h"]):
        return None
    if m["y"]:
        d = holiday_date(m["h"], int(m["y"]))
        return Norm("DATE", d.isoformat(), "absolute") if d else None
    base, anchor = ctx.base()
    if base is None:
        return None
    d = holiday_date(m["h"], base.year)
    if d is None:
        return None
    if anchor == "publication":
        tense = ctx.tense(m.start(), m.end())
        d = holiday_date(m["h"], pick_year(d.month, d.day, base, "future" if tense == "future" else "past")) or d
    return Norm("DATE", d.isoformat(), anchor)


@rule("deictic_day", r"(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday"
      r"|the\s+day\s+after\s+tomorrow)(?:\s+(?P<pod>morning|afternoon|evening|night))?")
def _deictic(m: re.Match[str], ctx: Context) -> Norm | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    if ctx.dct is None:
        return Norm("DATE", "PRESENT_REF", "none") if w == "today" else None
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
           "the day after tomorrow": 2}[w]
    d = (ctx.dct + timedelta(days=off)).isoformat()
    pod = "NI" if w == "tonight" else (PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else None)
    if pod:
        return Norm("TIME", f"{d}T{pod}", "publication")
    return Norm("DATE", d, "publication")


@rule("this_pod", rf"(?P<w>this|last|yesterday|tomorrow)\s+(?P<pod>{_POD})")
def _this_pod(m: re.Match[str], ctx: Context) -> Norm | None:
    if ctx.dct is None:
        return None
    w = m["w"].lower()
    off = -1 if w == "yesterday" or (w == "last" and m["pod"].lower() != "night") else (1 if w == "tomorrow" else 0)
    if w == "last" and m["pod"].lower() == "night":
        off = -1
    return Norm("TIME", f"{(ctx.dct + timedelta(days=off)).isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}",
                "publication")


# Calibrated on TBAQ as a set: "previously", "soon", bare "future", "recent"
# and "this time" are more often not annotated than annotated in TimeML.
@rule("refs", r"(?P<w>now|currently|at\s+present|nowadays|these\s+days|recently|lately|the\s+past|the\s+future"
      r"|the\s+time\s+being|the\s+present|current(?!\s+(?:account|affairs|events|density|flow|source)s?\b)"
      r"|the\s+near\s+future|the\s+near\s+term|the\s+short\s+term)")
def _refs(m: re.Match[str], ctx: Context) -> Norm | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w in ("the time being", "at present", "these days", "nowadays", "now", "currently", "the present", "current"):
        value = "PRESENT_REF"
    elif w in ("recently", "lately", "the past"):
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    return Norm("DATE", value, "publication" if ctx.dct else "none")


@rule("rel_unit", rf"(?P<w>this|last|next|past|previous|coming|current|present|following|the\s+following"
      rf"|the\s+previous|the\s+next|the\s+past|the\s+coming|the\s+current|the\s+same|that|the\s+preceding"
      rf"|the\s+current|the\s+latest|the\s+last|the\s+year-earlier|the\s+year-ago|the\s+prior)"
      rf"(?:\s+(?P<fiscal>fiscal|calendar))?\s+(?P<u>{_UNIT1}|night|season)")
def _rel_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    w = re.sub(r"\s+", " ", m["w"].lower()).removeprefix("the ")
    unit = m["u"].lower()
    if unit == "night":
        if w in ("last", "the last", "previous") and ctx.dct:
            return Norm("TIME", f"{(ctx.dct - timedelta(days=1)).isoformat()}TNI", "publication")
        if w == "this" and ctx.dct:
            return Norm("TIME", f"{ctx.dct.isoformat()}TNI", "publication")
        return None
    if unit == "season":
        return None
    if w in ("following", "next", "previous", "same", "that", "preceding", "prior", "year-earlier", "year-ago") and (
            w not in ("next",) or m["w"].lower().startswith("the")):
        ref, anchor = ctx.previous()
        if ref is None:
            return None
        if w in ("same", "that"):
            d, _, _ = cal.interval(ref)
            return Norm("DATE", cal.value_at(d, unit), anchor) if d else None
        n = 1 if w in ("following", "next") else -1
        if w in ("year-earlier", "year-ago"):
            v = cal.shift_value(ref, "year", -1) if cal.granularity(ref) in ("quarter", "half") else None
            d, _, _ = cal.interval(ref)
            if v is None and d:
                v = cal.value_at(cal.shift(d, "year", -1), unit)
            return Norm("DATE", v, anchor) if v else None
        d, _, _ = cal.interval(ref)
        if d is None:
            return None
        return Norm("DATE", cal.value_at(cal.shift(d, unit, n), unit if unit != "weekend" else "week"), anchor)
    base, anchor = ctx.base()
    if base is None:
        return None
    if w in ("this", "current", "present", "coming" if unit != "weekend" else "_"):
        n = 0
    elif w in ("last", "past", "latest"):
        n = -1
    else:
        n = 1
    if unit == "quarter" and w in ("latest", "last", "past") and ctx.dct is not None:
        n = -1
    if unit == "weekend":
        d = base + timedelta(days=(5 - base.weekday()) % 7 if n >= 0 else -((base.weekday() - 5) % 7 or 7))
        if n > 0 and w == "next":
            d += timedelta(weeks=1)
        return Norm("DATE", cal.week_value(d) + "-WE", anchor)
    d = cal.shift(base, unit, n)
    return Norm("DATE", cal.value_at(d, unit), anchor)


@rule("rel_named", rf"(?P<w>this|last|next|past|coming|this\s+past|this\s+coming)\s+(?:(?P<wd>{_WD})"
      rf"(?:\s+(?P<pod>{_POD}))?|(?P<mon>{_MON})|(?P<s>{_SEASON}))")
def _rel_named(m: re.Match[str], ctx: Context) -> Norm | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    direction = {"this": "this", "last": "last", "past": "last", "this past": "last", "next": "next",
                 "coming": "next", "this coming": "next"}[w]
    if m["wd"]:
        if not _cap_ok(m["wd"]):
            return None
        value, anchor = _weekday_value(WEEKDAYS[m["wd"].lower()], ctx, m.start(), m.end(),
                                       None if direction == "this" else direction)
        if m["pod"]:
            return Norm("TIME", f"{value}T{PARTS_OF_DAY[m['pod'].lower()]}", anchor)
        return Norm("DATE", value, anchor)
    base, anchor = ctx.base()
    if base is None:
        return None
    if m["mon"]:
        mon = month_number(m["mon"])
        if mon is None or not _cap_ok(m["mon"]):
            return None
        year = base.year
        if direction == "last" and mon >= base.month:
            year -= 1
        elif direction == "next" and mon <= base.month:
            year += 1
        return Norm("DATE", f"{year:04d}-{mon:02d}", anchor)
    code = SEASON_CODES[m["s"].lower()]
    return Norm("DATE", f"{season_year(code, base, direction):04d}-{code}", anchor)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_year(code: str, base: date, direction: str) -> int:
    """The year of "last/this/next <season>" seen from ``base`` (winter belongs to the year it starts in)."""
    starts = sorted(date(y, _SEASON_START[c], 1) for y in range(base.year - 2, base.year + 2) for c in _SEASON_START)
    current = max(d for d in starts if d <= base)
    mine = [date(y, _SEASON_START[code], 1) for y in range(base.year - 2, base.year + 2)]
    if direction == "last":
        return max(d for d in mine if d < current).year
    if direction == "next":
        return min(d for d in mine if d > base).year
    # "this summer": the current one if it is that season, else the one of the current year
    if current in mine:
        return current.year
    return min((d for d in mine if d.year == base.year), default=current).year


@rule("edge_rel", r"(?P<edge>early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
      r"|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|mid)[\s-]+(?P<w>this|last|next|that|the)\s+"
      rf"(?P<u>{_UNIT1})")
def _edge_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    w = m["w"].lower()
    unit = m["u"].lower()
    if w in ("that", "the"):
        ref, anchor = ctx.previous()
        d = cal.interval(ref)[0] if ref else None
        if d is None:
            return None
        value = cal.value_at(d, unit)
    else:
        base, anchor = ctx.base()
        if base is None:
            return None
        n = {"this": 0, "last": -1, "next": 1}[w]
        value = cal.value_at(cal.shift(base, unit, n), unit if unit != "weekend" else "week")
    edge = m["edge"].lower()
    mod = "START" if edge in ("earlier",) else "END" if edge == "later" else _edge_mod(edge)
    return Norm("DATE", value, anchor, mod)


_EVENT_AFTER = re.compile(r"\s+(?!(?:that|this|then)\b[\s,.;:)]|and\b|or\b|but\b)[\w\"“‘'(]")


@rule("ago", rf"(?:(?P<approx>{_APPROX})\s+)?(?:(?P<n>{NUMBER})\s+)?(?:(?:more|other)\s+)?(?P<u>{_UNIT})"
      r"\s+(?P<dir>ago|earlier|later|before|after|hence|from\s+now|previously|back|since)")
def _ago(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "two days later", "a year earlier", "three weeks ago", "five days after the fall of the city".

    A shift from the reference keeps the coarser of the reference's and the
    unit's granularity ("two years earlier" is a year, "four days later"
    after "in March" is a day of that March). "ago" counts from the
    publication date, or in a narrative from the date the story has
    reached. "N units after/before <event>": in a narrative the event is
    the one just told, so the shift counts from the reference, forward for
    "after" and back for "before"; in a report TimeML marks the span alone
    ("13 days" after the bombings), which the duration rule finds.
    """
    if m["n"] is None and not m["u"].lower().endswith("s"):
        return None  # "the year before" is not a shift of one year
    n = parse_number(m["n"]) if m["n"] else None
    unit = _unit_key(m["u"])
    direction = m["dir"].lower()
    if direction == "since" or (m["n"] is None and direction in ("since", "back", "hence")):
        return None
    if not ctx.narrative and direction in ("before", "after") and _EVENT_AFTER.match(m.string, m.end()):
        return None
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "back") else 1
    from_now = direction in ("ago", "hence", "from now", "back")
    if from_now and not (ctx.narrative and ctx.last):
        ref, anchor = (ctx.dct.isoformat(), "publication") if ctx.dct else (None, "none")
    else:
        ref, anchor = ctx.previous()
    mod = _approx_mod(m["approx"])
    if n is None or n != int(n) or ref is None or unit in ("second", "minute", "hour"):
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor, mod)
    unit_s = "day" if unit == "night" else "week" if unit in ("weekend", "fortnight") else unit
    k = int(n) * (2 if unit == "fortnight" else 1)
    if from_now and anchor == "publication":
        if ctx.last and unit_s == "year" and cal.granularity(ctx.last) in ("quarter", "half"):
            # "a year ago" in a report on a quarter is that quarter a year before
            v = cal.shift_value(ctx.last, "year", sign * k)
            if v:
                return Norm("DATE", v, "previous", mod)
        d = cal.shift(ctx.dct, unit_s, sign * k)  # type: ignore[arg-type]
        # "a decade ago" is the year ten years back, not the decade before this one
        return Norm("DATE", cal.value_at(d, "year" if unit_s in ("decade", "century") else unit_s), anchor, mod)
    v = cal.shift_to_unit(ref, unit_s, sign * k)
    return Norm("DATE", v, anchor, mod) if v else None


@rule("span_dur", rf"(?P<det>the|these|those|its|their|his|her|a|an)?\s*(?P<w>past|last|next|first|final|previous"
      rf"|coming|following|preceding|recent|initial|latest|ensuing)\s+(?:(?P<approx>{_APPROX})\s+)?(?:(?P<n>{NUMBER})\s+)?"
      rf"(?P<u>{_UNIT})")
def _span_dur(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = _unit_key(m["u"])
    plural = m["u"].lower().endswith(("s", "ies", "ia"))
    if m["n"] is None and not plural:
        return None  # "the last year" is a date, handled by rel_unit
    n = parse_number(m["n"]) if m["n"] else None
    if m["n"] and re.fullmatch(r"\s*an?\s*", m["n"]):
        n = 1
    w = m["w"].lower()
    if m["det"] is None and w in ("first", "final", "initial", "latest", "following", "ensuing", "preceding"):
        return None
    if m["det"] and m["det"].lower() in ("a", "an"):
        return None
    if n is None and w in ("recent", "past", "last", "previous", "preceding"):
        return Norm("DATE", "PAST_REF", "publication" if ctx.dct else "none")  # "recent years", "the last few months"
    # "the next few days", "coming weeks", "the following days": a stretch of unknown length ahead (PXD, PXW),
    # as TimeML annotators mostly value it; the look back ("recent years") is as often PAST_REF.
    return Norm("DURATION", duration_value(n, unit), "none", _approx_mod(m["approx"]))


_RATE_BEFORE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|million|billion|[a-z]+)?|\b(?:times|once|twice))\s+$")


@rule("duration", rf"(?P<the>the\s+)?(?P<n>{NUMBER})(?:[\s-]+|(?<=\d))"
      rf"(?:(?P<more>more|other|full|straight|consecutive|long)\s+)?(?P<u>{_UNIT})(?P<old>[\s-]+old)?")
def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["old"]:
        return None  # ages ("a 44-year-old man") are not temporal expressions in TimeML
    if re.fullmatch(r"1\d{3}|20\d\d", m["n"]):
        return None  # "the 1988 second quarter": a year, not 1988 seconds
    unit = _unit_key(m["u"])
    n = parse_number(m["n"])
    plural = m["u"].lower().endswith(("s", "ies", "ia"))
    if n is None and not plural:
        return None  # "some day" is not a duration
    if n == 1 and plural and m["n"].lower() in ("a", "an"):
        return None
    if unit == "second" and m["n"].lower() in ("a", "an", "one"):
        return None  # "a second betrayal": an ordinal, not one second
    if unit == "quarter" and re.match(r"\s+of\b", m.string[m.end():m.end() + 4]):
        return None  # "three-quarters of its food": a fraction
    if m["n"].lower() in ("a", "an") and _RATE_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        return None  # "$1.76 a year", "four flights a week": a rate, not a span of time
    if m["the"] and n is None:
        return None
    if unit == "quarter" and n is None:
        return None
    if unit == "weekend" and n is not None and n != 1:
        return None
    return Norm("DURATION", duration_value(n, unit), "none", _approx_mod(_approx_before(m)))


@rule("bare_plural", r"(?P<u>days|weeks|months|years|decades)")
def _bare_plural(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "for weeks", "within days": a vague duration (TimeML PXW), the unit alone being the extent."""
    if not re.search(r"\b(?:for|within)\s+$", m.string[max(0, m.start() - 8):m.start()], re.IGNORECASE):
        return None
    if re.match(r"\s+(?:of|ago|old|later|earlier|before|after|past)\b|['’]", m.string[m.end():m.end() + 8]):
        return None  # "for years of war", "for days before": not a span on its own
    return Norm("DURATION", duration_value(None, _unit_key(m["u"])), "none")


def _context_quarter(ctx: Context, unit: str = "quarter") -> str | None:
    """The quarter (or half) a financial report is about: the previous one named, else the last one completed."""
    if ctx.last and cal.granularity(ctx.last) == unit:
        return ctx.last
    if ctx.dct is None:
        return None
    return cal.value_at(cal.shift(ctx.dct, unit, -1), unit)


@rule("year_quarter",
      rf"(?:the\s+)?(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)\s+year['’]s|(?P<ya>(?:comparable\s+|same\s+)?(?:year-ago"
      r"|year-earlier|prior-year|year-before|year\s+ago|year\s+earlier)))\s+(?:(?P<o>first|second|third|fourth|1st|2nd"
      r"|3rd|4th|final|last)[\s-]+)?(?:fiscal\s+)?(?P<u>quarter|half|period)")
def _year_quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the 1988 third quarter", "this year's third quarter", "the year-ago period"."""
    unit = m["u"].lower()
    ref = _context_quarter(ctx, "half" if unit == "half" else "quarter")
    if unit == "period" and ref is None:
        return None
    if m["y"]:
        year = int(m["y"])
    elif m["rel"]:
        if ctx.dct is None:
            return None
        year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    else:
        y0 = cal.year_of(ref) if ref else (ctx.dct.year if ctx.dct else None)
        if y0 is None:
            return None
        year = y0 - 1
    if m["o"]:
        n = _part_number(m["o"].lower(), "half" if unit == "half" else "quarter")
        if n is None:
            return None
        return Norm("DATE", f"{year:04d}-{'H' if unit == 'half' else 'Q'}{n}", "absolute" if m["y"] else "previous")
    if ref is None or cal.granularity(ref) not in ("quarter", "half"):
        return Norm("DATE", f"{year:04d}", "absolute" if m["y"] else "previous")
    return Norm("DATE", f"{year:04d}{ref[4:]}", "previous")


@rule("year_ago_adj", r"(?P<w>year-earlier|year-ago|year-end)")
def _year_ago_adj(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["w"].lower() == "year-end":
        base, anchor = ctx.base()
        if base is None:
            return None
        before = m.string[max(0, m.start() - 7):m.start()]
        if (anchor == "publication" and re.search(r"\b(?:since|by|at|until|before|after)\s+$", before)
                and not re.match(r"\s+[a-z]", m.string[m.end():m.end() + 2])):
            # a noun after a preposition, "since year-end", "by year-end": the closing day of the books
            year = base.year - 1 if ctx.tense(m.start(), m.end()) == "past" and base.month < 12 else base.year
            return Norm("DATE", f"{year:04d}-12-31", anchor)
        return Norm("DATE", f"{base.year:04d}", anchor, "END")
    ref = _context_quarter(ctx)
    if ctx.last and cal.granularity(ctx.last) in ("quarter", "half") and ref:
        v = cal.shift_value(ref, "year", -1)
        return Norm("DATE", v, "previous") if v else None
    if ctx.dct is None:
        return None
    return Norm("DATE", f"{ctx.dct.year - 1:04d}", "publication")


@rule("latest_period", r"the\s+(?:latest|most\s+recent|current|same|comparable)\s+(?:period|quarter)|the\s+period")
def _latest_period(m: re.Match[str], ctx: Context) -> Norm | None:
    ref = _context_quarter(ctx)
    in_quarter = bool(ctx.last and cal.granularity(ctx.last) == "quarter")
    if ref is None or (m.group(0).lower() == "the period" and not in_quarter):
        return None
    return Norm("DATE", ref, "previous")


_YEAR_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to\s+(?:date|end))\b")


@rule("the_unit", r"the\s+(?:(?P<fy>fiscal|full|calendar|whole|entire)\s+)?(?P<u>year|weekend)")
def _the_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the year" and "the weekend": the current one, seen from the previous expression or the publication date."""
    unit = m["u"].lower()
    base, anchor = ctx.base()
    if base is None:
        return None
    if unit == "year" and _YEAR_ENDED.match(m.string, m.end()):
        return Norm("DURATION", "P1Y", "none")  # "the year ended March 31": a year-long period up to a date
    if unit == "year":
        y = cal.year_of(ctx.last) if ctx.last else None
        if y is not None and not m["fy"]:
            return Norm("DATE", f"{y:04d}", "previous")
        return Norm("DATE", f"{base.year:04d}", anchor)
    future = ctx.tense(m.start(), m.end()) == "future"  # the weekend
    d = base + timedelta(days=(5 - base.weekday()) % 7) if future else base - timedelta(days=(base.weekday() - 5) % 7)
    return Norm("DATE", cal.week_value(d) + "-WE", anchor)


@rule("quarter_rel", r"(?P<the>the\s+)?(?:(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|current"
      r"|previous|year-ago|year-earlier|prior|same|final)(?:\s+fiscal)?[\s-]+)?(?P<u>quarter|half)(?P<adj>-to-date)?")
def _quarter_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    o = (m["o"] or "").lower()
    unit = m["u"].lower()
    if not o:
        if not m["the"]:
            return None
        ref, anchor = ctx.previous()
        if ref and cal.granularity(ref) == unit:
            return Norm("DATE", ref, "previous")
        if ctx.dct and unit == "quarter":
            return Norm("DATE", cal.value_at(cal.shift(ctx.dct, "quarter", -1), "quarter"), "publication")
        return None
    base, anchor = ctx.base()
    if base is None:
        return Norm("DATE", f"XXXX-{'Q' if unit == 'quarter' else 'H'}X", "none")
    if o in ORDINALS and o not in ("last",):
        n = _part_number(o, unit)
        if n is None:
            return None
        year = base.year
        cur = (base.month - 1) // (3 if unit == "quarter" else 6) + 1
        if anchor == "publication" and n > cur and ctx.tense(m.start(), m.end()) != "future":
            year -= 1  # a quarter not yet begun, spoken of without a future tense, is last year's
        return Norm("DATE", f"{year:04d}-{'Q' if unit == 'quarter' else 'H'}{n}", anchor)
    if o in ("latest", "last", "previous", "prior", "current", "same"):
        if o == "same" and ctx.last and cal.granularity(ctx.last) == unit:
            return Norm("DATE", ctx.last, "previous")
        shift = 0 if o in ("current", "same") else -1
        d = cal.shift(base, unit, shift)
        return Norm("DATE", cal.value_at(d, unit), anchor)
    # year-ago / year-earlier quarter
    ref = ctx.last if ctx.last and cal.granularity(ctx.last) == unit else None
    if ref is None:
        ref = cal.value_at(cal.shift(base, unit, -1), unit)
    v = cal.shift_value(ref, "year", -1)
    return Norm("DATE", v, "previous") if v else None


@rule("season", rf"(?:(?P<edge>early|late|mid)[\s-]+)?(?P<the>the\s+)?(?P<s>{_SEASON})")
def _season(m: re.Match[str], ctx: Context) -> Norm | None:
    base, anchor = ctx.base()
    code = SEASON_CODES[m["s"].lower()]
    if m["s"].lower() == "fall" and ((not m["the"] and not m["edge"]) or re.match(r"\s+of\b", m.string[m.end():])):
        return None  # "prices fall", "the fall of Paris": not the season
    year = _coordinated_year(m)
    if year is not None:
        return Norm("DATE", f"{year:04d}-{code}", "absolute", _edge_mod(m["edge"]))
    if base is None:
        return Norm("DATE", f"XXXX-{code}", "none", _edge_mod(m["edge"]))
    value = f"{base.year:04d}-{code}"
    if anchor == "previous" and ctx.last:
        value = _forward(value, ctx.last)
    return Norm("DATE", value, anchor, _edge_mod(m["edge"]))


@rule("season_rel", rf"(?P<w>the\s+following|the\s+next|the\s+previous|the\s+preceding|that|the\s+same)\s+"
      rf"(?P<s>{_SEASON})(?!\s+(?:of\s+)?(?:\d|{_YEAR}))")
def _season_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "the following spring", "the previous winter", "that summer": the season after, before or around the
    date just told. A winter is named by the year of its December, as everywhere in the project
    (:func:`curation.timexes.calendar.interval` reads ``1942-WI`` as December 1942 to February 1943), so
    that the value and the interval of an event it dates agree; some gold files name an anaphoric winter
    by its January instead."""
    ref, anchor = ctx.previous()
    start, _, _ = cal.interval(ref) if ref else (None, None, None)
    if start is None:
        return None
    code = SEASON_CODES[m["s"].lower()]
    w = re.sub(r"\s+", " ", m["w"].lower())
    first = _SEASON_START[code]

    def opening(y: int) -> date:
        return date(y, first, 1)
    if w in ("that", "the same"):
        year = start.year - (1 if code == "WI" and start.month <= 2 else 0)
    elif w in ("the following", "the next"):
        year = min(y for y in range(start.year, start.year + 3) if opening(y) > start)
    else:
        year = max(y for y in range(start.year - 2, start.year + 1) if opening(y) < start.replace(day=1))
    return Norm("DATE", f"{year:04d}-{code}", anchor)


@rule("month_rel_year", rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?P<mon>{_MON})(?:\s+(?P<d>{_DAYN}))?,?\s+(?:of\s+)?"
      r"(?P<w>this|last|next|that|the\s+same|the\s+following|the\s+previous)\s+year")
def _month_rel_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "June last year", "April next year", "October of that year"."""
    mon = month_number(m["mon"])
    if mon is None or not _cap_ok(m["mon"]):
        return None
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w in ("this", "last", "next"):
        base, anchor = ctx.base()
        if base is None:
            return None
        year = base.year + {"this": 0, "last": -1, "next": 1}[w]
    else:
        ref, anchor = ctx.previous()
        y0 = cal.year_of(ref) if ref else None
        if y0 is None:
            return None
        year = y0 + {"that": 0, "the same": 0, "the following": 1, "the previous": -1}[w]
    if m["d"]:
        try:
            return Norm("DATE", date(year, mon, int(re.sub(r"\D", "", m["d"]))).isoformat(), anchor)
        except ValueError:
            return None
    return Norm("DATE", f"{year:04d}-{mon:02d}", anchor, _edge_mod(m["edge"]))


@rule("month", rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?P<mon>{_MON})")
def _month(m: re.Match[str], ctx: Context) -> Norm | None:
    mon = month_number(m["mon"])
    if mon is None or not _cap_ok(m["mon"]) or (len(m["mon"]) <= 3 and m["mon"].lower() != "may"):
        return None
    if (not m["edge"] and re.search(r"\b(?:the|a|an|annual)\s+$", m.string[max(0, m.start() - 8):m.start()])
            and re.match(r"\s+(?:of|for|on|to)\b", m.string[m.end():m.end() + 5])):
        return None  # "the annual March for Life": a name, not the month ("the October slaying" is a month)
    year = _coordinated_year(m)
    if year is not None:  # "between March and May 2022": March takes May's year
        return Norm("DATE", f"{year:04d}-{mon:02d}", "absolute", _edge_mod(m["edge"]))
    value, anchor = _month_value(mon, ctx, m.start(), m.end())
    if anchor == "previous" and ctx.last and ctx.narrative:
        value = _forward(value, ctx.last)
    return Norm("DATE", value, anchor, _edge_mod(m["edge"]))


_COORD = re.compile(rf"\s*(?:,|and|or|to|until|till|through|thru|[-–])\s+(?:(?:early|late|mid)[\s-]+)?(?:the\s+)?"
                    rf"(?:{_MON}|{_SEASON})(?:\s+{_DAYN})?,?\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.IGNORECASE)


def _coordinated_year(m: re.Match[str]) -> int | None:
    """The year of the next member of a coordination or range ("January and February 1937")."""
    got = _COORD.match(m.string, m.end())
    return int(got["y"]) if got else None


def _forward(value: str, last: str) -> str:
    """In a narrative, a month or season before the previous one in the same year is next year's.

    Histories move forward: after "December 1941", "in January" is January 1942.
    """
    y, g, lg = cal.year_of(value), cal.granularity(value), cal.granularity(last)
    ly = cal.year_of(last)
    if y is None or ly is None or y != ly or lg not in ("month", "day", "time", "season") or g not in (
            "month", "season"):
        return value
    start, _, _ = cal.interval(value)
    lstart, _, _ = cal.interval(last)
    if start is None or lstart is None or start >= lstart.replace(day=1):
        return value
    if not (lstart.month >= 10 and start.month <= 3):
        return value  # only across a year's end: "late September" after "early October" looks back
    return f"{y + 1:04d}{value[4:]}"


_BEFORE_WEEKDAY = re.compile(r"\bthe\s+(previous|preceding|following)\s+$", re.IGNORECASE)


@rule("weekday", rf"(?P<wd>{_WD})(?:\s+(?P<pod>{_POD}))?", re.NOFLAG)
def _weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = WEEKDAYS[m["wd"].lower()]
    rel = _BEFORE_WEEKDAY.search(m.string, max(0, m.start() - 16), m.start())
    ref, ref_anchor = ctx.previous() if rel else (None, "none")
    ref_day = cal.day_of(ref) if ref else None
    if rel and ref_day is not None:  # "the previous Friday": the one before the date just spoken of
        step = -1 if rel.group(1).lower() in ("previous", "preceding") else 1
        d = ref_day + timedelta(days=step)
        while d.weekday() != wd:
            d += timedelta(days=step)
        value, anchor = d.isoformat(), ref_anchor
    else:
        value, anchor = _weekday_value(wd, ctx, m.start(), m.end(), None)
    if m["pod"] and m["pod"].lower() in ("night", "overnight"):
        # TimeBank values "Wednesday night" as the day far more often than as TNI
        return Norm("DATE", value, anchor)
    if m["pod"]:
        return Norm("TIME", f"{value}T{PARTS_OF_DAY[m['pod'].lower()]}", anchor)
    return Norm("DATE", value, anchor)


@rule("anaphoric_day", r"(?P<w>the\s+next|the\s+following|the\s+previous|the\s+same|that\s+same|that|the\s+preceding"
      r"|the\s+very\s+same)\s+(?P<u>day|morning|evening|night|afternoon)")
def _anaphoric_day(m: re.Match[str], ctx: Context) -> Norm | None:
    ref, anchor = ctx.previous()
    d = cal.day_of(ref) if ref else None
    w = m["w"].lower()
    if d is None:
        return None
    off = 1 if ("next" in w or "following" in w) else -1 if ("previous" in w or "preceding" in w) else 0
    value = (d + timedelta(days=off)).isoformat()
    u = m["u"].lower()
    if u != "day":
        return Norm("TIME", f"{value}T{PARTS_OF_DAY[u]}", anchor)
    return Norm("DATE", value, anchor)


@rule("clock", r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
      r"(?:\s+(?P<tz>[A-Z]{2,4}T))?|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?P<suffix>\s*(?:GMT|UTC|hrs|hours|local\s+time))?"
      r"|(?P<word>noon|midnight))"
      rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{_WD})|(?P<mon>{_MON})\s+(?P<d>{_DAYN})))?")
def _clock(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["word"]:
        h, mi = (12, 0) if m["word"].lower() == "noon" else (0, 0)
    elif m["h24"]:
        if not m["suffix"] and not re.search(r"\b(?:at|by|until|from|to|after|before)\s+$|[-–(]$",
                                             m.string[max(0, m.start() - 8):m.start()]):
            return None  # "3:1" or "10:57" alone may be a score or a ratio
        h, mi = int(m["h24"]), int(m["mi24"])
    else:
        h = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        mi = int(m["mi"] or 0)
    base, anchor = ctx.base()
    if m["wd"]:
        day, anchor = _weekday_value(WEEKDAYS[m["wd"].lower()], ctx, m.start(), m.end(), None)
    elif m["mon"] and month_number(m["mon"]):
        got = _day_month_value(month_number(m["mon"]) or 1, int(re.sub(r"\D", "", m["d"])), ctx, m.start(), m.end())
        if got is None:
            return None
        day, anchor = got
    elif ctx.last and cal.day_of(ctx.last):
        day, anchor = cal.day_of(ctx.last).isoformat(), "previous"  # type: ignore[union-attr]
    elif base is not None:
        day = base.isoformat()
    else:
        day, anchor = "XXXX-XX-XX", "none"
    if m["word"] and h == 0:
        return Norm("TIME", f"{day}T24", anchor)  # TimeML: midnight closes the day it is named with
    return Norm("TIME", f"{day}T{h:02d}:{mi:02d}", anchor)


@rule("set", rf"(?P<w>daily|weekly|monthly|annually|yearly|nightly|hourly|biweekly|bimonthly|semiannually"
      rf"|every\s+(?:other\s+)?(?:(?P<n>{NUMBER})\s+)?(?P<u>{_UNIT}|{_WD}|{_POD})|each\s+(?P<u2>{_UNIT1}|{_WD})"
      rf"|(?:once|twice|(?:{NUMBER})\s+times)\s+(?:a|an|per|each)\s+(?P<u3>{_UNIT1})|a\s+(?P<u4>{_UNIT1})(?=\s+(?:on|in|at)\b)"
      rf"|per\s+(?P<u5>{_UNIT1}))")
def _set(m: re.Match[str], ctx: Context) -> Norm | None:
    w = m["w"].lower()
    fixed = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
             "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W", "bimonthly": "P2M",
             "semiannually": "P6M"}
    if w in fixed:
        return Norm("SET", fixed[w], "none")
    if w.startswith("a ") and m["u4"]:
        return None
    unit = m["u"] or m["u2"] or m["u3"] or m["u5"]
    if unit is None:
        return None
    ul = unit.lower()
    if ul in WEEKDAYS:
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[ul] + 1}", "none")
    if ul in PARTS_OF_DAY:
        return Norm("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[ul]}", "none")
    n = parse_number(m["n"]) if m["n"] else 1
    if "other" in w:
        n = 2
    return Norm("SET", duration_value(n or 1, _unit_key(ul)), "none")


def rule_names() -> list[str]:
    """Names of the rules in priority order."""
    return [name for name, _, _ in RULES]
