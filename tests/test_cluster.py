"""Deduplication of event mentions into event clusters."""

from __future__ import annotations

from datetime import date
from typing import Any

from curation.events.cluster import cluster_events


def _ev(eid: str, art: str, d0: date | None, d1: date | None, prec: str | None, **kw: Any) -> dict[str, Any]:
    row = {"event_id": eid, "article_id": art, "event_type": "ASSAULT", "quad_class": "material_conflict",
           "cameo_root": "19", "source_actor_id": "RUS-MIL", "target_actor_id": "UKR", "event_date": d0,
           "event_date_end": d1, "date_precision": prec, "polarity": "asserted", "modality": "actual",
           "country": None, "confidence": 0.6, "char_start": 0}
    row.update(kw)
    return row


ARTS = {"a1": (date(2024, 3, 2), "Wire"), "a2": (date(2024, 3, 3), "Daily"), "a3": (date(2024, 3, 3), None)}


def test_same_event_in_two_articles_is_one_cluster_with_the_precise_date() -> None:
    events = [_ev("e1", "a1", date(2024, 3, 1), date(2024, 3, 1), "day", confidence=0.9),
              _ev("e2", "a2", date(2024, 3, 1), date(2024, 3, 31), "month"),
              _ev("e3", "a3", date(2024, 1, 1), date(2024, 12, 31), "year")]
    assignment, rows = cluster_events(events, ARTS)
    assert len(set(assignment.values())) == 1
    (row,) = rows
    assert (row["event_date"], row["date_precision"]) == (date(2024, 3, 1), "day")
    assert (row["n_mentions"], row["n_articles"], row["n_sources"]) == (3, 3, 3)
    assert row["first_published"] == date(2024, 3, 2)
    assert row["best_event_id"] == "e1"


def test_different_days_dyads_or_factuality_stay_apart() -> None:
    events = [_ev("e1", "a1", date(2024, 3, 1), date(2024, 3, 1), "day"),
              _ev("e2", "a2", date(2024, 3, 5), date(2024, 3, 5), "day"),
              _ev("e3", "a2", date(2024, 3, 1), date(2024, 3, 1), "day", target_actor_id="POL"),
              _ev("e4", "a2", date(2024, 3, 1), date(2024, 3, 1), "day", modality="possible"),
              _ev("e5", "a2", date(2024, 3, 1), date(2024, 3, 1), "day", polarity="negated")]
    assignment, rows = cluster_events(events, ARTS)
    assert len(set(assignment.values())) == 5 == len(rows)


def test_order_of_rows_does_not_change_the_clusters() -> None:
    events = [_ev("e1", "a1", date(2024, 3, 1), date(2024, 3, 1), "day"),
              _ev("e2", "a2", date(2024, 3, 1), date(2024, 3, 31), "month"),
              _ev("e3", "a1", None, None, None)]
    first = cluster_events(events, ARTS)
    second = cluster_events(list(reversed(events)), ARTS)
    assert first[0] == second[0]
    assert sorted(r["event_cluster_id"] for r in first[1]) == sorted(r["event_cluster_id"] for r in second[1])
    # The undated mention joins the cluster of its own article.
    assert first[0]["e3"] == first[0]["e1"]


def test_symmetric_dyads_cluster_in_either_order() -> None:
    events = [_ev("e1", "a1", date(2024, 3, 1), date(2024, 3, 1), "day", event_type="CONSULT",
                  source_actor_id="ARM", target_actor_id="AZE"),
              _ev("e2", "a2", date(2024, 3, 1), date(2024, 3, 1), "day", event_type="CONSULT",
                  source_actor_id="AZE", target_actor_id="ARM"),
              _ev("e3", "a2", date(2024, 3, 1), date(2024, 3, 1), "day", source_actor_id="UKR",
                  target_actor_id="RUS-MIL")]
    assignment, _ = cluster_events(events, ARTS)
    assert assignment["e1"] == assignment["e2"]  # a meeting has no direction
    assert assignment["e3"] not in (assignment["e1"], assignment["e2"])  # an attack has one


def test_people_in_office_and_their_government_are_one_side() -> None:
    # Issue 13: events keep the person, with the coded country and sector beside it; clusters compare the code.
    events = [_ev("e1", "a1", date(2024, 3, 1), date(2024, 3, 1), "day", source_actor_id="anna-berg",
                  source_country="NOR", source_sector="GOV", target_actor_id="CHL", target_country="CHL"),
              _ev("e2", "a2", date(2024, 3, 1), date(2024, 3, 1), "day", source_actor_id="NOR-GOV",
                  source_country="NOR", source_sector="GOV", target_actor_id="CHL", target_country="CHL",
                  modality="reported")]
    assignment, rows = cluster_events(events, ARTS)
    assert assignment["e1"] == assignment["e2"] and len(rows) == 1
    assert (rows[0]["source_country"], rows[0]["source_sector"]) == ("NOR", "GOV")


def test_one_sided_mention_joins_the_only_cluster_of_its_article_that_shares_its_side() -> None:
    events = [_ev("e1", "a1", date(2024, 3, 1), date(2024, 3, 1), "day"),
              _ev("e2", "a1", None, None, None, target_actor_id=None),  # "the attack" later in the article
              _ev("e3", "a2", None, None, None, target_actor_id=None)]  # another article: not joined
    assignment, _ = cluster_events(events, ARTS)
    assert assignment["e2"] == assignment["e1"] != assignment["e3"]
