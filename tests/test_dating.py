"""Event dates from what the text says (issue 14): structure, narrative time, honest publication intervals.

Sentences are the team's own; each test names the rule of :mod:`curation.events.dating` it pins.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from curation.events.dating import Dating, EventDate
from curation.events.factuality import modality
from curation.records import Article
from curation.timexes import find_timexes

PUB = date(2024, 3, 6)  # a Wednesday
NOUNS = frozenset({"bombing", "shelling", "plebiscite", "election", "raid", "treaty", "summit", "talks", "talk"})


def _date(nlp, text: str, word: str, *, nth: int = 0, published: date | None = PUB) -> EventDate:
    doc = nlp(text)
    art = Article(article_id="a0", source="t.txt", text=text, published=published,
                  published_precision="day" if published else None)
    timexes = find_timexes(doc, article_id="a0", dct=published)
    tok = [t for t in doc if t.text == word][nth]
    return Dating(doc, timexes, art, NOUNS).date(tok, None, modality(tok))


def test_possessive_date_of_an_event_noun(nlp) -> None:
    got = _date(nlp, "The minister condemned last Tuesday's shelling of the port.", "shelling")
    assert (got.basis, got.via, got.precision) == ("timex", "governed", "day")
    assert got.start == got.end and got.start < PUB and got.start.weekday() == 1


def test_year_modifier_of_an_event_noun(nlp) -> None:
    got = _date(nlp, "Voters still recall the 1995 plebiscite.", "plebiscite")
    assert (got.start, got.end, got.precision, got.via) == (date(1995, 1, 1), date(1995, 12, 31), "year", "governed")


def test_a_later_mention_of_the_same_event_inherits_its_date(nlp) -> None:
    text = ("Rebels claimed last Friday's bombing of the depot. The government said the bombing was the work of "
            "foreign fighters.")
    first, later = _date(nlp, text, "bombing"), _date(nlp, text, "bombing", nth=1)
    assert later.via == "same_event" and (later.start, later.end) == (first.start, first.end)
    assert later.start is not None and later.start.weekday() == 4


def test_a_relative_clause_on_a_dated_event_noun_shares_its_date(nlp) -> None:
    got = _date(nlp, "Families still mourn the 1998 bombing that killed forty shoppers.", "killed")
    assert (got.start, got.precision, got.via) == (date(1998, 1, 1), "year", "clause")


def test_a_relative_clause_hung_on_the_event_nouns_object_shares_its_date(nlp) -> None:
    # the parser hangs "that killed ..." on "market", inside the bombing's "of" phrase
    got = _date(nlp, "Families still mourn the March 1998 bombing of a crowded city market that killed forty "
                     "shoppers.", "killed")
    assert (got.start, got.precision, got.via) == (date(1998, 3, 1), "month", "clause")


def test_a_fronted_date_the_parser_leaves_without_its_preposition_dates_the_clause(nlp) -> None:
    got = _date(nlp, "In nineteen ninety-one Charles Keating was convicted in state court of fraud.", "convicted")
    assert (got.start, got.precision, got.basis) == (date(1991, 1, 1), "year", "timex")


def test_a_present_perfect_takes_no_definite_past_date(nlp) -> None:
    # "last year" is the bombings', not the arrest's: "has been arrested ... last year" is not English
    got = _date(nlp, "A man has been arrested in connection with the bombings of two embassies in Chad last year.",
                "bombings")
    assert (got.start, got.precision, got.via) == (date(2023, 1, 1), "year", "governed")


def test_a_clause_of_simultaneity_shares_the_date_of_its_clause(nlp) -> None:
    got = _date(nlp, "Police arrested the courier on 3 June 2019 as he boarded a ferry.", "boarded")
    assert (got.start, got.end, got.via) == (date(2019, 6, 3), date(2019, 6, 3), "clause")


def test_at_the_time_is_the_time_spoken_of_last(nlp) -> None:
    text = ("The two states signed the border treaty in December 2019. The accord was praised at the time by "
            "their neighbours.")
    got = _date(nlp, text, "praised")
    assert (got.start, got.end, got.via) == (date(2019, 12, 1), date(2019, 12, 31), "at_the_time")


def test_relative_ordering_counts_from_the_other_event(nlp) -> None:
    text = "The election took place on 4 May 2021. Crowds protested in the capital two days after the election."
    got = _date(nlp, text, "protested")
    assert (got.start, got.end, got.via) == (date(2021, 5, 6), date(2021, 5, 6), "ordered")


def test_past_perfect_is_before_the_time_told_not_at_publication(nlp) -> None:
    got = _date(nlp, "Officials said the convoy had crossed the border.", "crossed")
    assert (got.start, got.basis, got.via) == (None, "none", "past_perfect")


def test_a_fresh_event_is_the_week_ending_at_publication(nlp) -> None:
    got = _date(nlp, "Artillery shelled the town.", "shelled")
    assert (got.start, got.end, got.precision, got.basis) == (PUB - timedelta(days=6), PUB, "week", "publication")


def test_publication_month_when_only_the_month_is_known(nlp) -> None:
    doc = nlp("Artillery shelled the town.")
    art = Article(article_id="a0", source="t.txt", text=doc.text, published=date(2024, 3, 1),
                  published_precision="month")
    got = Dating(doc, [], art).date(doc[1], None, "actual")
    assert (got.start, got.end, got.precision) == (date(2024, 3, 1), date(2024, 3, 31), "month")


@pytest.mark.parametrize(("text", "word", "basis", "via"), [
    ("The foreign ministry says the army shelled the town.", "says", "publication", "publication"),
    ("The opposition wants fresh elections.", "wants", "publication", "publication"),
    ("The party opposes the new border fence.", "opposes", "none", "state"),
    ("The army will shell the town.", "shell", "none", "unrealized"),
])
def test_reports_are_of_now_states_and_plans_have_no_date(nlp, text: str, word: str, basis: str, via: str) -> None:
    got = _date(nlp, text, word)
    assert (got.basis, got.via) == (basis, via)


def test_a_simple_past_told_after_a_past_date_is_at_that_date(nlp) -> None:
    text = "In March 2019 the two delegations met in Geneva. They agreed on a prisoner exchange."
    got = _date(nlp, text, "agreed")
    assert (got.start, got.end, got.via) == (date(2019, 3, 1), date(2019, 3, 31), "told_past")


def test_a_report_is_not_moved_back_by_the_date_it_reports(nlp) -> None:
    text = "The depot was destroyed in March 2019, the governor said."
    got = _date(nlp, text, "said")
    assert got.via == "publication"


def test_a_new_paragraph_returns_to_the_news(nlp) -> None:
    text = "In March 2019 the two delegations met in Geneva.\n\nThe rebels released two hostages."
    assert _date(nlp, text, "released").via == "publication"


HISTORY = ("The kingdom went to war in 1701. In 1702 its fleet blockaded the northern ports, and in 1704 the "
           "allies won a great battle. By 1706 the enemy held only two fortresses. In August 1708 the army "
           "besieged the last of them. The garrison surrendered. Peace came in 1713, and in 1714 the old king "
           "died.")


def test_a_narrative_places_an_undated_past_event_at_the_time_it_has_reached(nlp) -> None:
    got = _date(nlp, HISTORY, "surrendered", published=date(2009, 5, 1))
    assert (got.start, got.end, got.precision, got.via) == (date(1708, 8, 1), date(1708, 8, 31), "month",
                                                            "narrative")


def test_a_history_of_unknown_date_is_still_a_narrative(nlp) -> None:
    got = _date(nlp, HISTORY, "surrendered", published=None)
    assert got.via == "narrative" and got.start == date(1708, 8, 1)


def test_no_publication_date_keeps_the_relative_timex_without_a_value(nlp) -> None:
    got = _date(nlp, "The minister resigned on Friday.", "resigned", published=None)
    assert (got.start, got.basis, got.via) == (None, "none", "no_publication_date")
    assert got.timex_id is not None


def test_news_of_unknown_date_citing_a_few_years_is_not_a_narrative(nlp) -> None:
    text = ("The minister resigned. Her party won in 1997 and in 2001, and lost in 2010.")
    got = _date(nlp, text, "resigned", published=None)
    assert (got.basis, got.via) == ("none", "no_publication_date")


def test_display_of_the_publication_week(nlp) -> None:
    from curation.timelines.dates import display_date

    assert display_date(date(2005, 2, 19), date(2005, 2, 25), "week") == "19–25 February 2005"
    assert display_date(date(2005, 2, 14), date(2005, 2, 20), "week") == "week of 14 February 2005"


TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-10">2001-05-10</TIMEX3></DCT>
<TEXT>The ferry <EVENT eid="e1" class="OCCURRENCE">sank</EVENT> on \
<TIMEX3 tid="t1" type="DATE" value="2001-05-08">Tuesday</TIMEX3> in \
<TIMEX3 tid="t2" type="DATE" value="2001-05">May</TIMEX3>. Divers \
<EVENT eid="e2" class="OCCURRENCE">searched</EVENT> the wreck.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t2" />
<TLINK lid="l3" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2" />
</TimeML>
"""


