"""Temporal stage: finding, normalizing and anchoring dates on tricky cases (issue 3).

Every sentence is written for these tests. The publication date is Wednesday
12 February 2025 unless a case says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from curation.timexes import calendar as cal
from curation.timexes import find_timexes, is_narrative
from curation.timexes.grammar import duration_value, pick_year

DCT = date(2025, 2, 12)  # a Wednesday


def _tag(nlp, text: str, dct: date | None = DCT, **kw):
    return find_timexes(nlp(text), article_id="a1", dct=dct, **kw)


def _pairs(nlp, text: str, dct: date | None = DCT) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in _tag(nlp, text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # relative expressions anchored to the publication date
        ("The minister resigned yesterday.", [("yesterday", "2025-02-11")]),
        ("Talks resumed on Monday after a pause.", [("Monday", "2025-02-10")]),
        ("The envoy will return on Friday.", [("Friday", "2025-02-14")]),
        ("The rebels attacked last Friday.", [("last Friday", "2025-02-07")]),
        ("The treaty was signed three years ago.", [("three years ago", "2022")]),
        ("Parliament will vote next month.", [("next month", "2025-03")]),
        ("The ceasefire collapsed in March.", [("March", "2024-03")]),
        ("The next round of talks will open in March.", [("March", "2025-03")]),
        ("Exports fell sharply earlier this year.", [("earlier this year", "2025")]),
        ("Inflation rose last year.", [("last year", "2024")]),
        ("Troops withdrew last summer.", [("last summer", "2024-SU")]),
        ("The army reported heavy losses last week.", [("last week", "2025-W06")]),
        # the past perfect, schedules and reduced relatives decide a bare day or month
        ("The offer had been due to expire on Friday evening.", [("Friday evening", "2025-02-07TEV")]),
        ("Until Thursday, the police had not named a suspect.", [("Thursday", "2025-02-06")]),
        ("The mayor scheduled a press briefing Thursday.", [("Thursday", "2025-02-13")]),
        ("Shares closed near the record high set on Aug. 9.", [("Aug. 9", "2024-08-09")]),
        ("Most sales came from phones introduced in April.", [("April", "2024-04")]),
        ("Delegates will gather at a summit set for Geneva in April.", [("April", "2025-04")]),
        ("The union has scheduled a strike vote Friday.", [("Friday", "2025-02-14")]),
        ("Shares rose on Tuesday after falling from the previous Friday.",
         [("Tuesday", "2025-02-11"), ("Friday", "2025-02-07")]),
        ("The ultimatum had been set to run out at midnight Sunday.", [("midnight Sunday", "2025-02-09T24")]),
        ("Bond yields have risen since year-end.", [("year-end", "2024-12-31")]),
        ("The banks expect to close the deal by year-end.", [("year-end", "2025-12-31")]),
        ("In its quarter ended Feb. 28, the retailer lost money.", [("Feb. 28", "2024-02-28")]),
        ("Sales rose 4% in the final quarter.", [("the final quarter", "2024-Q4")]),  # not "2025-Q-1"
        # absolute dates, ranges and intervals
        ("Russia annexed Crimea in 2014.", [("2014", "2014")]),
        ("Critics recalled the 2014 annexation of the peninsula.", [("2014", "2014")]),
        ("The mission ran from 2014 to 2022.", [("2014", "2014"), ("2022", "2022")]),
        ("Fighting raged between March and May 2022.", [("March", "2022-03"), ("May 2022", "2022-05")]),
        ("The border has been closed since 2022.", [("2022", "2022")]),
        ("The accord was signed on 3 March 2022 in Minsk.", [("3 March 2022", "2022-03-03")]),
        ("The accord was signed on March 3, 2022, in Minsk.", [("March 3, 2022", "2022-03-03")]),
        ("The battles of 22-25 April 1951 were decisive.", [("22", "1951-04-22"), ("25 April 1951", "1951-04-25")]),
        ("Output grew in the second quarter of 2023.", [("the second quarter of 2023", "2023-Q2")]),
        ("The economy boomed in the 1990s.", [("the 1990s", "199")]),
        ("Empires fell in the 20th century.", [("the 20th century", "19")]),
        ("Athens was sacked in 480 BC.", [("480 BC", "BC0480")]),
        ("The siege lasted through 1915-17.", [("1915", "1915"), ("17", "1917")]),
        # durations and sets
        ("The leaders held a 90-minute call.", [("90-minute", "PT90M")]),
        ("The truce held for six months.", [("six months", "P6M")]),
        ("The war has lasted about three years.", [("three years", "P3Y")]),
        ("The blockade lasted 2 1/2 years.", [("2 1/2 years", "P2Y6M")]),
        ("Inspectors visit the site every week.", [("every week", "P1W")]),
        ("Farmers have waited for months for rain.", [("months", "PXM")]),
        ("The envoy expects an answer within days.", [("days", "PXD")]),
        ("The country endured years of drought.", []),
        ("The agency publishes figures daily.", [("daily", "P1D")]),
        # references
        ("The region is now calm.", [("now", "PRESENT_REF")]),
        ("Tensions have risen recently.", [("recently", "PAST_REF")]),
        # a stretch of unknown length ahead is a duration, as TimeML values it
        ("Talks will continue over the next few days.", [("the next few days", "PXD")]),
        ("Prices may fall in coming weeks.", [("coming weeks", "PXW")]),
    ],
)
def test_values(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 100,000 troops were massed at the border.",
        "Ministers may meet again before the summit.",
        "Thousands of protesters march on the capital every weekend.".replace(" every weekend", ""),
        "She told USA Today that the deal was off.",
        # a month name that is part of a person's name
        "Theresa May, the shadow secretary, told the BBC that the plans were inadequate.",
        "Mrs May said the plans were inadequate.",
        "The company sold 2000 tanks to the army.",
        "A 44-year-old man was arrested.",
        "The fall of the city shocked the region.",
    ],
)
def test_no_false_dates(nlp, text: str) -> None:
    assert [(t.text, t.value) for t in _tag(nlp, text) if t.timex_type in ("DATE", "TIME")] == []


def test_extent_excludes_preposition_and_record_fields(nlp) -> None:
    text = "The summit opened on Monday in Geneva."
    (tx,) = _tag(nlp, text)
    assert (tx.text, text[tx.char_start:tx.char_end]) == ("Monday", "Monday")
    assert (tx.timex_type, tx.value, tx.precision, tx.anchor) == ("DATE", "2025-02-10", "day", "publication")
    assert (tx.start_date, tx.end_date) == (date(2025, 2, 10), date(2025, 2, 10))
    assert tx.timex_id.startswith("tx") and tx.sentence_idx == 0


def test_following_week_is_anchored_to_the_previous_expression(nlp) -> None:
    got = _tag(nlp, "The summit opened on 3 March 2022. The following week, the talks stalled.")
    assert [(t.text, t.value, t.anchor) for t in got] == [
        ("3 March 2022", "2022-03-03", "absolute"), ("The following week", "2022-W10", "previous")]


def test_named_period_has_its_interval(nlp) -> None:
    got = _tag(nlp, "The alliance was founded during the Cold War.")
    assert [(t.text, t.start_date, t.end_date) for t in got] == [
        ("the Cold War", date(1947, 3, 12), date(1991, 12, 26))]
    assert _tag(nlp, "The alliance was founded during the Cold War.", named_periods=False) == []


def test_year_precision_and_interval(nlp) -> None:
    (tx,) = _tag(nlp, "The pipeline was finished in 2022.")
    assert (tx.precision, tx.start_date, tx.end_date) == ("year", date(2022, 1, 1), date(2022, 12, 31))


def test_without_publication_date_relative_days_are_dropped(nlp) -> None:
    assert _pairs(nlp, "The minister resigned yesterday.", dct=None) == []


def test_same_input_same_output(nlp) -> None:
    text = "On Tuesday, two days after the vote, the president spoke for an hour."
    assert _tag(nlp, text) == _tag(nlp, text)


def test_narrative_history_leans_on_previous_dates(nlp) -> None:
    text = ("The offensive began in 1941 and stalled in 1942. The front broke in December 1943. "
            "In January, fresh divisions arrived.")
    assert is_narrative(text, date(2009, 12, 19))
    assert ("January", "1944-01") in _pairs(nlp, text, dct=date(2009, 12, 19))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", (date(2025, 1, 1), date(2025, 12, 31), "year")),
        ("2025-02", (date(2025, 2, 1), date(2025, 2, 28), "month")),
        ("2024-02-29", (date(2024, 2, 29), date(2024, 2, 29), "day")),
        ("2025-W07", (date(2025, 2, 10), date(2025, 2, 16), "week")),
        ("2025-Q1", (date(2025, 1, 1), date(2025, 3, 31), "quarter")),
        ("2025-SU", (date(2025, 6, 1), date(2025, 8, 31), "season")),
        ("2024-WI", (date(2024, 12, 1), date(2025, 2, 28), "season")),
        ("199", (date(1990, 1, 1), date(1999, 12, 31), "decade")),
        ("19", (date(1900, 1, 1), date(1999, 12, 31), "century")),
        ("P3Y", (None, None, None)),
        ("BC0480", (None, None, None)),
    ],
)
def test_interval(value: str, expected: tuple) -> None:
    assert cal.interval(value) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [((1.5, "year"), "P1Y6M"), ((5.5, "hour"), "PT5H30M"), ((90, "minute"), "PT90M"), ((None, "year"), "PXY"),
     ((2, "decade"), "P20Y"), ((3, "quarter"), "P9M"), ((2, "fortnight"), "P4W")],
)
def test_duration_value(args: tuple, expected: str) -> None:
    assert duration_value(*args) == expected


@pytest.mark.parametrize(
    ("month", "day", "tense", "expected"),
    [(4, 1, "past", 2024), (3, 1, "past", 2025), (3, 1, "future", 2025), (1, 10, "future", 2026),
     (12, 20, None, 2024), (2, 20, None, 2025)],
)
def test_pick_year(month: int, day: int, tense: str | None, expected: int) -> None:
    assert pick_year(month, day, DCT, tense) == expected


@pytest.mark.parametrize(
    ("value", "unit", "n", "expected"),
    [("1989-Q3", "year", -1, "1988-Q3"), ("1989", "year", -1, "1988"), ("2022-03-03", "week", 1, "2022-03-10"),
     ("2022-03", "month", 2, "2022-05")],
)
def test_shift_value(value: str, unit: str, n: int, expected: str) -> None:
    assert cal.shift_value(value, unit, n) == expected


def test_a_four_digit_clock_time_is_no_year_and_anchors_nothing(nlp):
    # "at 1500 GMT" is three in the afternoon: read as the year 1500 it dated "24 November" to 1500-11-24
    got = {t.text: t.value for t in _tag(nlp, "He is unveiled at 1500 GMT on Wednesday. He quit on 24 November.",
                                         dct=None)}
    assert "1500" not in got and got["24 November"] == "XXXX-11-24"
    assert {t.value for t in _tag(nlp, "The war ended in 1500 after years of fighting.")} == {"1500"}
