"""Events stage (first version): verb triggers typed with PLOVER, actors from the parse.

The trigger lexicon, nominal events and calibrated confidences come with issue 5.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from curation.ids import make_id
from curation.records import Article, Event, EventActor, Mention, Timex
from curation.segment import sentence_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

EXTRACTOR = "curation.events.verbs/0.1"

QUAD = {
    "AGREE": "verbal_cooperation", "CONSULT": "verbal_cooperation", "SUPPORT": "verbal_cooperation",
    "CONCEDE": "verbal_cooperation", "REQUEST": "verbal_cooperation",
    "COOPERATE": "material_cooperation", "AID": "material_cooperation", "RETREAT": "material_cooperation",
    "ACCUSE": "verbal_conflict", "REJECT": "verbal_conflict", "THREATEN": "verbal_conflict",
    "PROTEST": "material_conflict", "SANCTION": "material_conflict", "MOBILIZE": "material_conflict",
    "COERCE": "material_conflict", "ASSAULT": "material_conflict",
}
CAMEO = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "07", "REQUEST": "02",
    "COOPERATE": "06", "AID": "07", "RETREAT": "08", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "SANCTION": "16", "MOBILIZE": "15", "COERCE": "17",
    "ASSAULT": "19",
}
_VERBS = {
    "agree": "AGREE", "sign": "AGREE", "meet": "CONSULT", "visit": "CONSULT", "discuss": "CONSULT",
    "call": "CONSULT", "host": "CONSULT", "praise": "SUPPORT", "endorse": "SUPPORT", "welcome": "SUPPORT",
    "release": "CONCEDE", "ease": "CONCEDE", "lift": "CONCEDE", "cooperate": "COOPERATE",
    "send": "AID", "provide": "AID", "deliver": "AID", "withdraw": "RETREAT", "retreat": "RETREAT",
    "urge": "REQUEST", "ask": "REQUEST", "appeal": "REQUEST", "demand": "REQUEST",
    "accuse": "ACCUSE", "condemn": "ACCUSE", "criticise": "ACCUSE", "criticize": "ACCUSE", "blame": "ACCUSE",
    "reject": "REJECT", "refuse": "REJECT", "veto": "REJECT", "threaten": "THREATEN", "warn": "THREATEN",
    "protest": "PROTEST", "demonstrate": "PROTEST", "rally": "PROTEST", "march": "PROTEST",
    "sanction": "SANCTION", "expel": "SANCTION", "ban": "SANCTION", "mobilize": "MOBILIZE",
    "mobilise": "MOBILIZE", "deploy": "MOBILIZE", "arrest": "COERCE", "detain": "COERCE",
    "seize": "COERCE", "attack": "ASSAULT", "strike": "ASSAULT", "shell": "ASSAULT", "bomb": "ASSAULT",
    "invade": "ASSAULT", "kill": "ASSAULT", "fire": "ASSAULT",
}
_POSSIBLE = frozenset({"could", "may", "might", "should", "would", "must"})
_FUTURE = frozenset({"will", "'ll", "shall"})
_REPORTING = frozenset({"say", "claim", "report", "allege", "according"})


def _mention_for(tok: Token, mentions: Sequence[Mention]) -> Mention | None:
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    inside = [m for m in mentions if lo <= m.char_start and m.char_end <= hi]
    return min(inside, key=lambda m: m.char_start) if inside else None


def _modality(tok: Token) -> str:
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    if "if" in marks or "unless" in marks:
        return "conditional"
    if auxes & _POSSIBLE:
        return "possible"
    if auxes & _FUTURE:
        return "future"
    head = tok.head
    if tok.dep_ in ("ccomp", "xcomp") and head.lemma_ in _REPORTING:
        return "reported"
    return "actual"


def find_events(doc: Doc, *, article: Article, timexes: Sequence[Timex],
                mentions: Sequence[Mention]) -> tuple[list[Event], list[EventActor]]:
    """Events whose trigger verb is in the lexicon, with subject and object actors."""
    sents = list(doc.sents)
    events: list[Event] = []
    links: list[EventActor] = []
    for si, sent in enumerate(sents):
        for tok in sent:
            etype = _VERBS.get(tok.lemma_.lower()) if tok.pos_ == "VERB" else None
            if etype is None:
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
            if obj is None:
                prep = next((c for c in tok.children if c.dep_ == "prep"), None)
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            src = _mention_for(subj, mentions) if subj is not None else None
            tgt = _mention_for(obj, mentions) if obj is not None else None
            if src is None and tgt is None:
                continue
            negated = any(c.dep_ == "neg" for c in tok.children)
            in_sent = [t for t in timexes if t.sentence_idx == si and t.start_date is not None]
            tx = min(in_sent, key=lambda t: abs(t.char_start - tok.idx)) if in_sent else None
            if tx is not None:
                edate, eend, prec, basis = tx.start_date, tx.end_date, tx.precision, "timex"
            elif article.published is not None:
                edate = eend = article.published
                prec, basis = article.published_precision, "publication"
            else:
                edate = eend = None
                prec, basis = None, "none"
            s_start, s_end = sentence_span(sent)
            eid = make_id("e", article.article_id, s_start, tok.idx)
            events.append(Event(
                event_id=eid, article_id=article.article_id, sentence_idx=si,
                char_start=s_start, char_end=s_end, trigger=tok.text,
                trigger_start=tok.idx, trigger_end=tok.idx + len(tok), evidence=article.text[s_start:s_end],
                event_type=etype, quad_class=QUAD[etype], cameo_root=CAMEO[etype],
                source_actor_id=src.actor_id if src else None, target_actor_id=tgt.actor_id if tgt else None,
                event_date=edate, event_date_end=eend, date_precision=prec, date_basis=basis,
                timex_id=tx.timex_id if tx else None, country=None, location_text=None,
                polarity="negated" if negated else "asserted", modality=_modality(tok),
                extractor=EXTRACTOR, confidence=0.5 if (src and tgt) else 0.3))
            for role, m in (("source", src), ("target", tgt)):
                if m is not None and m.actor_id is not None:
                    links.append(EventActor(event_id=eid, actor_id=m.actor_id, role=role, mention_id=m.mention_id))
    return events, links