def test_gold_dates_take_the_narrowest_including_time(tmp_path: Path) -> None:
    from curation.evaluate.dating import gold_dates, outcome
    from curation.evaluate.timeml import read_timeml

    f = tmp_path / "t.tml"
    f.write_text(TIMEML, encoding="utf-8")
    doc = read_timeml(f)
    gold = gold_dates(doc)
    assert gold["e1"] == ((date(2001, 5, 8), date(2001, 5, 8)), "t1")
    assert gold["e2"] == ((date(2001, 5, 10), date(2001, 5, 10)), "t0")  # the DCT counts as a time
    day = gold["e2"][0]
    assert outcome(day, date(2001, 5, 10), date(2001, 5, 10)) == "exact"
    assert outcome(day, date(2001, 5, 4), date(2001, 5, 10)) == "compatible"  # the publication week holds it
    assert outcome(day, date(2001, 5, 1), date(2001, 5, 3)) == "wrong"
    assert outcome(day, None, None) == "undated"


def test_an_earlier_clause_counts_back_from_the_dated_one(nlp) -> None:
    text = "The president signed the decree on 9 June 2022, a day after the rebels seized the airport."
    got = _date(nlp, text, "seized")
    assert (got.start, got.end, got.via) == (date(2022, 6, 8), date(2022, 6, 8), "ordered")


