"""Events stage: typed (PLOVER), dyadic, dated events with their factuality.

For every sentence the parse is searched for triggers from the team's lexicon
(:mod:`curation.events.lexicon`, data in ``data/``); each trigger's source and
target come from the dependency structure (:mod:`.structure`), are mapped to
actor mentions (:mod:`.arguments`), and the event gets its factuality
(:mod:`.factuality`), its date (:mod:`.dating`), its place (:mod:`.location`)
and a calibrated confidence (:mod:`.confidence`). Coordinated actors give one
event per dyad ("the US and the EU imposed sanctions on X": two events).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from curation.events.arguments import ActorRef, MentionIndex, resolve
from curation.events.coding import ActorCoder
from curation.events.confidence import load_model
from curation.events.dating import attach_timexes, event_date
from curation.events.factuality import modality, polarity
from curation.events.lexicon import Lexicon, load_lexicon
from curation.events.location import place
from curation.events.structure import Frame, frames, matrix_subjects
from curation.ids import make_id
from curation.records import Article, Event, EventActor, Mention, Timex
from curation.segment import sentence_span

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "curation.events.plover"
CODE_VERSION = "1.0"
MAX_DYADS = 8  # per trigger: a list of twenty signatories is a list, not twenty events

# Section labels and paths that mark analysis and opinion pieces.
_ANALYSIS_LABEL = re.compile(r"\b(ANALYSIS|OPINION|COMMENT|EDITORIAL|COMMENTARY|EXPLAINER|COLUMN)\b")
_ANALYSIS_TITLE = re.compile(r"^\s*(analysis|opinion|comment|editorial|commentary|explainer|column)\b", re.I)
_ANALYSIS_URL = re.compile(r"/(opinion|analysis|comment|commentisfree|editorials?|commentary|columns?)/", re.I)


# What is requested, alleged or threatened has not happened: it is the content of the speech act, coded there.
SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "THREATEN"})
# Verbs whose complement is an event that has not happened yet ("invited X to visit").
INVITING = frozenset({"invite"})
_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "pobj", "prep", "conj"})


def _is_content(frame: Frame, speech_acts: set[int]) -> bool:
    """Whether the trigger sits inside the complement of a request, accusation or threat in its sentence."""
    tok = frame.trigger
    for _ in range(4):
        if tok.dep_ not in _CONTENT_DEPS - {"conj"} or tok.head.i == tok.i:
            return False
        if tok.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return False  # "vowed revenge after a strike killed X": a temporal clause is not the threat's content
        tok = tok.head
        if tok.i in speech_acts:
            return True
    return False


def _is_headline(text: str, article: Article) -> bool:
    """The article's own title repeated as its first line (HTML pages often keep the <h1> in the body)."""
    if not article.title:
        return False
    norm = " ".join(text.split()).rstrip(".").lower()
    return norm == " ".join(article.title.split()).rstrip(".").lower()


def extractor_name(lexicon: Lexicon | None = None) -> str:
    """``name/version`` of the extractor, with the lexicon's version."""
    lex = lexicon or load_lexicon()
    return f"{NAME}/{CODE_VERSION}+lexicon.{lex.version}"


def is_analysis(article: Article) -> bool:
    """Whether the article is an analysis or opinion piece (title, URL or section label say so)."""
    if article.title and _ANALYSIS_TITLE.match(article.title):
        return True
    if article.url and _ANALYSIS_URL.search(article.url):
        return True
    return any(_ANALYSIS_LABEL.search(article.text[s:e]) for s, e, kind in article.excluded[:3]
               if kind == "boilerplate")


Dyad = tuple[ActorRef | None, ActorRef | None]


def _dyads(frame: Frame, srcs: list[ActorRef], tgts: list[ActorRef]) -> list[Dyad]:
    out: list[Dyad]
    if frame.rule.symmetric and not tgts and len(srcs) >= 2:
        # "X and Y held talks": the first named is the source, the others its counterparts.
        out = [(srcs[0], t) for t in srcs[1:]]
    elif frame.rule.symmetric and not srcs and len(tgts) >= 2:
        out = [(tgts[0], t) for t in tgts[1:]]
    else:
        ss: list[ActorRef | None] = list(srcs) or [None]
        ts: list[ActorRef | None] = list(tgts) or [None]
        out = [(s, t) for s in ss for t in ts
               if not (s is not None and t is not None and s.mention.mention_id == t.mention.mention_id)]
    return out[:MAX_DYADS]


def _features(frame: Frame, src: ActorRef | None, tgt: ActorRef | None, sid: str | None, tid: str | None,
              mod: str, pol: str, analysis: bool) -> dict[str, float]:
    return {
        "kind_passive": float(frame.kind == "passive"), "kind_light": float(frame.kind == "light"),
        "kind_nominal": float(frame.kind == "nominal"),
        "has_source": float(sid is not None), "has_target": float(tid is not None),
        "both_actors": float(sid is not None and tid is not None),
        "source_pronoun": float(src is not None and src.via == "pronoun"),
        "modality_actual": float(mod == "actual"), "negated": float(pol == "negated"),
        "symmetric": float(frame.rule.symmetric),
        "sector_refined": float(any(r is not None and r.actor_id != r.mention.actor_id for r in (src, tgt))),
        "analysis_piece": float(analysis),
    }


