"""A small, hand-written dataset for deterministic timeline tests.

The extractors are being improved in parallel, so the sample dataset's rows
change; these rows do not. They go through the same ``build_table`` and
``write_dataset`` as a real run, so the folder is a real dataset. Every
sentence here was written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from curation.ids import make_id, sha256_text
from curation.tables import build_table
from curation.write import write_dataset
from schemas import SCHEMA_VERSION, TABLES

HOSTILE_TITLE = "<script>alert(1)</script>"

ACTORS = [
    ("RUS", "Russia", "STATE", "RUS", ["Russian Federation", "Moscow"]),
    ("RUS-MIL", "Russian Armed Forces", "MIL", "RUS", ["Russian military", "Russian army"]),
    ("RUS-GOV", "Russian government", "GOV", "RUS", ["Kremlin"]),
    ("vladimir-putin", "Vladimir Putin", "PERSON", "RUS", ["Putin"]),
    ("UKR", "Ukraine", "STATE", "UKR", ["Kyiv"]),
    ("UKR-MIL", "Ukrainian Armed Forces", "MIL", "UKR", []),
    ("USA", "United States", "STATE", "USA", ["US", "America", "Washington"]),
    ("george-washington", "George Washington", "PERSON", "USA", ["Washington"]),
    ("NATO", "North Atlantic Treaty Organization", "IGO", None, ["the Alliance"]),
]

# article key -> (published, publisher, title, url)
ARTICLES = {
    "harbor": (date(2022, 3, 2), "Harbor Wire", "Dawn strikes along the eastern front", "https://news.test/a/1"),
    "ledger": (date(2022, 3, 20), "Daily Ledger", "A year of pressure on Moscow", "https://news.test/b/2"),
    "hostile": (date(2023, 6, 10), "Night Desk", HOSTILE_TITLE, None),
    "undated": (None, None, "Notes from a long war", None),
}

QUAD = {"ASSAULT": ("material_conflict", "19"), "SANCTION": ("material_conflict", "16"),
        "CONSULT": ("verbal_cooperation", "04"), "THREATEN": ("verbal_conflict", "13"),
        "AID": ("material_cooperation", "07"), "ACCUSE": ("verbal_conflict", "11"),
        "REQUEST": ("verbal_cooperation", "02"), "COERCE": ("material_conflict", "17")}

# (key, article, evidence, trigger, type, source, target, start, end, precision, modality, polarity,
#  confidence, n_articles)
EVENTS: list[tuple[Any, ...]] = [
    ("strike", "harbor", "Artillery units of the invading army attacked the town of Pinewood at dawn.",
     "attacked", "ASSAULT", "RUS-MIL", "UKR", date(2022, 2, 24), date(2022, 2, 24), "day", "actual",
     "asserted", 0.9, 2),
    ("sanctions", "ledger", "Over the whole year the treasury in Washington kept adding names to its lists.",
     "adding", "SANCTION", "USA", "RUS", date(2022, 1, 1), date(2022, 12, 31), "year", "actual",
     "asserted", 0.7, 1),
    ("talks", "ledger", "Envoys from Kyiv held several rounds of talks at the Alliance's headquarters in March.",
     "talks", "CONSULT", "UKR", "NATO", date(2022, 3, 1), date(2022, 3, 31), "month", "actual",
     "asserted", 0.6, 1),
    ("warning", "harbor", "The Kremlin warned that it would answer any new deliveries within days.",
     "warned", "THREATEN", "RUS-GOV", "UKR", date(2022, 3, 5), date(2022, 3, 5), "day", "future",
     "asserted", 0.5, 1),
    ("denial", "harbor", "Defenders did not strike the depot across the river, their commander insisted.",
     "strike", "ASSAULT", "UKR-MIL", "RUS-MIL", date(2022, 3, 1), date(2022, 3, 1), "day", "actual",
     "negated", 0.8, 1),
    ("aid", "hostile", "A convoy of generators paid for by Washington reached the city on Friday.",
     "reached", "AID", "USA", "UKR", date(2023, 6, 9), date(2023, 6, 9), "day", "actual",
     "asserted", 0.4, 1),
    ("accusation", "undated", "The president in Moscow accused the Alliance of stoking the conflict.",
     "accused", "ACCUSE", "vladimir-putin", "NATO", None, None, None, "actual", "asserted", 0.65, 1),
    ("appeal", "hostile", "Kyiv asked Washington for more air defence in the spring, officials said.",
     "asked", "REQUEST", "UKR", "USA", date(2023, 4, 1), date(2023, 6, 30), "quarter", "reported",
     "asserted", 0.55, 1),
]


def _article_id(key: str) -> str:
    return make_id("a", "timeline-fixture", key)


def rows(extra_events: list[tuple[Any, ...]] | None = None,
         article_overrides: dict[str, tuple[Any, ...]] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The fixture's rows, table by table (every declared table present, most empty)."""
    arts = dict(ARTICLES)
    arts.update(article_overrides or {})
    events = [*EVENTS, *(extra_events or [])]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    out["actors"] = [{"actor_id": a, "name": n, "actor_type": t, "country": c, "wikidata_qid": None, "aliases": al,
                      "sector": None, "origin": "dictionary"} for a, n, t, c, al in ACTORS]
    texts: dict[str, str] = dict.fromkeys(arts, "")
    for ev in events:
        key, art, evidence = ev[0], ev[1], ev[2]
        trigger, etype, src, tgt, d0, d1, prec, modality, polarity, conf, n_art = ev[3:14]
        basis = ev[14] if len(ev) > 14 else ("timex" if d0 else "none")  # optional 15th field
        start = len(texts[art]) + (1 if texts[art] else 0)
        texts[art] = f"{texts[art]} {evidence}" if texts[art] else evidence
        t0 = evidence.index(trigger) + start
        eid = make_id("e", "timeline-fixture", key)
        quad, cameo = QUAD[etype]
        out["events"].append({
            "event_id": eid, "article_id": _article_id(art), "sentence_idx": 0, "char_start": start,
            "char_end": start + len(evidence), "trigger": trigger, "trigger_start": t0,
            "trigger_end": t0 + len(trigger), "evidence": evidence, "event_type": etype, "quad_class": quad,
            "cameo_root": cameo, "source_actor_id": src, "target_actor_id": tgt, "event_date": d0,
            "event_date_end": d1, "date_precision": prec, "date_basis": basis,
            "date_via": {"timex": "governed", "publication": "publication"}.get(
                basis, "state" if modality == "actual" else "unrealized"),
            "timex_id": None, "country": None, "location_text": None, "polarity": polarity, "modality": modality,
            "extractor": "timeline-fixture/1", "confidence": conf,
            "event_cluster_id": make_id("c", eid), "cameo_code": cameo, "mode": None,
            "source_country": src[:3] if src and src[:3].isupper() else None,
            "target_country": tgt[:3] if tgt and tgt[:3].isupper() else None,
            "is_lead": False, "is_background": False,
        })
        published = arts[art][0]
        out["event_clusters"].append({
            "event_cluster_id": make_id("c", eid), "event_type": etype, "quad_class": quad, "cameo_root": cameo,
            "source_actor_id": src, "target_actor_id": tgt, "event_date": d0, "event_date_end": d1,
            "date_precision": prec, "polarity": polarity, "modality": modality, "country": None,
            "n_mentions": n_art, "n_articles": n_art, "n_sources": n_art, "first_published": published,
            "best_event_id": eid, "confidence": conf,
        })
    for key, (published, publisher, title, url) in arts.items():
        text = texts[key] or "An article with no events in it."
        out["articles"].append({
            "article_id": _article_id(key), "source": f"fixture/{key}.txt", "url": url, "publisher": publisher,
            "title": title, "byline": None, "published": published,
            "published_precision": "day" if published else None,
            "published_basis": "metadata" if published else "none", "language": "en", "text": text,
            "text_sha256": sha256_text(text), "n_chars": len(text), "n_words": len(text.split()),
            "n_excluded_chars": 0,
        })
    return out