DATING_FLOORS = Path(__file__).parent / "quality" / "dating_floors.json"


@pytest.mark.slow
def test_dating_on_tbaq_links_stays_above_the_floors() -> None:
    import json

    from curation.evaluate.dating import evaluate
    from curation.evaluate.timeml import iter_corpus
    from tests.conftest import require_shared

    pins = json.loads(DATING_FLOORS.read_text(encoding="utf-8"))
    root = require_shared(*pins["path"].split("/"))
    runs = {name: tally.as_dict() for name, tally in evaluate(iter_corpus([root])).items()}
    for name, floor in pins["floors"].items():
        got = runs[name]
        assert got["exact_or_compatible"] >= floor["exact_or_compatible"], (name, got)
        assert got["undated"] <= floor["undated_max"], (name, got)


def test_a_word_of_a_date_is_not_a_trigger(nlp) -> None:
    text = "Students from Serbia held the March rally against the Kosovo government in Belgrade."
    doc = nlp(text)
    art = Article(article_id="a0", source="t.txt", text=text, published=PUB, published_precision="day")
    dating = Dating(doc, find_timexes(doc, article_id="a0", dct=PUB), art)
    march, rally = (next(t for t in doc if t.text == w) for w in ("March", "rally"))
    assert dating.is_date_word(march) and not dating.is_date_word(rally)
