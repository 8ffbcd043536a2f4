"""Deduplication: event mentions that report the same real-world event share a cluster.

Two mentions report the same event when they have the same type, the same
dyad, the same factuality (polarity, and modality up to reporting: "attacked"
and "could attack" are different things, "attacked" and "X said Y attacked"
are the same) and compatible dates: their date intervals overlap. The dyad is
compared as coded: an actor counts as its PLOVER country and sector when it
has both (Tony Blair in office and "the British government" are one side,
GBR-GOV), else as itself. Undated mentions only join a cluster of the same
article; there a mention with one side missing ("the deal", "the attack")
joins the cluster of the same type whose other side it shares.

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


def _side(ev: Mapping[str, Any], side: str) -> str | None:
    country, sector = ev.get(f"{side}_country"), ev.get(f"{side}_sector")
    if country and sector:
        return f"{country}-{sector}"
    return ev.get(f"{side}_actor_id")


def _modality(ev: Mapping[str, Any]) -> str:
    return "actual" if ev["modality"] == "reported" else str(ev["modality"])


def _key(ev: Mapping[str, Any]) -> tuple[Any, ...]:
    src, tgt = _side(ev, "source"), _side(ev, "target")
    if ev["event_type"] in SYMMETRIC and (tgt or "") < (src or ""):
        src, tgt = tgt, src
    return (ev["event_type"], src, tgt, ev["polarity"], _modality(ev))


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
    members = _join_one_sided(members)

    assignment: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    members.sort(key=lambda cl: _order(cl[0]))
    for cl in members:
        cid = make_id("c", *sorted(m["event_id"] for m in cl))
        head = cl[0]  # the most precise dated member
        best = max(cl, key=lambda m: (m["confidence"], -m["char_start"], m["event_id"]))
        arts = {m["article_id"] for m in cl}
        publishers = {articles.get(a, (None, None))[1] or f"unknown:{a}" for a in arts}
        published = [p for a in arts if (p := articles.get(a, (None, None))[0]) is not None]
        # A member's place from its text (or dateline) before another's article setting.
        country = next((m["country"] for m in sorted(cl, key=lambda m: (m.get("place_basis") == "setting",
                                                                          _order(m))) if m.get("country")), None)
        for m in cl:
            assignment[m["event_id"]] = cid
        rows.append({
            "event_cluster_id": cid, "event_type": head["event_type"], "quad_class": head["quad_class"],
            "cameo_root": head["cameo_root"], "source_actor_id": head.get("source_actor_id"),
            "target_actor_id": head.get("target_actor_id"), "event_date": head.get("event_date"),
            "source_country": head.get("source_country"), "source_sector": head.get("source_sector"),
            "target_country": head.get("target_country"), "target_sector": head.get("target_sector"),
            "event_date_end": head.get("event_date_end"), "date_precision": head.get("date_precision"),
            "polarity": head["polarity"], "modality": head["modality"], "country": country,
            "n_mentions": len(cl), "n_articles": len(arts), "n_sources": len(publishers),
            "first_published": min(published) if published else None,
            "best_event_id": best["event_id"], "confidence": best["confidence"],
        })
    return assignment, rows


def _join_one_sided(members: list[list[Mapping[str, Any]]]) -> list[list[Mapping[str, Any]]]:
    """Within one article, a cluster whose mentions all lack one side joins the cluster of the same type,
    factuality and article that shares its other side (the only one that does, so nothing is guessed)."""
    def sides(cl: list[Mapping[str, Any]]) -> tuple[set[str], set[str]]:
        return ({s for m in cl if (s := _side(m, "source"))}, {t for m in cl if (t := _side(m, "target"))})

    out = list(members)
    for cl in list(members):
        src, tgt = sides(cl)
        if (src and tgt) or (not src and not tgt) or len({m["article_id"] for m in cl}) != 1:
            continue
        head = cl[0]
        hosts = [o for o in out if o is not cl and o[0]["event_type"] == head["event_type"]
                 and o[0]["polarity"] == head["polarity"] and _modality(o[0]) == _modality(head)
                 and any(m["article_id"] == head["article_id"] for m in o)
                 and all(s and t for s, t in [sides(o)])
                 and (src <= sides(o)[0] if src else tgt <= sides(o)[1])]
        if len(hosts) == 1:
            hosts[0].extend(cl)
            out.remove(cl)
    return out
