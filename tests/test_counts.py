"""Casualty and arrest counts of events (issue 15): numbers, bounds, vague quantities. Sentences are the team's."""

from __future__ import annotations

import pytest

from curation.events.counts import Count, casualties, number_value

CASES = [
    ("Insurgents killed at least 12 people in the town on Monday.", "ASSAULT", "fatalities", Count(12, "at_least")),
    ("Twelve soldiers were killed and 30 wounded in the attack.", "ASSAULT", "fatalities", Count(12, "exact")),
    ("Twelve soldiers were killed and 30 wounded in the attack.", "ASSAULT", "injured", Count(30, "exact")),
    ("The blast left 40 people dead and more than 100 injured.", "ASSAULT", "fatalities", Count(40, "exact")),
    ("The blast left 40 people dead and more than 100 injured.", "ASSAULT", "injured", Count(100, "at_least")),
    ("The death toll rose to 40, officials said.", "ASSAULT", "fatalities", Count(40, "exact")),
    ("Police arrested 20 protesters after the march.", "COERCE", "arrested", Count(20, "exact")),
    ("Up to 300 people were detained overnight.", "COERCE", "arrested", Count(300, "at_most")),
    ("Hundreds were arrested.", "COERCE", "arrested", Count(None, "vague")),
    ("Dozens of people were injured in the clashes.", "ASSAULT", "injured", Count(None, "vague")),
    ("Between 10 and 15 villagers were killed.", "ASSAULT", "fatalities", Count(10, "at_least")),
    ("Gunmen killed two hundred and five civilians.", "ASSAULT", "fatalities", Count(205, "exact")),
    ("About 1,200 people died in the fighting.", "ASSAULT", "fatalities", Count(1200, "approximate")),
    ("Rebels attacked three towns and killed seven soldiers.", "ASSAULT", "fatalities", Count(7, "exact")),
    ("The attack on 3 March killed 4 people.", "ASSAULT", "fatalities", Count(4, "exact")),
]


@pytest.mark.parametrize(("sentence", "etype", "kind", "want"), CASES, ids=[f"{c[2]}:{c[0][:30]}" for c in CASES])
def test_count(nlp, sentence: str, etype: str, kind: str, want: Count) -> None:
    got = casualties(next(iter(nlp(sentence).sents)), etype)
    assert getattr(got, kind) == want


@pytest.mark.parametrize("sentence", [
    "The attack killed the deal.",  # no number
    "Rebels attacked three towns.",  # towns are not people
    "In 2004 the army killed rebels.",  # a year is no count
])
def test_no_count(nlp, sentence: str) -> None:
    got = casualties(next(iter(nlp(sentence).sents)), "ASSAULT")
    assert (got.fatalities, got.injured, got.arrested) == (None, None, None)


def test_arrests_only_on_coercion_and_no_counts_on_verbal_events(nlp) -> None:
    sent = next(iter(nlp("Police arrested 20 protesters and killed two.").sents))
    assert casualties(sent, "ASSAULT").arrested is None
    assert casualties(sent, "ACCUSE").fatalities is None


def test_number_words() -> None:
    assert number_value("1,200") == 1200 and number_value("twenty-four") == 24
    assert number_value("two hundred and five") == 205 and number_value("2.5 million") == 2_500_000
    assert number_value("several") is None


def test_counts_on_event_rows() -> None:
    from curation.config import load_config
    from curation.ids import make_id, sha256_text
    from curation.pipeline import get_resources, process_article
    from curation.records import Article

    res = get_resources(load_config())
    text = "Iraqi insurgents killed at least 12 Iraqi soldiers near Kirkuk. Iraqi police arrested 20 protesters."
    art = Article(article_id=make_id("a", text), source="t", text=text, text_sha256=sha256_text(text))
    events = {e.trigger: e for e in process_article(art, res.nlp(text), res).events}
    assert (events["killed"].fatalities, events["killed"].fatalities_qualifier) == (12, "at_least")
    assert (events["arrested"].arrested, events["arrested"].arrested_qualifier) == (20, "exact")
    assert events["arrested"].fatalities is None and events["killed"].arrested is None


def test_plover_score_of_type_and_mode() -> None:
    """The manual's conflict-cooperation table: the mode's score, else the category's."""
    from curation.config import load_config
    from curation.ids import make_id, sha256_text
    from curation.pipeline import get_resources, process_article
    from curation.records import Article

    res = get_resources(load_config())
    text = "Iraqi police arrested 20 protesters. France praised Germany for its restraint."
    art = Article(article_id=make_id("a", text), source="t", text=text, text_sha256=sha256_text(text))
    events = {e.trigger: e for e in process_article(art, res.nlp(text), res).events}
    assert (events["arrested"].mode, events["arrested"].plover_score) == ("arrest", -7.0)
    assert (events["praised"].event_type, events["praised"].plover_score) == ("SUPPORT", 5.0)
