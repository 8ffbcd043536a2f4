"""Events stage: typed (PLOVER 2021), dyadic, dated events with their factuality.

For every sentence the parse is searched for triggers from the team's lexicon
(:mod:`curation.events.lexicon`, data in ``data/``), constrained by the
semantic class of their arguments (:mod:`.semantics`); each trigger's source
and target come from the dependency structure (:mod:`.structure`), are mapped
to actor mentions (:mod:`.arguments`) and coded as the most specific actor with
its PLOVER country and sector (:mod:`.coding`). The event gets its factuality
(:mod:`.factuality`), the category the manual gives an act that lies ahead
(:mod:`.ontology`: a future meeting is AGREE, a future attack THREATEN), its
date (:mod:`.dating`), its place (:mod:`.location`) and a calibrated
confidence (:mod:`.confidence`).

What is not an event of the article is not coded as one: the content of a
request, accusation, threat, agreement, offer or refusal is coded as the
speech act (whose recipient it may name), and background (a relative clause,
a presupposed earlier event, a past perfect aside) is flagged. The article's
lead event (what its headline and first paragraph report) is marked.
Coordinated actors give one event per dyad ("the US and the EU imposed
sanctions on X": two events).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from curation.events.arguments import ID_SUFFIX, ActorRef, MentionIndex, resolve
from curation.events.coding import ActorCoder, Coded
from curation.events.confidence import load_model
from curation.events.counts import casualties
from curation.events.dating import Dating
from curation.events.factuality import modality, polarity
from curation.events.geocode import Geocoder
from curation.events.lexicon import Lexicon, load_lexicon
from curation.events.location import Place, place
from curation.events.ontology import for_modality, refusal
from curation.events.quotes import attribute
from curation.events.semantics import classifier
from curation.events.speech import QUOTED, with_speech
from curation.events.structure import Frame, frames, matrix_subjects, substantive
from curation.geo.gazetteer import load_gazetteer
from curation.ids import make_id
from curation.records import Actor, Article, Event, EventActor, Mention, Timex
from curation.segment import sentence_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME = "curation.events.plover"
CODE_VERSION = "2.0"
MAX_DYADS = 8  # per trigger: a list of twenty signatories is a list, not twenty events

# Section labels and paths that mark analysis and opinion pieces.
_ANALYSIS_LABEL = re.compile(r"\b(ANALYSIS|OPINION|COMMENT|EDITORIAL|COMMENTARY|EXPLAINER|COLUMN)\b")
_ANALYSIS_TITLE = re.compile(r"^\s*(analysis|opinion|comment|editorial|commentary|explainer|column)\b", re.I)
_ANALYSIS_URL = re.compile(r"/(opinion|analysis|comment|commentisfree|editorials?|commentary|columns?)/", re.I)

# Speech acts and commitments whose complement is their content, not an event that happened: what is requested,
# alleged, threatened, agreed to, offered or refused.
SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "THREATEN", "AGREE", "REJECT"})
# Of those, the ones whose object noun is content too ("demanded the withdrawal", "rejected the ceasefire");
# "condemned the attack" and "welcomed the release" presuppose that the attack and the release happened.
OBJECT_CONTENT = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT"})
# Verbs whose complement is an event that has not happened yet ("invited X to visit").
INVITING = frozenset({"invite", "offer", "promise", "pledge", "vow"})
# Nouns of demands: what they ask for ("demands to release prisoners") is never an event of its own ...
DEMAND_NOUNS = frozenset({"demand", "request", "call", "appeal", "ultimatum", "plea",
                          # ... nor what one has a right or power to do ("the right to detain without trial")
                          "right", "power", "authority", "permission", "ability", "freedom", "licence", "license",
                          "mandate"})
_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "pobj", "prep", "conj", "dobj", "acl", "acomp"})
# Acts of the police and of the courts, whose doer an agentless passive leaves unwritten.
POLICE_ACTS = frozenset({"arrest", "detain", "charge", "question", "interrogate", "apprehend", "remand", "indict",
                         "prosecute", "round"})
COURT_ACTS = frozenset({"convict", "sentence", "jail", "imprison", "fine"})
# Types whose recipient is the place where they happen when the text names no other: a curfew in a town, a
# protest in a country, troops on alert in a territory (the gold-standard records code them so).
PLACE_TARGET = frozenset({"COERCE", "CONCEDE", "RETREAT", "PROTEST", "MOBILIZE", "ASSAULT", "AID"})
# Prepositions whose event noun is presupposed background: "since the invasion", "after the 2002 referendum".
_BACKGROUND_PREPS = frozenset({"since", "after", "following", "before", "amid", "despite"})


@dataclass(slots=True)
class Extraction:
    """Everything the events stage finds in one article."""

    events: list[Event] = field(default_factory=list)
    links: list[EventActor] = field(default_factory=list)
    features: list[dict[str, float]] = field(default_factory=list)  # per event, for calibration
    actors: list[Actor] = field(default_factory=list)  # actors made here (a state's parts the dictionary lacks)


def _is_content(frame: Frame, speech_acts: dict[int, str]) -> int | None:
    """The speech act whose complement holds the trigger, if any (its token index)."""
    tok = frame.trigger
    for _ in range(8):
        if tok.dep_ not in _CONTENT_DEPS - {"conj"} or tok.head.i == tok.i:
            return None
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if tok.dep_ == "advcl" and not purpose and not any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless", "for") for c in tok.children):
            return None  # "vowed revenge after a strike killed X": a temporal clause is not the threat's content
        if tok.dep_ == "dobj" and tok.head.i in speech_acts and speech_acts[tok.head.i] not in OBJECT_CONTENT:
            return None  # "condemned the attack": the attack happened
        if tok.dep_ == "acl" and tok.tag_ not in ("VB", "VBG"):
            return None  # only "the demand to leave", "plans to sell", not "the strike, launched on Monday"
        came_by = tok.dep_
        tok = tok.head
        if tok.i in speech_acts:
            return tok.i
        if came_by in ("acl", "xcomp") and tok.lemma_.lower() in DEMAND_NOUNS and (
                tok.pos_ == "NOUN" or tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")):
            # "would not meet the hostage-takers' demands to release prisoners": what a demand asks for is its
            # content, whatever verb takes the demand (met, rejected, ignored)
            return tok.i
    return None


def _ultimatum(verb: Token) -> bool:
    """Whether the clause of ``verb`` is conditioned by an "unless" clause ("..., unless we get that",
    "Unless we get that, the party will vote against it")."""
    for tok in (verb, *([verb.head] if verb.dep_ in ("xcomp", "conj") else [])):
        if any(c.dep_ == "advcl" and any(m.lower_ == "unless" and m.dep_ == "mark" for m in c.children)
               for c in tok.children):
            return True
    return False


def _in_protest_of(frame: Frame) -> list[Token] | None:
    """For a nominal protest in "in protest of/at/against/over X", the heads X; else None."""
    trig = frame.trigger
    if frame.rule.event_type != "PROTEST" or frame.kind != "nominal" or trig.dep_ != "pobj" or (
            trig.head.lower_ != "in") or trig.head.head.i == trig.head.i:
        return None
    preps = [p for p in trig.children if p.dep_ == "prep"]
    nxt = trig.doc[trig.i + 1] if trig.i + 1 < len(trig.doc) else None
    if nxt is not None and nxt.dep_ == "prep" and nxt not in preps:
        preps.append(nxt)  # "in protest at X" with "at X" attached higher up by the parser
    return [o for p in preps if p.lower_ in ("of", "at", "against", "over") for o in p.children if o.dep_ == "pobj"]


def _protest_aim(trigger: Token, protests: set[int]) -> int | None:
    """The protest (its trigger's index) a demand is the aim of: the demand in its purpose clause or participle
    adjunct ("demonstrated calling for independence", "staged a hunger strike to demand the return of ...", "a
    rally demanding ...")."""
    tok = trigger
    for _ in range(2):
        if tok.dep_ not in ("xcomp", "advcl", "acl", "relcl") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.i in protests:
            return tok.i
    return None


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
        # The same mention on both sides is no dyad, unless it stands for two actors ("Greek farmers
        # demonstrated against the government": GRC-AGR and, through the anaphor, GRC-GOV).
        out = [(s, t) for s in ss for t in ts
               if not (s is not None and t is not None and s.mention.mention_id == t.mention.mention_id
                       and s.actor_id == t.actor_id)]
    return out[:MAX_DYADS]


def _features(frame: Frame, src: ActorRef | None, tgt: ActorRef | None, sc: Coded | None, tc: Coded | None,
              mod: str, pol: str, analysis: bool, background: bool) -> dict[str, float]:
    return {
        "kind_passive": float(frame.kind == "passive"), "kind_light": float(frame.kind == "light"),
        "kind_nominal": float(frame.kind == "nominal"),
        "has_source": float(sc is not None), "has_target": float(tc is not None),
        "both_actors": float(sc is not None and tc is not None),
        "source_pronoun": float(src is not None and src.via == "pronoun"),
        "modality_actual": float(mod == "actual"), "negated": float(pol == "negated"),
        "symmetric": float(frame.rule.symmetric),
        "sector_refined": float(any(r is not None and r.actor_id != r.mention.actor_id for r in (src, tgt))),
        "analysis_piece": float(analysis),
        "generated_actor": float(any(r is not None and r.mention.link_method == "generated" for r in (src, tgt))),
        "argument_constraint": float(bool(frame.rule.args)),
        "background": float(background),
        "kind_speech": float(frame.kind == "speech"),
        "verbal": float(frame.rule.event_type in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE",
                                                   "REJECT", "THREATEN")),
        "one_side": float((sc is None) != (tc is None)),
    }


def _content_targets(trigger: Token, index: MentionIndex, lexicon: Lexicon, si: int, taken: frozenset[str],
                     clause_subject: bool = False) -> list[ActorRef]:
    """Actors named as the object of the act a speech act is about ("threatened to shell Iraqi towns",
    "refused to allow UN planes to land", "offered to negotiate with Armenia"): the recipient of the threat,
    refusal or offer when it names none itself. Only the controlled verb's own objects and prepositional
    objects count (and those of its object noun), not clauses further down."""
    comps = [c for c in trigger.children if c.dep_ == "xcomp"]
    if trigger.pos_ in ("NOUN", "PROPN"):
        comps += [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VB"]
    for clause in trigger.children:
        if clause.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
            # "called for Chile to release them": whom the request is for is the clause's subject.
            subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            refs = [r for t in subj for r in resolve(t, index, lexicon.sectors, si, taken) if r.actor_id]
            if refs:
                return refs
    if clause_subject:
        # "questioned why Chile was in such a rush", "demanded that Serbia withdraw": the clause's subject is
        # who is criticised or asked.
        for clause in trigger.children:
            if clause.dep_ == "ccomp":
                subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                refs = [r for t in subj for r in resolve(t, index, lexicon.sectors, si, taken) if r.actor_id]
                if refs:
                    return refs
    for comp in comps:
        cands: list[Token] = []
        for c in comp.children:
            if c.dep_ in ("dobj", "dative", "oprd"):
                cands.append(c)
                cands += [o for p in c.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
            elif c.dep_ in ("prep", "agent"):
                cands += [o for o in c.children if o.dep_ == "pobj"]
            elif c.dep_ == "ccomp":
                # "refused to allow United Nations planes to land": the complement's subject is who is let
                cands += [s for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("PROPN", "NOUN")]
        for t in cands:
            refs = [r for r in resolve(t, index, lexicon.sectors, si, taken) if r.actor_id]
            if refs:
                return refs
    return []


def _adversary(trigger: Token, index: MentionIndex, lexicon: Lexicon, si: int, taken: frozenset[str]
               ) -> list[ActorRef]:
    """The actor an "against" phrase in the trigger's own phrase names ("for a possible war against Iraq"),
    not crossing into another clause with a subject of its own."""
    todo = [(c, 1) for c in trigger.children]
    while todo:
        tok, depth = todo.pop(0)
        if tok.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj") or depth > 4:
            continue
        if tok.dep_ == "prep" and tok.lower_ == "against":
            refs = [r for o in tok.children if o.dep_ == "pobj"
                    for r in resolve(o, index, lexicon.sectors, si, taken) if r.actor_id]
            if refs:
                return refs
        todo += [(c, depth + 1) for c in tok.children]
    return []


RETALIATION_TYPES = frozenset({"THREATEN", "ASSAULT", "SANCTION"})
# PLOVER country codes of international organisations, whose members meet among themselves.
_MULTILATERAL = frozenset({"EUR", "UNO", "IGO"})
# Answers to someone's request, call, offer or plan: the recipient is its maker.
ANSWERS = frozenset({"REJECT", "AGREE", "CONCEDE", "SUPPORT"})
_OWNER_PREPS = ("by", "from", "of", "against", "for")


def _owner_targets(targets: Sequence[Token], index: MentionIndex, lexicon: Lexicon, si: int,
                   taken: frozenset[str], preps: Sequence[str] = _OWNER_PREPS) -> list[ActorRef]:
    """The actors a target noun that names no actor belongs to or comes from: its "by/from/of/against"
    complement, or the agent of the verb that qualifies it ("the demonstration staged by students")."""
    for tok in targets:
        found = [p for p in tok.children if p.dep_ in ("prep", "agent") and p.lower_ in preps]
        found += [p for v in tok.children if v.dep_ == "acl" and v.pos_ == "VERB" for p in v.children
                  if p.dep_ == "agent"]
        for p in sorted(found, key=lambda p: _OWNER_PREPS.index(p.lower_) if p.lower_ in _OWNER_PREPS else -1):
            refs = [r for o in p.children if o.dep_ == "pobj"
                    for r in resolve(o, index, lexicon.sectors, si, taken)
                    if r.actor_id and r.mention.mention_id not in taken
                    and not (p.lower_ == "for" and r.mention.entity_label in ("GPE", "LOC") and r.via == "head")]
            # ("a camp for Congolese refugees" is theirs; "a ceasefire for eastern Ukraine" names a place)
            if refs:
                return refs
    return []


_STATEISH = re.compile(r"^[A-Z]{3}(-[A-Z]{3})?$")
# Where a plural demonym names people rather than their state: the protesters of a PROTEST, the victims of an
# ASSAULT or COERCE ("Thousands of Brazilians protested", "soldiers arrested 100 Palestinians"): the state's
# civilians (PLOVER sector CVL), as the gold-standard records code them.
PEOPLE_AS_SOURCE = frozenset({"PROTEST"})
PEOPLE_AS_TARGET = frozenset({"ASSAULT", "COERCE"})


def _as_people(ref: ActorRef) -> ActorRef:
    m = ref.mention
    if ref.actor_id is not None and len(ref.actor_id) == 3 and ref.actor_id.isupper() and (
            m.link_method == "demonym" or m.entity_label == "NORP") and m.text.rstrip().endswith("s"):
        return ActorRef(f"{ref.actor_id}-CVL", m, ref.via)
    return ref
_AFTER = frozenset({"after", "following", "since", "because"})
_HARM = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def _harm_doer(frame: Frame, frames_here: Sequence[Frame], index: MentionIndex, lexicon: Lexicon, si: int,
               taken: frozenset[str]) -> list[ActorRef]:
    """The doer of a harmful act reported in an "after"/"following" clause of a retaliation's trigger."""
    trig = frame.trigger
    for other in frames_here:
        if other is frame or other.rule.event_type not in _HARM:
            continue
        cur = other.trigger
        for _ in range(4):
            if cur.head.i == cur.i:
                break
            attached = cur.head.i == trig.i or (
                cur.head.dep_ == "prep" and cur.head.lower_ in _AFTER and cur.head.head.i == trig.i)
            marked = any(c.lower_ in _AFTER for c in cur.children) or cur.head.lower_ in _AFTER
            if cur.dep_ in ("advcl", "pobj", "pcomp") and attached and marked:
                return [r for tok in other.sources for r in resolve(tok, index, lexicon.sectors, si, taken)
                        if r.actor_id]
            cur = cur.head
    return []


def _inside_name(tok: Token, index: MentionIndex) -> bool:
    """A capitalised word inside a multi-word name ("Popular Mobilisation Forces", "Commission for Africa")."""
    m = index.covering(tok)
    return (m is not None and len(m.text.split()) > 1 and tok.text[:1].isupper()
            and m.entity_label in ("ORG", "PERSON", "FAC", "DICT") and m.link_method not in ("demonym", "role"))


def _background(trigger: Token) -> bool:
    """Told as background: in a relative clause or a participle describing a noun ("a guard involved in a
    shooting"), a presupposed event noun after "since"/"after" or that a protest is about ("in protest at the
    government's refusal"), or a past perfect that is not the content of a report."""
    tok = trigger
    for _ in range(4):
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG") and tok.i != trigger.i):
            return True
        if tok.dep_ not in ("conj", "xcomp", "pobj", "prep") or tok.head.i == tok.i:
            break
        tok = tok.head
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj":
        prep = trigger.head
        if prep.lower_ in _BACKGROUND_PREPS or (
                prep.lower_ in ("of", "at", "against", "over") and prep.head.lemma_.lower() == "protest"):
            return True
    auxes = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    perfect = any(a.lower_ == "had" for a in auxes) and trigger.tag_ == "VBN"
    return perfect and trigger.dep_ not in ("ccomp", "xcomp", "advcl")


def _lead_zone(doc: Doc, article: Article) -> list[int]:
    """Indexes of the article's first body sentences, in order: the first paragraph, and up to four sentences
    when the first paragraph is shorter (wire and BBC copy writes one sentence per paragraph)."""
    excluded_end = 0
    for s, e, kind in article.excluded:
        if kind == "heading" and s <= excluded_end + 2:
            excluded_end = e
    zone: list[int] = []
    para_end: int | None = None
    for si, sent in enumerate(doc.sents):
        start, end = sentence_span(sent)
        if start == end or end <= excluded_end or _is_headline(sent.text, article):
            continue
        if para_end is None:
            nl = article.text.find("\n\n", start)
            para_end = nl if nl >= 0 else len(article.text)
        if (start > para_end and len(zone) >= 4) or len(zone) >= 4:
            break
        zone.append(si)
    return zone


def _mark_lead(events: list[Event], zone: list[int], doc: Doc, article: Article) -> list[Event]:
    """Mark the article's lead event: in its first body sentences, asserted, not background; an event the
    headline's words echo first, then the earliest sentence, the main clause's event, the one with both
    actors, then the earliest trigger."""
    title_words = {w.lower() for w in re.findall(r"[A-Za-z]+", article.title or "")}
    best: tuple[tuple[int, ...], int] | None = None
    for k, ev in enumerate(events):
        if ev.sentence_idx not in zone or ev.polarity != "asserted" or ev.is_background:
            continue
        tok = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
        root = tok.root if tok is not None else None
        main = root is not None and (root.dep_ == "ROOT" or (root.dep_ == "conj" and root.head.dep_ == "ROOT"))
        trig_words = {w.lower() for w in re.findall(r"[A-Za-z]+", ev.trigger)}
        lemma = root.lemma_.lower() if root is not None else ""
        echoed = bool(title_words & (trig_words | {lemma}))
        both = ev.source_actor_id is not None and ev.target_actor_id is not None
        key = (not echoed, zone.index(ev.sentence_idx), not main, ev.modality not in ("actual", "reported"),
               not both, ev.trigger_start)
        if best is None or key < best[0]:
            best = (key, k)
    if best is None:
        return events
    return [replace(ev, is_lead=True) if k == best[1] else ev for k, ev in enumerate(events)]


def find_events(doc: Doc, *, article: Article, timexes: Sequence[Timex], mentions: Sequence[Mention],
                dictionary: Any = None, actors: Sequence[Actor] = ()) -> tuple[list[Event], list[EventActor]]:
    """Events of one article (one row per dyad per trigger) and the long form of their actors.

    With the actor ``dictionary``, people in office are coded by their office's country and sector on the
    event's date (see :mod:`curation.events.coding`); ``actors`` are those the actors stage made from the text.
    """
    got = extract(doc, article=article, timexes=timexes, mentions=mentions, dictionary=dictionary, actors=actors)
    return got.events, got.links


def extract(doc: Doc, *, article: Article, timexes: Sequence[Timex], mentions: Sequence[Mention],
            dictionary: Any = None, actors: Sequence[Actor] = ()) -> Extraction:
    """Events, their actors' long form, the confidence features of each event and the actors made here."""
    lexicon = load_lexicon()
    coder = ActorCoder(dictionary, mentions, article.text, actors)
    model = load_model()
    extractor = extractor_name(lexicon)
    geocoder = Geocoder(load_gazetteer(), article, mentions, dictionary)
    index = MentionIndex(mentions, dictionary, places=geocoder.place_states(mentions),
                         cues=lexicon.cue_states(article.text))
    sentences = list(doc.sents)
    index.quotations = attribute(doc, sentences)
    classify = classifier(index, lexicon)
    dating = Dating(doc, timexes, article, lexicon.nouns)
    analysis = is_analysis(article)
    out = Extraction()
    for si, sent in enumerate(sentences):
        s_start, s_end = sentence_span(sent)
        if s_start == s_end or _is_headline(sent.text, article):
            continue
        _sentence(out, sent, si, s_start, s_end, lexicon, classify, index, coder, dating, geocoder, article,
                  analysis, model, extractor)
    out.events = _mark_lead(out.events, _lead_zone(doc, article), doc, article)
    out.actors = sorted(coder.made.values(), key=lambda a: a.actor_id)
    return out


def _sentence(out: Extraction, sent: Span, si: int, s_start: int, s_end: int, lexicon: Lexicon, classify: Any,
              index: MentionIndex, coder: ActorCoder, dating: Dating, geocoder: Geocoder, article: Article,
              analysis: bool, model: Any, extractor: str) -> None:
    # A trigger word inside a name is part of the name ("the Popular Mobilisation Forces", "the Commission for
    # Africa"), not an event.
    # ... and a word of a date is a date ("the March talks", "a Christmas truce" are not marches or feasts).
    sent_frames = [f for f in frames(sent, lexicon, classify)
                   if not _inside_name(f.trigger, index) and not dating.is_date_word(f.trigger)]
    sent_frames = with_speech(sent, lexicon, classify, sent_frames, index.quotations)
    acts = {f.trigger.i: f.rule.event_type for f in sent_frames
            if f.rule.event_type in SPEECH_ACTS or f.rule.lemma in INVITING or f.kind == "speech"}
    content: dict[int, list[Frame]] = {}
    kept: list[Frame] = []
    protests = {f.trigger.i for f in sent_frames if f.rule.event_type == "PROTEST"} | {
        f.cue_noun.i for f in sent_frames if f.rule.event_type == "PROTEST" and f.cue_noun is not None}
    legal = {f.trigger.i for f in sent_frames if f.rule.lemma in POLICE_ACTS or f.rule.lemma in COURT_ACTS}
    aims: dict[int, list[Frame]] = {}
    against: dict[int, list[Token]] = {}  # a protest's trigger -> what it is "in protest at"
    for frame in list(sent_frames):
        objs = _in_protest_of(frame)
        if objs is None:
            continue
        host = frame.trigger.head.head  # the act the "in protest" phrase qualifies
        hosting = next((f for f in sent_frames if f is not frame and f.rule.event_type == "PROTEST" and (
            host.i in (f.trigger.i, getattr(f.cue_noun, "i", -1)))), None)
        if hosting is not None:
            # "continuing a hunger strike in protest of the government's refusal": one protest, aimed at what
            # it is in protest of.
            against.setdefault(hosting.trigger.i, []).extend(objs)
            sent_frames.remove(frame)
        else:
            # "marched in protest at the ban": the "of/at" phrase is what is protested against, not who protests.
            sent_frames[sent_frames.index(frame)] = replace(frame, sources=tuple(
                t for t in frame.sources if t not in objs), targets=frame.targets or tuple(objs))
    for frame in sent_frames:
        if frame.rule.event_type == "REQUEST" and (aim_of := _protest_aim(frame.trigger, protests)) is not None:
            aims.setdefault(aim_of, []).append(frame)
            continue  # "staged demonstrations to demand reforms": the protest's aim, coded with the protest
        trig = frame.trigger
        if trig.dep_ == "pcomp" and trig.head.lower_ in ("for", "over") and trig.head.head.i in legal:
            continue  # "arrested for collaborating with Israel": the alleged act is the charge, not an event
        gov = _is_content(frame, acts)
        if gov is None:
            kept.append(frame)
        else:
            content.setdefault(gov, []).append(frame)
    for frame in kept:
        srcs = [r for tok in frame.sources for r in resolve(tok, index, lexicon.sectors, si)]
        clause_of = frame.trigger  # the verb whose clause says how factual the event is
        if frame.rule.file == QUOTED and frame.sources:
            # a demand or judgement in a quotation was made: its factuality is the attributing verb's ("said"),
            # not that of what it asks for ("Kenya must sign")
            clause_of = frame.sources[0].head
        if frame.kind in ("verb", "light") and not any(r.actor_id for r in srcs):
            alt = [r for tok in matrix_subjects(frame.trigger) for r in resolve(tok, index, lexicon.sectors, si)]
            if any(r.actor_id for r in alt):
                srcs, clause_of = alt, frame.trigger.head.head
        taken = frozenset(r.mention.mention_id for r in srcs)
        tgts = [r for tok in frame.targets for r in resolve(tok, index, lexicon.sectors, si, taken)]
        if frame.kind == "speech" and frame.sources and any(
                t.lower_ in ("he", "she") and t.i > frame.sources[0].i and not any(
                    q.text in ('"', "“", "”") for q in t.doc[frame.sources[0].i:t.i]) for t in frame.targets):
            # "Mr Clarke said that he was seeking ...": a pronoun in indirect speech after its speaker may be the
            # speaker; it is when the speaker is its nearest antecedent, and then nobody else is judged.
            free = [r for tok in frame.targets for r in resolve(tok, index, lexicon.sectors, si)]
            if any(r.actor_id and r.actor_id in {x.actor_id for x in srcs} for r in free):
                tgts = []
        if not frame.targets and frame.trigger.i in acts and not (frame.rule.symmetric and len(srcs) > 1):
            # The recipient of a threat, refusal or offer named in its content ("threatened to shell Iraqi towns").
            # A request's recipient is who is to act (the content's doer: "demanded the withdrawal of Serbian
            # forces"); a threat's, refusal's or offer's is whom the content is done to.
            doers = frame.rule.event_type == "REQUEST"
            inner = [r for c in content.get(frame.trigger.i, []) for tok in (c.sources if doers else c.targets)
                     for r in resolve(tok, index, lexicon.sectors, si, taken) if r.actor_id]
            if doers and not inner:
                inner = [r for c in content.get(frame.trigger.i, []) for tok in c.targets
                         for r in resolve(tok, index, lexicon.sectors, si, taken) if r.actor_id]
            tgts = inner or _content_targets(frame.trigger, index, lexicon, si, taken,
                                             frame.rule.event_type in ("ACCUSE", "REQUEST")) or tgts
            if not any(r.actor_id for r in tgts) and not doers:
                # "threatened to institute a curfew in Algiers": the people of the place the content's act is
                # done in (as "lifted a curfew in Montenegro" names its recipient).
                for c in content.get(frame.trigger.i, []):
                    pl = place(c.trigger, c.cue_noun, index, coder.capital_of) if (
                        c.rule.event_type in PLACE_TARGET) else None
                    pm = index.by_id(pl.mention_id) if pl is not None and pl.basis == "trigger" else None
                    if pl is not None and pl.country and pm is not None and pm.mention_id not in taken:
                        tgts = [ActorRef(pl.country, pm, "place")]
                        break
        if not any(r.actor_id for r in tgts) and frame.targets and frame.rule.event_type in ANSWERS:
            # "rejected calls by Kofi Annan", "rejected Iraq's proposal": whoever made the request or proposal.
            tgts = [r for tok in frame.targets for p in tok.children if p.dep_ in ("prep", "agent")
                    and p.lower_ in ("by", "from") for o in p.children if o.dep_ == "pobj"
                    for r in resolve(o, index, lexicon.sectors, si, taken) if r.actor_id] or tgts
        if not any(r.actor_id for r in tgts) and frame.targets and not (frame.rule.symmetric and len(srcs) > 1):
            # "support the rights of Palestinians", "demanding autonomy from Serbian authorities", "prevented the
            # demonstration staged by students": the actor whose thing the act is done to.
            tgts = _owner_targets(frame.targets, index, lexicon, si, taken) or tgts
        elif not any(r.actor_id for r in tgts) and frame.cue_noun is not None and any(r.actor_id for r in srcs):
            # (only beside a named doer: "sanctions imposed by X will be lifted" names who lifts them)
            # "undertook a mediation mission between Syria and Arafat": the parties the act is between
            tgts = _owner_targets((frame.cue_noun,), index, lexicon, si, taken, preps=("between",)) or tgts
        if not any(r.actor_id for r in tgts) and frame.rule.event_type == "PROTEST":
            # "demonstrations to demand reforms by Suharto's government", "calling for the removal of President
            # Mubarak": whom the protest's demand is addressed to or about is whom it protests against.
            hosts = [frame.trigger.i] + ([frame.cue_noun.i] if frame.cue_noun is not None else [])
            for aim in (a for h in hosts for a in aims.get(h, [])):
                nouns = tuple(aim.targets) or ((aim.cue_noun,) if aim.cue_noun is not None else ())
                found = [r for tok in nouns for r in resolve(tok, index, lexicon.sectors, si, taken) if r.actor_id]
                found = found or _owner_targets(nouns, index, lexicon, si, taken) or _owner_targets(
                    (aim.trigger,), index, lexicon, si, taken, preps=("by", "from"))  # "demand reforms by Russia"
                if found:
                    tgts = found
                    break
        if not any(r.actor_id for r in tgts) and frame.rule.event_type == "MOBILIZE":
            # "mobilised reservists for a possible war against Iraq": a mobilisation is aimed at the adversary
            # its purpose phrase names (PLOVER: the target is whom the forces are readied against).
            tgts = _adversary(frame.trigger, index, lexicon, si, taken) or tgts
        if not any(r.actor_id for r in tgts) and against.get(frame.trigger.i):
            objs = against[frame.trigger.i]
            tgts = [r for t in objs for r in resolve(t, index, lexicon.sectors, si, taken) if r.actor_id] or (
                _owner_targets(objs, index, lexicon, si, taken)) or tgts
        if not any(r.actor_id for r in tgts) and frame.rule.event_type in RETALIATION_TYPES:
            # "vowed revenge after a US strike killed X": retaliation is aimed at who did the harm the clause
            # after it reports.
            harm = _harm_doer(frame, kept, index, lexicon, si, taken)
            tgts = harm or tgts
        trig = frame.trigger
        pol = polarity(trig, frame.cue_noun)
        mod = modality(clause_of, in_analysis=analysis)
        refused = refusal(frame.rule.event_type, mod, pol)
        if refused is not None:
            etype_name, cameo, mode = refused
            pol, mod = "asserted", "actual"  # "would not sign": the refusal happened
        else:
            etype_name, cameo, mode = for_modality(frame.rule.event_type, frame.rule.cameo, frame.rule.mode, mod,
                                                   _ultimatum(clause_of))
        etype = lexicon.types[etype_name]
        where = place(trig, frame.cue_noun, index, coder.capital_of)
        # The place phrase of the event's own words reads its actors ("lifted a curfew in Montenegro"); a place of
        # its clause only says where it was.
        own_place = where if where.basis == "trigger" else Place(None, None)
        if not any(r.actor_id for r in tgts) and etype_name in PLACE_TARGET and own_place.country:
            # "lifted a night curfew in Montenegro": the population of the place is the recipient.
            pm = index.by_id(own_place.mention_id)
            if pm is not None and pm.mention_id not in taken:
                tgts = [ActorRef(own_place.country, pm, "place")]
        if not any(r.actor_id for r in tgts) and frame.targets:
            # "police dispersed demonstrators", "a curfew on villagers": people with no nationality written are
            # those of the place, else of the state acting on them (a domestic act), else of the state the
            # article is about ("protesters have been charged"), as PLOVER coders read them.
            # (not for an attack: attackers' victims are as often another state's people; the place says)
            home = own_place.country or where.country or (None if etype_name == "ASSAULT" else next(
                (r.actor_id[:3] for r in srcs if r.actor_id and _STATEISH.match(r.actor_id)), None)) or (
                index.home if frame.kind == "passive" and not srcs else None)
            sector = lexicon.sectors.get(lexicon.noun_key(frame.targets[0].lemma_))
            people = lexicon.noun_class.get(lexicon.noun_key(frame.targets[0].lemma_)) == "people"
            if substantive(frame.targets[0]):
                sector, people = "CVL", True  # "evacuated the wounded from Gorazde": the place's civilians
            near = srcs[0].mention if srcs else index.home_mention(frame.trigger.idx)
            if home and sector and people and near:
                tgts = [ActorRef(f"{home}-{ID_SUFFIX.get(sector, sector)}", near, "domestic")]
        if not any(r.actor_id for r in srcs) and frame.sources and etype_name == "PROTEST":
            # "demonstrators protested in Monrovia": protesters with no nationality written are those of the
            # place the sentence names ("protests spread across Kenya": the clause's place).
            home = own_place.country or where.country
            if home is None and (hm := index.home_mention(frame.trigger.idx)) is not None and hm.actor_id:
                home = hm.actor_id[:3]  # "pensioners' protests" in a story about one state: its people
            head = frame.sources[0]
            sector = lexicon.sectors.get(lexicon.noun_key(head.lemma_))
            near = index.covering(head) or next(iter(index.mentions), None)
            people = lexicon.noun_class.get(lexicon.noun_key(head.lemma_)) == "people"
            if sector is None and near is not None and near.entity_label == "NORP" and near.actor_id is None and (
                    index.covering(head) is near):
                # "ethnic Albanians demonstrated in Serbia": a group no state stands for, civilians of the place.
                sector, people = "CVL", True
            if home and sector and people and near is not None:
                srcs = [ActorRef(f"{home}-{ID_SUFFIX.get(sector, sector)}", near, "domestic")]
        if etype_name == "ASSAULT" and not any(r.actor_id for r in srcs) and where.country and (
                not frame.rule.symmetric) and (
                where.basis == "trigger" or any(lexicon.candidates(t.lemma_, "NOUN") for t in frame.sources)) and (
                not any("actor" in classify(t) for t in frame.sources)):
            # "killed by an improvised explosive device outside Basra", "a roadside bombing near Samarra killed
            # ...": an attack by nobody named is by unidentified armed forces of the place (PLOVER sector UAF);
            # the place may be the attack noun's own ("a bombing near Samarra"). Not for clashes, fought by both
            # sides ("clashes with Serb protesters in Zvecan": the other side is unwritten, not the place's).
            pm = index.by_id(where.mention_id)
            if pm is not None:
                srcs = [ActorRef(f"{where.country}-UAF", pm, "place")]
        if frame.kind == "passive" and not any(r.actor_id for r in srcs) and (
                frame.rule.lemma in POLICE_ACTS or frame.rule.lemma in COURT_ACTS) and any(r.actor_id for r in tgts):
            # "was arrested in Lebanon", "have been charged with disorderly conduct": an arrest or a charge with no
            # agent written is the police's of the place it happened, else of the article's state; a sentence
            # or a conviction its courts'.
            sector = "POL" if frame.rule.lemma in POLICE_ACTS else "JUD"
            pm = index.by_id(own_place.mention_id) if own_place.country else None
            state = own_place.country if pm is not None else None
            if pm is None and (home_m := index.home_mention(frame.trigger.idx)) is not None and home_m.actor_id:
                pm, state = home_m, home_m.actor_id[:3]
            if pm is not None and state:
                srcs = [ActorRef(f"{state}-{sector}", pm, "place")]
        if frame.kind == "speech":
            # A speaker judging or asking himself ("he" in his own words resolved to him) judges nobody else.
            own = {r.actor_id for r in srcs if r.actor_id}
            tgts = [r for r in tgts if r.actor_id not in own]
        if frame.kind == "speech" and (frame.rule.event_type in ("ACCUSE", "SUPPORT") or (
                frame.rule.file == QUOTED)) and not any(r.actor_id for r in tgts):
            continue  # criticism or praise of nobody the text lets us name is an opinion, not an act towards an actor
        if frame.rule.event_type == "CONSULT" and tgts and all(
                r.actor_id and index.actor_type(r.actor_id) == "MEDIA" for r in tgts):
            continue  # "speaking to the BBC", "told Radio 4": an interview, not a consultation (PLOVER)
        if not srcs and not tgts:
            continue  # nobody does anything to anybody: not a dyadic event
        srcs = [_as_people(r) if etype_name in PEOPLE_AS_SOURCE else r for r in srcs]
        tgts = [_as_people(r) if etype_name in PEOPLE_AS_TARGET else r for r in tgts]
        when = dating.date(trig, frame.cue_noun, mod)
        located = geocoder.locate(where, index.home)
        counted = casualties(sent, etype_name)
        # An analysis piece names policies and positions as nouns ("Russia's demands", "aid to Ukraine"): with
        # no date of their own they are its background, not news it reports.
        background = _background(trig) or (analysis and frame.kind == "nominal" and when.via != "governed")
        t_start, t_end = frame.span
        on_date = (when.end if when.basis == "publication" else when.start) or article.published
        done: set[tuple[str | None, str | None]] = set()
        for src, tgt in _dyads(frame, srcs, tgts):
            sc = coder.code(src.actor_id, src.mention, on_date) if src else None
            tc = coder.code(tgt.actor_id, tgt.mention, on_date, capital=etype.name in ("CONSULT", "AGREE")) \
                if tgt else None
            sid, tid = (sc.actor_id if sc else None), (tc.actor_id if tc else None)
            if (sid is not None and sid == tid) or (
                    sc is not None and tc is not None and sc.country is not None and sc.sector is None
                    and (sc.country, sc.sector) == (tc.country, tc.sector) and sc.country in (sid, tid)):
                # "backed down on its demands": the target is the source itself; "Russia's Putin", "Blair
                # pledged to clamp down on Britain's compensation culture": a state and a person of no known
                # office in it. Keep the act, not a self-dyad.
                tgt, tc, tid = None, None, None
            if (sid, tid) in done:
                continue  # one row per coded dyad
            if sid is None and tid is None:
                continue  # names the linker could not place: nobody known does anything to anybody known
            if frame.rule.event_type == "CONSULT" and etype_name in ("CONSULT", "AGREE") and tid is None \
                    and frame.rule.lemma != "mediate":
                if sc is not None and frame.kind != "nominal" and (sc.country in _MULTILATERAL or (
                        src is not None and src.via == "modifier" and frame.sources[0].tag_ == "NNS")):
                    # "EU leaders are holding talks in Brussels", "Cabinet members held their last meeting": the
                    # members of a body meeting among themselves (PLOVER CONSULT between two or more actors,
                    # mode multilateral); a body in the singular ("the cabinet met") is one actor.
                    mode = "multilateral" if etype_name == "CONSULT" else mode
                else:
                    continue  # a consultation needs a counterpart ("the cabinet met", "the council will meet"
                    # are internal meetings, held or planned)
            if frame.kind == "nominal" and frame.rule.symmetric and (sid is None or tid is None):
                continue  # "the deal", "the talks" with one party: a reference to an event coded where it happens
            done.add((sid, tid))
            eid = make_id("e", article.article_id, s_start, t_start, etype.name,
                          src.mention.mention_id if src else None, tgt.mention.mention_id if tgt else None)
            fv = _features(frame, src, tgt, sc, tc, mod, pol, analysis, background)
            out.features.append(fv)
            out.events.append(Event(
                event_id=eid, article_id=article.article_id, sentence_idx=si,
                char_start=s_start, char_end=s_end, trigger=article.text[t_start:t_end],
                trigger_start=t_start, trigger_end=t_end, evidence=article.text[s_start:s_end],
                event_type=etype.name, quad_class=etype.quad_class, cameo_root=cameo[:2],
                source_actor_id=sid, target_actor_id=tid,
                event_date=when.start, event_date_end=when.end, date_precision=when.precision,
                date_basis=when.basis, timex_id=when.timex_id, country=located.country,
                location_text=located.location_text, place_name=located.place_name, admin1=located.admin1,
                latitude=located.latitude, longitude=located.longitude, geonameid=located.geonameid,
                geo_precision=located.geo_precision, place_basis=located.place_basis,
                fatalities=counted.fatalities.value if counted.fatalities else None,
                fatalities_qualifier=counted.fatalities.qualifier if counted.fatalities else None,
                injured=counted.injured.value if counted.injured else None,
                injured_qualifier=counted.injured.qualifier if counted.injured else None,
                arrested=counted.arrested.value if counted.arrested else None,
                arrested_qualifier=counted.arrested.qualifier if counted.arrested else None,
                plover_score=lexicon.modes.get(etype.name, {}).get(mode or "", lexicon.modes.get(etype.name, {}).get(
                    "")),
                polarity=pol, modality=mod, extractor=extractor,
                confidence=model.predict(fv), cameo_code=cameo, mode=mode,
                source_country=sc.country if sc else None, source_sector=sc.sector if sc else None,
                target_country=tc.country if tc else None, target_sector=tc.sector if tc else None,
                is_background=background, date_via=when.via))
            seen: set[str] = set()
            for role, ref, aid in (("source", src, sid), ("target", tgt, tid)):
                if ref is not None and aid is not None:
                    seen.add(aid)
                    out.links.append(EventActor(event_id=eid, actor_id=aid, role=role,
                                                mention_id=None if ref.via == "domestic" or not ref.mention.mention_id
                                                else ref.mention.mention_id))
            # The other participants of a multi-party trigger ("Putin, Merkel and Hollande held talks").
            for ref in srcs + tgts:
                if ref is src or ref is tgt:
                    continue
                oc = coder.code(ref.actor_id, ref.mention, on_date)
                if oc is None or oc.actor_id in seen:
                    continue
                seen.add(oc.actor_id)
                out.links.append(EventActor(event_id=eid, actor_id=oc.actor_id, role="other",
                                            mention_id=ref.mention.mention_id or None))
