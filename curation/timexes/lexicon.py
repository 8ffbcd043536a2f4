"""Words of the temporal grammar: months, weekdays, units, number words, seasons, parts of day."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")), 1):
    for _n in _names:
        MONTHS[_n] = _i

WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                 "sun": 6})

SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}

UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "centurie": "CE", "millennium": "ML", "millennia": "ML", "yr": "Y", "hr": "H", "min": "M", "sec": "S",
}
# Durations in TIMEX3 notation: value letter and multiplier to the letter's base unit.
DURATION_CODE = {
    "second": ("TS", 1), "minute": ("TM", 1), "hour": ("TH", 1), "day": ("D", 1), "night": ("D", 1),
    "week": ("W", 1), "weekend": ("D", 2), "fortnight": ("W", 2), "month": ("M", 1), "quarter": ("M", 3),
    "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100), "millennium": ("Y", 1000),
}

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1, "dozen": 12,
    "couple": 2, "half": 0.5,
}
VAGUE_QUANTITIES = ("several", "few", "many", "some", "couple of", "number of", "dozens of", "hundreds of",
                    "multiple", "numerous", "recent", "past", "coming")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "last": -1, "final": -1, "latter": -1}

NUM_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
            r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)")
NUMBER = (rf"(?:\d+(?:\s+1/2|\.\d+)?|{NUM_WORD}(?:[\s-]{NUM_WORD})?(?:\s+and\s+a\s+half)?|a\s+half|half\s+an?"
          r"|an?|single|a\s+couple\s+of|a\s+dozen|a\s+few|several|few|many|some|dozens\s+of|hundreds\s+of|a\s+number\s+of"
          r"|multiple|numerous)")


def parse_number(text: str) -> float | None:
    """The value of a number phrase ("twenty four", "3", "a", "half a"), or None when it is vague ("several")."""
    t = re.sub(r"[\s-]+", " ", text.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if re.fullmatch(r"\d+ 1/2", t):
        return float(t.split()[0]) + 0.5
    if t in ("half a", "half an", "a half"):
        return 0.5
    if t.startswith("a couple"):
        return 2
    if t == "a dozen":
        return 12
    total = 0.0
    extra = 0.0
    if t.endswith(" and a half"):
        t = t[: -len(" and a half")]
        extra = 0.5
    for word in t.split():
        if word not in _SMALL:
            return None
        total += _SMALL[word]
    return total + extra


def month_number(word: str) -> int | None:
    """The month of a month name or abbreviation ("Sept.", "march"), or None."""
    return MONTHS.get(word.lower().rstrip("."))
