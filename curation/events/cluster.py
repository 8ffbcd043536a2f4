"""Deduplication: event mentions that report the same real-world event share a cluster.

Two mentions report the same event when they have the same type, the same
dyad (source, target), the same factuality (polarity and modality: "attacked"
and "could attack" are different things) and compatible dates: their date
intervals overlap. Undated mentions only join a cluster of the same article.

The result does not depend on the order the rows arrive in: mentions are taken
most precise date first (a day before a month before a year), then by date and
id, and each joins the first cluster whose canonical interval contains its own
or overlaps it, so the canonical date of a cluster is always that of its most
precise member. Cluster ids hash the sorted member ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from curation.ids import make_id

# Finest first; a mention of unknown precision sorts after all known ones.
_PRECISION_RANK = {p: i for i, p in enumerate(
    ("minute", "hour", "day", "week", "month", "season", "quarter", "year", "decade", "century"))}


# Types whose dyad has no direction: "X met Y" and "Y met X" are the same meeting.
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def _key(ev: Mapping[str, Any]) -> tuple[Any, ...]:
    src, tgt = ev.get("source_actor_id"), ev.get("target_actor_id")
    if ev["event_type"] in SYMMETRIC and (tgt or "") < (src or ""):
        src, tgt = tgt, src
    return (ev["event_type"], src, tgt, ev["polarity"], ev["modality"])


def _order(ev: Mapping[str, Any]) -> tuple[Any, ...]:
    d = ev.get("event_date")
    return (d is None, _PRECISION_RANK.get(ev.get("date_precision") or "", 99), d or date.min, ev["event_id"])


def _overlaps(a0: date, a1: date, b0: date, b1: date) -> bool:
    return a0 <= b1 and b0 <= a1


def cluster_events(
    events: Sequence[Mapping[str, Any]], articles: Mapping[str, tuple[date | None, str | None]],
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Cluster event rows; return ``{event_id: event_cluster_id}`` and the ``event_clusters`` rows.

    ``events`` are rows of the events table (dicts with its columns);
    ``articles`` maps article_id to (published, publisher).
    """
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = defaultdict(list)
    for ev in events:
        # Events with neither actor say nothing about who did what to whom:
        # each stays its own cluster rather than merging with strangers.
        if ev.get("source_actor_id") is None and ev.get("target_actor_id") is None:
            groups[("solo", ev["event_id"])].append(ev)
        else:
            groups[_key(ev)].append(ev)

    members: list[list[Mapping[str, Any]]] = []
    for group in groups.values():
        clusters: list[list[Mapping[str, Any]]] = []
        for ev in sorted(group, key=_order):
            d0, d1 = ev.get("event_date"), ev.get("event_date_end") or ev.get("event_date")
            home = None
            for cl in clusters:
                head = cl[0]
                h0, h1 = head.get("event_date"), head.get("event_date_end") or head.get("event_date")
                if d0 is None or h0 is None:
                    if d0 is None and any(m["article_id"] == ev["article_id"] for m in cl):
                        home = cl
                        break
                    continue
                if d1 is not None and h1 is not None and _overlaps(d0, d1, h0, h1):
                    home = cl
                    break
            if home is None:
                clusters.append([ev])
            else:
                home.append(ev)
        members.extend(clusters)

    assignment: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for cl in members:
        cid = make_id("c", *sorted(m["event_id"] for m in cl))
        head = cl[0]  # the most precise dated member
        best = max(cl, key=lambda m: (m["confidence"], -m["char_start"], m["event_id"]))
        arts = {m["article_id"] for m in cl}
        publishers = {articles.get(a, (None, None))[1] or f"unknown:{a}" for a in arts}
        published = [p for a in arts if (p := articles.get(a, (None, None))[0]) is not None]
        country = next((m["country"] for m in sorted(cl, key=_order) if m.get("country")), None)
        for m in cl:
            assignment[m["event_id"]] = cid
        rows.append({
            "event_cluster_id": cid, "event_type": head["event_type"], "quad_class": head["quad_class"],
            "cameo_root": head["cameo_root"], "source_actor_id": head.get("source_actor_id"),
            "target_actor_id": head.get("target_actor_id"), "event_date": head.get("event_date"),
            "event_date_end": head.get("event_date_end"), "date_precision": head.get("date_precision"),
            "polarity": head["polarity"], "modality": head["modality"], "country": country,
            "n_mentions": len(cl), "n_articles": len(arts), "n_sources": len(publishers),
            "first_published": min(published) if published else None,
            "best_event_id": best["event_id"], "confidence": best["confidence"],
        })
    return assignment, rows
