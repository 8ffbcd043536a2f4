"""A small dataset written by hand for the validation tests: every table, every foreign key, valid.

The sentences are the team's own. Offsets are computed from the text, so the
rows agree with it; tests then break one thing at a time.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa

from curation.ids import make_id, sha256_text
from curation.tables import build_table
from schemas import TABLES

SCRIPT_TITLE = "<script>alert(1)</script>"

_ARTICLES = (
    {
        "title": "Norway and Chile sign a fisheries accord",
        "publisher": "Example Wire",
        "url": "https://news.example.org/2023/05/fisheries",
        "published": date(2023, 5, 4),
        "text": ("Norway and Chile signed a fisheries accord in Oslo on 2 May 2023. "
                 "Both governments said talks on catch quotas would resume in June."),
    },
    {
        "title": SCRIPT_TITLE,
        "publisher": "Example Daily <b>bold</b>",
        "url": "javascript:alert(2)",
        "published": date(2024, 1, 10),
        "text": "Chile accused Peru of blocking the border crossing on 9 January 2024.",
    },
)


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def _sentence(text: str, needle: str) -> tuple[int, int]:
    """The sentence holding ``needle`` (sentences here end with '. ' or the text's end)."""
    i = text.index(needle)
    s = text.rfind(". ", 0, i)
    s = 0 if s < 0 else s + 2
    e = text.find(". ", i)
    return s, (len(text) if e < 0 else e + 1)


def rows() -> dict[str, list[dict[str, Any]]]:
    """The rows of every table, as plain dicts (fresh copies: tests may change them)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    arts = []
    for i, a in enumerate(_ARTICLES):
        text = a["text"]
        digest = sha256_text(text)
        art = {"article_id": "a" + digest[:16], "source": f"tests/handwritten-{i}.txt", "url": a["url"],
               "publisher": a["publisher"], "title": a["title"], "byline": None, "published": a["published"],
               "published_precision": "day", "published_basis": "metadata", "language": "en", "text": text,
               "text_sha256": digest, "n_chars": len(text), "n_words": len(text.split()), "n_excluded_chars": 0}
        arts.append(art)
        out["articles"].append(art)
    a1, a2 = arts

    def timex(art: dict[str, Any], needle: str, sent: int, value: str, start: date, end: date,
              precision: str, anchor: str) -> dict[str, Any]:
        s, e = _span(art["text"], needle)
        return {"timex_id": make_id("tx", art["article_id"], s, e), "article_id": art["article_id"],
                "sentence_idx": sent, "char_start": s, "char_end": e, "text": needle, "timex_type": "DATE",
                "value": value, "mod": None, "start_date": start, "end_date": end, "precision": precision,
                "anchor": anchor}

    tx = [timex(a1, "2 May 2023", 0, "2023-05-02", date(2023, 5, 2), date(2023, 5, 2), "day", "absolute"),
          timex(a1, "June", 1, "2023-06", date(2023, 6, 1), date(2023, 6, 30), "month", "publication"),
          timex(a2, "9 January 2024", 0, "2024-01-09", date(2024, 1, 9), date(2024, 1, 9), "day", "absolute")]
    out["timexes"] = tx

    def mention(art: dict[str, Any], needle: str, sent: int, actor: str | None, label: str,
                method: str) -> dict[str, Any]:
        s, e = _span(art["text"], needle)
        return {"mention_id": make_id("m", art["article_id"], s, e), "article_id": art["article_id"],
                "sentence_idx": sent, "char_start": s, "char_end": e, "text": needle, "entity_label": label,
                "actor_id": actor, "link_method": method}

    m = [mention(a1, "Norway", 0, "NOR", "GPE", "alias"), mention(a1, "Chile", 0, "CHL", "GPE", "alias"),
         mention(a1, "Oslo", 0, None, "GPE", "unlinked"),
         mention(a2, "Chile", 0, "CHL", "GPE", "alias"), mention(a2, "Peru", 0, "PER", "GPE", "alias")]
    out["mentions"] = m
    out["actors"] = [
        {"actor_id": "CHL", "name": "Chile", "actor_type": "STATE", "country": "CHL", "wikidata_qid": "Q298",
         "aliases": ["Republic of Chile"], "sector": None, "origin": "dictionary"},
        {"actor_id": "NOR", "name": "Norway", "actor_type": "STATE", "country": "NOR", "wikidata_qid": "Q20",
         "aliases": ["Kingdom of Norway"], "sector": None, "origin": "dictionary"},
        {"actor_id": "NOR-GOV", "name": "Government of Norway", "actor_type": "GOV", "country": "NOR",
         "wikidata_qid": None, "aliases": ["Oslo"], "sector": "GOV", "origin": "dictionary"},
        {"actor_id": "PER", "name": "Peru", "actor_type": "STATE", "country": "PER", "wikidata_qid": "Q419",
         "aliases": [], "sector": None, "origin": "dictionary"},
        # Two organisations without a country: distinct actors, not twins (a null country is no key).
        {"actor_id": "NATO", "name": "North Atlantic Treaty Organization", "actor_type": "IGO", "country": None,
         "wikidata_qid": "Q7184", "aliases": [], "sector": None, "origin": "dictionary"},
        {"actor_id": "UN", "name": "United Nations", "actor_type": "IGO", "country": None, "wikidata_qid": "Q1065",
         "aliases": ["U.N."], "sector": None, "origin": "dictionary"},
    ]
    out["actor_roles"] = [{"actor_id": "NOR-GOV", "role": "government", "country": "NOR",
                           "start_date": date(1814, 5, 17), "end_date": None}]

    def event(art: dict[str, Any], trigger: str, sent_needle: str, etype: str, quad: str, cameo: str,
              src: str, tgt: str, timex_row: dict[str, Any], modality: str) -> dict[str, Any]:
        s, e = _sentence(art["text"], sent_needle)
        ts, te = _span(art["text"], trigger, s)
        return {"event_id": make_id("e", art["article_id"], s, e, trigger), "article_id": art["article_id"],
                "sentence_idx": 0 if s == 0 else 1, "char_start": s, "char_end": e, "trigger": trigger,
                "trigger_start": ts, "trigger_end": te, "evidence": art["text"][s:e], "event_type": etype,
                "quad_class": quad, "cameo_root": cameo, "source_actor_id": src, "target_actor_id": tgt,
                "event_date": timex_row["start_date"], "event_date_end": timex_row["end_date"],
                "date_precision": timex_row["precision"], "date_basis": "timex", "timex_id": timex_row["timex_id"],
                "date_via": "governed",
                "country": "NOR" if art is a1 else None, "location_text": "Oslo" if art is a1 else None,
                "polarity": "asserted", "modality": modality, "extractor": "handwritten/1", "confidence": 0.9,
                "cameo_code": cameo, "mode": None, "source_country": src[:3], "source_sector": src[4:] or None,
                "target_country": tgt[:3], "target_sector": tgt[4:] or None, "is_lead": False,
                "is_background": False}

    ev = [event(a1, "signed", "signed", "AGREE", "verbal_cooperation", "05", "NOR", "CHL", tx[0], "actual"),
          event(a1, "resume", "resume", "CONSULT", "verbal_cooperation", "04", "NOR", "CHL", tx[1], "future"),
          event(a2, "accused", "accused", "ACCUSE", "verbal_conflict", "11", "CHL", "PER", tx[2], "actual")]
    out["events"] = ev
    mention_of = {(mm["article_id"], mm["actor_id"]): mm["mention_id"] for mm in m}
    for e in ev:
        for role, actor in (("source", e["source_actor_id"]), ("target", e["target_actor_id"])):
            out["event_actors"].append({"event_id": e["event_id"], "actor_id": actor, "role": role,
                                        "mention_id": mention_of.get((e["article_id"], actor))})
    for e in ev:
        cid = make_id("c", e["event_id"])
        e["event_cluster_id"] = cid
        art = a1 if e["article_id"] == a1["article_id"] else a2
        out["event_clusters"].append({
            "event_cluster_id": cid, "event_type": e["event_type"], "quad_class": e["quad_class"],
            "cameo_root": e["cameo_root"], "source_actor_id": e["source_actor_id"],
            "target_actor_id": e["target_actor_id"], "event_date": e["event_date"],
            "event_date_end": e["event_date_end"], "date_precision": e["date_precision"],
            "polarity": e["polarity"], "modality": e["modality"], "country": e["country"], "n_mentions": 1,
            "n_articles": 1, "n_sources": 1, "first_published": art["published"], "best_event_id": e["event_id"],
            "confidence": e["confidence"]})
    out["rejects"] = [{"reject_id": make_id("r", "tests/empty.txt", "empty"), "source": "tests/empty.txt",
                       "reason_code": "empty", "reason": "The file is empty; nothing to read.",
                       "input_sha256": sha256_text("")}]
    return out


def tables(data: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, pa.Table]:
    """The rows as pyarrow tables shaped and sorted by the declarations."""
    data = rows() if data is None else data
    return {name: build_table(name, data[name]) for name in TABLES}
