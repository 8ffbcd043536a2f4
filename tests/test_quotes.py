"""Quotations: their spans, who speaks them, and the events of their later sentences.

Texts are the team's own. Names are linked by the small table of test_events.py.
"""

from __future__ import annotations

import pytest

from curation.events.quotes import attribute, quotation_spans, quoted_sentence
from tests.test_events import _events


def _quoted(text: str, spans: list[list[tuple[int, int]]]) -> list[list[str]]:
    return [[text[a:b] for a, b in g] for g in spans]


@pytest.mark.parametrize(("text", "expected"), [
    # one quotation, two sentences, closed in the paragraph
    ('Ana Silva said: "We will stay. We must."', [['"We will stay. We must."']]),
    # a quotation left open at the end of a paragraph goes on in the next, which opens with a mark
    ('He said: "We will stay.\n"We must stay."\nThen he left.', [['"We will stay.', '"We must stay."']]),
    # ... but not when the next paragraph does not open with a mark
    ('He said: "We will stay.\nThen he left.', [['"We will stay.']]),
    # paragraphs run together: the reopening mark after a space does not close the quotation
    ('He said: "We will stay. "We must stay." Then he left.', [['"We will stay. ', '"We must stay."']]),
    # curly marks and two quotations
    ("\u201cNo,\u201d she said. \u201cNever.\u201d", [["\u201cNo,\u201d"], ["\u201cNever.\u201d"]]),
    # an inch mark after a number closes nothing that was not opened
    ('The screen is 40" wide.', []),
])
def test_quotation_spans(text, expected):
    assert _quoted(text, quotation_spans(text)) == expected


def _speakers(nlp, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    qs = attribute(doc)
    out = []
    for s in doc.sents:
        q = quoted_sentence(s, qs)
        out.append((s.text.strip(), q.speaker.text if q is not None and q.speaker is not None else None))
    return out


def test_a_quotation_is_spoken_by_whoever_the_sentence_that_opens_it_names(nlp):
    got = _speakers(nlp, 'Maria Lopez told reporters: "The plan is sound. Kenya must sign it now."')
    assert got[-1] == ("Kenya must sign it now.\"", "Lopez")


def test_a_quotation_attributed_where_it_closes(nlp):
    got = _speakers(nlp, '"The plan is sound. Kenya must sign it now," Maria Lopez said.')
    assert got[0][1] == "Lopez"


def test_an_unattributed_quotation_right_after_one_is_the_same_speakers(nlp):
    got = _speakers(nlp, '"The plan is sound," Maria Lopez said. "Kenya must sign it now."')
    assert got[-1][1] == "Lopez"


def test_narrative_between_quotations_breaks_the_chain(nlp):
    text = ('"The plan is sound," Maria Lopez said. The talks ended on Friday. "Kenya must sign it now."')
    assert _speakers(nlp, text)[-1][1] is None


def test_a_quoted_phrase_is_not_speech_that_later_quotations_continue(nlp):
    text = 'Critics called it a "cheap trick" on Monday. "Kenya must sign it now."'
    assert _speakers(nlp, text)[-1][1] is None


def test_a_demand_in_a_later_sentence_of_a_quotation_is_the_speakers(nlp):
    text = 'Maria Lopez said: "The talks have gone on for a year. Kenya must sign the treaty now."'
    got = [e for e in _events(nlp, text) if e.event_type == "REQUEST"]
    # made, as "said" says: not "possible" as the "must" of what it asks for
    assert [(e.source_actor_id, e.target_actor_id, e.modality) for e in got] == [("maria-lopez", "KEN", "actual")]


def test_we_in_a_later_sentence_of_a_quotation_is_the_speaker(nlp):
    text = '"This is a sad day," Maria Lopez said. "We condemn the attack on Kenya."'
    # (the attack condemned is an event of its own, by nobody named)
    assert [e.source_actor_id for e in _events(nlp, text) if e.event_type == "ACCUSE"] == ["maria-lopez"]


def test_a_quotation_with_no_speaker_gives_no_event_of_speech(nlp):
    text = 'The letter ended: "Kenya must sign the treaty now."'
    assert not any(e.event_type == "REQUEST" for e in _events(nlp, text))


def test_a_speaker_who_judges_himself_judges_nobody(nlp):
    text = 'Maria Lopez said: "I know that. Maria Lopez has failed."'
    assert not any(e.event_type == "ACCUSE" and e.target_actor_id == "maria-lopez" for e in _events(nlp, text))



def test_explain_shows_the_rule_read_from_a_quotation():
    from curation.explain import explain

    out = explain('Maria Lopez said: "The talks have gone on for a year. Kenya must sign the treaty now."')
    assert "REQUEST 100 (speech.py:quotation:0, speech) sources=['Lopez'] targets=['Kenya']" in out