def find_events(doc: Doc, *, article: Article, timexes: Sequence[Timex], mentions: Sequence[Mention],
                dictionary: Any = None) -> tuple[list[Event], list[EventActor]]:
    """Events of one article (one row per dyad per trigger) and the long form of their actors.

    With the actor ``dictionary``, people in office are coded as their office's actor on the event's
    date (see :mod:`curation.events.coding`); without it, mentions' own actor ids are used.
    """
    events, links, _ = extract(doc, article=article, timexes=timexes, mentions=mentions, dictionary=dictionary)
    return events, links


def extract(doc: Doc, *, article: Article, timexes: Sequence[Timex], mentions: Sequence[Mention],
            dictionary: Any = None) -> tuple[list[Event], list[EventActor], list[dict[str, float]]]:
    """:func:`find_events` plus the confidence features of each event (for calibration)."""
    lexicon = load_lexicon()
    coder = ActorCoder(dictionary, mentions, article.text)
    model = load_model()
    extractor = extractor_name(lexicon)
    index = MentionIndex(mentions)
    attached = attach_timexes(doc, timexes, lexicon.nouns)
    analysis = is_analysis(article)
    events: list[Event] = []
    links: list[EventActor] = []
    feats: list[dict[str, float]] = []
    for si, sent in enumerate(doc.sents):
        s_start, s_end = sentence_span(sent)
        if s_start == s_end:
            continue
        if _is_headline(sent.text, article):
            continue
        sent_frames = list(frames(sent, lexicon))
        content_of = {f.trigger.i for f in sent_frames if f.rule.event_type in SPEECH_ACTS
                      or f.rule.lemma in INVITING}
        for frame in sent_frames:
            if _is_content(frame, content_of):
                continue
            srcs = [r for tok in frame.sources for r in resolve(tok, index, lexicon.sectors, si)]
            clause_of = frame.trigger  # the verb whose clause says how factual the event is
            if frame.kind in ("verb", "light") and not any(r.actor_id for r in srcs):
                alt = [r for tok in matrix_subjects(frame.trigger) for r in resolve(tok, index, lexicon.sectors, si)]
                if any(r.actor_id for r in alt):
                    srcs, clause_of = alt, frame.trigger.head.head
            taken = frozenset(r.mention.mention_id for r in srcs)
            tgts = [r for tok in frame.targets for r in resolve(tok, index, lexicon.sectors, si, taken)]
            if not srcs and not tgts:
                continue  # nobody does anything to anybody: not a dyadic event
            trig = frame.trigger
            pol = polarity(trig, frame.cue_noun)
            mod = modality(clause_of, in_analysis=analysis)
            when = event_date(trig, frame.cue_noun, attached, article, mod)
            where = place(trig, frame.cue_noun, index)
            etype = lexicon.types[frame.rule.event_type]
            t_start, t_end = frame.span
            on_date = when.start or article.published
            done: set[tuple[str | None, str | None]] = set()
            for src, tgt in _dyads(frame, srcs, tgts):
                sid = coder.code(src.actor_id, src.mention, on_date) if src else None
                tid = coder.code(tgt.actor_id, tgt.mention, on_date, capital=etype.name == "CONSULT") if tgt else None
                if (sid is not None and sid == tid) or (sid, tid) in done:
                    continue  # an actor does not attack or meet itself; one row per coded dyad
                if sid is None and tid is None:
                    continue  # names the linker could not place: nobody known does anything to anybody known
                if etype.name == "CONSULT" and tid is None and frame.rule.lemma != "mediate":
                    continue  # a consultation needs a counterpart ("the cabinet met" is an internal meeting)
                if frame.kind == "nominal" and frame.rule.symmetric and (sid is None or tid is None):
                    continue  # "the deal", "the talks" with one party: a reference to an event coded where it happens
                done.add((sid, tid))
                eid = make_id("e", article.article_id, s_start, t_start, etype.name,
                              src.mention.mention_id if src else None, tgt.mention.mention_id if tgt else None)
                fv = _features(frame, src, tgt, sid, tid, mod, pol, analysis)
                feats.append(fv)
                conf = model.predict(fv)
                events.append(Event(
                    event_id=eid, article_id=article.article_id, sentence_idx=si,
                    char_start=s_start, char_end=s_end, trigger=article.text[t_start:t_end],
                    trigger_start=t_start, trigger_end=t_end, evidence=article.text[s_start:s_end],
                    event_type=etype.name, quad_class=etype.quad_class, cameo_root=etype.cameo_root,
                    source_actor_id=sid, target_actor_id=tid,
                    event_date=when.start, event_date_end=when.end, date_precision=when.precision,
                    date_basis=when.basis, timex_id=when.timex_id, country=where.country,
                    location_text=where.text, polarity=pol, modality=mod, extractor=extractor, confidence=conf))
                seen: set[str] = set()
                for role, ref, aid in (("source", src, sid), ("target", tgt, tid)):
                    if ref is not None and aid is not None:
                        seen.add(aid)
                        links.append(EventActor(event_id=eid, actor_id=aid, role=role,
                                                mention_id=ref.mention.mention_id))
                # The other participants of a multi-party trigger ("Putin, Merkel and Hollande held talks").
                for ref in srcs + tgts:
                    if ref is src or ref is tgt:
                        continue
                    aid = coder.code(ref.actor_id, ref.mention, on_date)
                    if aid is None or aid in seen:
                        continue
                    seen.add(aid)
                    links.append(EventActor(event_id=eid, actor_id=aid, role="other",
                                            mention_id=ref.mention.mention_id))
    return events, links, feats
