"""The seed article (../shared/data/seed), coded as an analyst would.

It is an analysis piece about a phone call between two heads of state. What
actually happened is the call (and the 2022 invasion it mentions); the rest
is the writer's speculation, which must not come out as actual events, and its
"read also" teaser and footer lines must yield nothing. No text of the
article is copied here: the checks are on actor ids, types and offsets.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import require_shared

REAL_TYPES = {"CONSULT", "ASSAULT"}


@pytest.fixture(scope="module")
def seed():
    folder = require_shared("seed")
    from curation.config import load_config
    from curation.ingest import discover, parse, read_inputs
    from curation.pipeline import get_resources, process_batch
    from curation.records import Reject

    config = load_config()
    arts = [a for a in (parse(r, min_chars=40) for r in read_inputs(discover([folder])))
            if not isinstance(a, Reject)]
    assert len(arts) == 1
    (res,) = process_batch(arts, get_resources(config))
    return res


def test_seed_is_an_analysis_piece(seed):
    from curation.events import is_analysis

    assert is_analysis(seed.article)


def test_the_call_is_found_as_an_actual_consultation(seed):
    calls = [e for e in seed.events if e.event_type == "CONSULT"
             and {e.source_actor_id, e.target_actor_id} == {"donald-trump", "vladimir-putin"}]
    assert calls
    assert all((e.polarity, e.modality) == ("asserted", "actual") for e in calls)
    # The first one is in the article's first body sentence.
    first_body = min(e.sentence_idx for e in seed.events)
    assert any(e.sentence_idx == first_body for e in calls)


def test_the_invasion_is_a_year_precision_event(seed):
    inv = [e for e in seed.events if e.event_type == "ASSAULT" and e.source_actor_id == "RUS"]
    assert inv
    assert (inv[0].event_date, inv[0].date_precision, inv[0].date_basis) == (date(2022, 1, 1), "year", "timex")


def test_speculation_is_marked(seed):
    assert any(e.modality != "actual" for e in seed.events)
    # Only the call and the invasion happened; everything else the piece discusses is hedged, or is background
    # it names as nouns ("Russia's demands", "aid to Ukraine"), flagged as such (issue 13).
    assert {e.event_type for e in seed.events if e.modality == "actual" and not e.is_background} <= REAL_TYPES


def test_teaser_and_footer_yield_nothing(seed):
    art = seed.article
    boiler = [(s, e) for s, e, kind in art.excluded if kind == "boilerplate"]
    assert boiler
    for ev in seed.events:
        assert not any(s < ev.char_end and ev.char_start < e for s, e in boiler)
    # Nothing after the last sentence of the body.
    last_body = max(s for s, _e, kind in art.excluded if kind == "heading")
    tail_start = min(s for s, _e in boiler if s > last_body)
    assert all(ev.char_end <= tail_start for ev in seed.events)


def test_rows_point_into_the_text(seed):
    text = seed.article.text
    for ev in seed.events:
        assert ev.evidence == text[ev.char_start:ev.char_end]
        assert text[ev.trigger_start:ev.trigger_end] == ev.trigger
        assert 0.0 < ev.confidence < 1.0