def write_fixture(out: Path, **kwargs: Any) -> Path:
    """Write the fixture dataset to ``out`` and return the folder."""
    data = rows(**kwargs)
    tables = {name: build_table(name, data.get(name, [])) for name in TABLES}
    manifest = {"dataset_format": "curation-dataset/1", "schema_version": SCHEMA_VERSION, "inputs": [],
                "config": {}, "versions": {"schemas": {"schema_version": SCHEMA_VERSION}}}
    write_dataset(out, tables, manifest)
    return out


def write_synthetic(out: Path, n: int, *, seed: int = 7) -> Path:
    """A dataset of ``n`` one-mention event clusters over the fixture's actors, for timing.

    Deterministic (seeded); dates spread over 2015..2024 with every precision
    the timeline displays.
    """
    import random
    from datetime import timedelta

    rng = random.Random(seed)
    precisions = ["day"] * 6 + ["week", "month", "month", "quarter", "year"]
    ids = [a[0] for a in ACTORS]
    extra: list[tuple[Any, ...]] = []
    for i in range(n):
        prec = rng.choice(precisions)
        d0 = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        if prec == "week":
            d0 -= timedelta(days=d0.weekday())
            d1 = d0 + timedelta(days=6)
        elif prec == "month":
            d0 = d0.replace(day=1)
            d1 = (d0.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        elif prec == "quarter":
            d0 = date(d0.year, (d0.month - 1) // 3 * 3 + 1, 1)
            d1 = (date(d0.year + (d0.month + 2) // 12, (d0.month + 2) % 12 + 1, 1) - timedelta(days=1))
        elif prec == "year":
            d0, d1 = date(d0.year, 1, 1), date(d0.year, 12, 31)
        else:
            d1 = d0
        etype = rng.choice(sorted(QUAD))
        src, tgt = rng.sample(ids, 2)
        extra.append((f"synthetic-{i}", rng.choice(sorted(ARTICLES)),
                      f"Synthetic report number {i} of an event between two parties.", "event", etype, src, tgt,
                      d0, d1, prec, rng.choice(["actual"] * 4 + ["possible", "reported"]),
                      rng.choice(["asserted"] * 9 + ["negated"]), round(rng.random(), 3), 1))
    data = rows(extra_events=extra)
    tables = {name: build_table(name, data.get(name, [])) for name in TABLES}
    manifest = {"dataset_format": "curation-dataset/1", "schema_version": SCHEMA_VERSION, "inputs": [],
                "config": {"synthetic": n, "seed": seed},
                "versions": {"schemas": {"schema_version": SCHEMA_VERSION}}}
    write_dataset(out, tables, manifest)
    return out
