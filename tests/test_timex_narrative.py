"""Temporal stage on narrative, historical text: the story's own dates anchor its relative expressions.

Every passage is written for these tests. Histories are published long after
what they tell (here on 4 May 2011); a news report is anchored to its
publication date.
"""

from __future__ import annotations

from datetime import date

import pytest

from curation.timexes import calendar as cal
from curation.timexes import find_timexes, is_narrative

PUBLISHED = date(2011, 5, 4)


def _values(nlp, text: str, dct: date | None = PUBLISHED) -> dict[str, str]:
    assert dct is None or is_narrative(text, dct) or "yesterday" in text
    return {t.text: t.value for t in find_timexes(nlp(text), article_id="h1", dct=dct)}


def test_shift_after_a_dated_day_counts_from_it(nlp) -> None:
    text = ("On 10 March 1944 the army crossed the river. Two days later the bridge was lost. "
            "By 1946 the valley was quiet again, and in 1947 the farms reopened.")
    assert _values(nlp, text)["Two days later"] == "1944-03-12"


def test_shift_after_a_month_keeps_only_what_is_known(nlp) -> None:
    text = ("The garrison mutinied in March 1944. Four days later the governor fled. "
            "By 1946 the valley was quiet again, and in 1947 the farms reopened.")
    # the month may have turned: the day is underspecified within the year
    assert _values(nlp, text)["Four days later"] == "1944-XX-XX"


def test_shift_by_years_has_the_precision_of_a_year(nlp) -> None:
    text = ("The armistice was signed on 27 July 1953. Two years earlier the front had stalled. "
            "By 1955 the armies had withdrawn, and in 1957 the last prisoners came home.")
    assert _values(nlp, text)["Two years earlier"] == "1951"


def test_following_season_and_years_follow_the_story(nlp) -> None:
    text = ("The siege began in August 1917 and dragged on. The garrison gave in the following spring. "
            "The following year the king was crowned; in 1921 a treaty ended the war, and in 1923 "
            "the army was disbanded.")
    got = _values(nlp, text)
    assert got["the following spring"] == "1918-SP"
    assert got["The following year"] == "1919"


def test_winter_after_the_autumn_is_the_winter_ahead(nlp) -> None:
    # Named by the year of its December, like every winter value here: 1812-WI is December 1812 to
    # February 1813, so the value and the interval an event takes from it agree.
    text = ("The retreat began in October 1812 and the army lost its guns. During the winter thousands died. "
            "In 1813 a new army was raised, and in 1814 the capital fell.")
    assert _values(nlp, text)["the winter"] == "1812-WI"


def test_the_next_day_chain(nlp) -> None:
    text = ("Rebels took the fort on 14 June 1862. The next day they marched north, and the following day "
            "they reached the coast. By 1864 the revolt was crushed, and in 1865 the leaders were tried.")
    got = _values(nlp, text)
    assert got["The next day"] == "1862-06-15"
    assert got["the following day"] == "1862-06-16"


def test_ago_in_a_narrative_counts_from_the_story(nlp) -> None:
    text = ('The envoy arrived on 2 April 1975. "We signed the accord two years ago," he said. '
            "In 1976 the country was reunified; by 1978 the camps had opened, in 1979 a new war began "
            "and in 1980 the borders closed.")
    assert _values(nlp, text)["two years ago"] == "1973"


def test_after_an_event_counts_forward_from_it(nlp) -> None:
    text = ("The vote was held on 5 November 1912. Less than a week after the election, riots broke out. "
            "In 1913 the new cabinet fell, and in 1914 war came.")
    got = _values(nlp, text)
    value = next(v for k, v in got.items() if k.startswith("Less than a week after"))
    assert value == "1912-W46"  # forward: the week of 12 November, not before the vote


def test_before_an_event_counts_back_from_it(nlp) -> None:
    text = ("The city fell on 20 May 1453. Three days before the fall, an eclipse frightened the defenders. "
            "In 1454 a peace was agreed, and in 1456 the new sultan marched west.")
    got = _values(nlp, text)
    value = next(v for k, v in got.items() if k.startswith("Three days before"))
    assert value == "1453-05-17"


def test_a_look_back_does_not_move_the_story(nlp) -> None:
    text = ("The offensive opened in early January 1942. The previous year had been a disaster. "
            "In February the lines held. By 1943 the tide had turned, and in 1944 the invasion came.")
    got = _values(nlp, text)
    assert got["The previous year"] == "1941"
    assert got["February"] == "1942-02"  # not February of the year looked back on


def test_a_year_cited_in_passing_does_not_move_the_story(nlp) -> None:
    text = ("On 2 June 1793 the deputies were arrested, under a law of 1790. On 17 August the assembly "
            "ordered a levy. In 1794 the terror ended, and in 1795 a new constitution was written.")
    assert _values(nlp, text)["17 August"] == "1793-08-17"


def test_a_framing_year_moves_the_story(nlp) -> None:
    text = ("The army wintered near the river after December 1776. In 1777, the campaign resumed. "
            "In June the army marched north. The war ended in 1783.")
    assert _values(nlp, text)["June"] == "1777-06"


def test_part_of_day_of_a_date(nlp) -> None:
    text = ("On the night of 18 April 1775 the troops left the town. The fighting ended on the evening of "
            "19 April. In 1776 the colonies declared independence, and in 1783 peace was signed.")
    got = _values(nlp, text)
    assert got["the night of 18 April 1775"] == "1775-04-18TNI"
    assert got["the evening of 19 April"] == "1775-04-19TEV"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The latter half of 1968 saw heavy fighting. In 1969 talks began, and in 1970 the war spread.",
         ("The latter half of 1968", "1968-H2")),
        ("Their 1982 summer offensive failed. In 1983 they tried again, and in 1984 the front froze.",
         ("1982 summer", "1982-SU")),
    ],
)
def test_parts_of_a_year(nlp, text: str, expected: tuple[str, str]) -> None:
    assert _values(nlp, text)[expected[0]] == expected[1]


def test_antiquity_months_and_seasons(nlp) -> None:
    text = ("The army crossed the strait in April 480 BC. In the summer it reached the pass, and the fleet "
            "sailed in September. The following year the allies won; by 470 BC the league was strong, and in 465 BC "
            "the king died.")
    got = _values(nlp, text)
    assert got["April 480 BC"] == "BC0480-04"
    assert got["the summer"] == "BC0480-SU"
    assert got["September"] == "BC0480-09"
    assert got["The following year"] == "BC0479"


def test_proxy_years_round_trip() -> None:
    assert cal.to_proxy("BC0480-08") != "BC0480-08"
    assert cal.from_proxy(cal.to_proxy("BC0480-08")) == "BC0480-08"
    assert cal.year_of(cal.to_proxy("BC0479")) == cal.year_of(cal.to_proxy("BC0480")) + 1  # type: ignore[operator]
    assert cal.to_proxy("1944-03") == "1944-03"


def test_news_stays_anchored_to_publication(nlp) -> None:
    text = ("The minister resigned yesterday, two days after the vote. Three weeks ago the coalition "
            "had looked safe. Elections are due in March.")
    got = _values(nlp, text, dct=date(2011, 5, 4))
    assert not is_narrative(text, date(2011, 5, 4))
    assert got["yesterday"] == "2011-05-03"
    assert got["Three weeks ago"] == "2011-W15"
    assert got["two days"] == "P2D"  # a span before an event: TimeML marks the duration


@pytest.mark.parametrize(("text", "expression", "value"), [
    # "planned for 1951" looks ahead from 1949; the story stays in 1949
    ("On 10 May 1949 the rebels attacked the port. If it fell, the capital would be exposed for a campaign "
     "planned for 1951. The garrison collapsed on 12 May. By 1953 the war was over.", "12 May", "1949-05-12"),
    # a later year told in the past tense moves it
    ("On 10 May 1949 the rebels attacked the port. The army struck back in 1950. The garrison collapsed on "
     "12 May. By 1953 the war was over.", "12 May", "1950-05-12"),
    # "an assault that lasted until the fall of the city in February 1947" is background: the story is in 1945
    ("On 20 October 1945 the army took the capital. A few days later it launched an assault that lasted "
     "until the fall of the city in February 1947. By the start of November the front had moved south. "
     "In 1948 the war ended.", "the start of November", "1945-11"),
    # a year in parentheses is an aside
    ("The deputies met in 1793. They resented the Civil Charter (1790) and revolted. On 17 August the "
     "assembly ordered a levy. In 1794 the terror ended, and in 1795 a new constitution was written.",
     "17 August", "1793-08-17"),
])
def test_what_does_not_move_the_story(nlp, text: str, expression: str, value: str) -> None:
    assert _values(nlp, text)[expression] == value


def test_a_date_in_a_relative_clause_that_does_not_end_a_stretch_still_counts(nlp) -> None:
    # an undated news story: "who became chairman in June 2004" is what the story tells, not an aside
    text = ("The economist was born in 1723. The chairman, who became chairman for a fifth term in June 2004, will "
            "step down in January.")
    assert _values(nlp, text, None)["January"] != "1723-01"
