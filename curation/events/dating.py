"""The date of an event: the temporal expression that governs its clause.

A timex governs a trigger when walking up the dependency tree from the
timex's head reaches the trigger (or its light-verb object, or a participle
modifying an event noun: "the invasion, launched on 24 February") before any
other clause head. Coordinated and controlled verbs share the date of their
head when they have none ("resigned on Monday and fled"). With no governing
timex the event takes the publication date (``date_basis = publication``),
unless it is a general state of affairs or has not happened: present-tense
statements and future, possible or conditional events get no date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from curation.records import Article, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DATED_TYPES = frozenset({"DATE", "TIME"})
UNDATED_MODALITIES = frozenset({"future", "possible", "conditional"})
# Verbs that say when an event noun happened: "the war began in 2022", "talks took place on Monday".
ASPECTUAL = frozenset({"begin", "start", "erupt", "break", "end", "take", "happen", "occur", "resume",
                       "continue", "stall", "collapse", "conclude", "open", "close", "finish", "last"})


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date interval and where it comes from."""

    start: date | None
    end: date | None
    precision: str | None
    basis: str  # timex, publication, none
    timex_id: str | None = None


def _timex_head(doc: Doc, tx: Timex) -> Token | None:
    span = doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _attachment(tok: Token, event_nouns: frozenset[str]) -> Token | None:
    """The first verb, or event noun, above ``tok`` that the timex modifies."""
    if tok.dep_ in ("compound", "nummod", "amod", "poss") and tok.head.pos_ in ("NOUN", "PROPN") and (
            tok.head.lemma_.lower() not in event_nouns):
        return None  # "his 2016 election campaign": the year dates the campaign, not the clause's event
    cur = tok
    for _ in range(12):
        head = cur.head
        if head.i == cur.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in event_nouns and head.ent_type_ != "DATE":
            return head  # "the 2022 invasion", "talks on Monday"
        cur = head
    return None


def attach_timexes(doc: Doc, timexes: Sequence[Timex], event_nouns: frozenset[str] = frozenset()
                   ) -> dict[int, list[Timex]]:
    """Token index of the word each dated timex modifies -> the timexes."""
    out: dict[int, list[Timex]] = {}
    for tx in timexes:
        if tx.start_date is None or tx.timex_type not in DATED_TYPES:
            continue
        head = _timex_head(doc, tx)
        if head is None:
            continue
        att = _attachment(head, event_nouns)
        # PP-attachment repair: "the invasion in February 2022" hangs "in February 2022" on the verb.
        prep = head.head if head.dep_ == "pobj" else None
        if prep is not None and prep.i > 0:
            before = doc[prep.i - 1]
            if before.lemma_.lower() in event_nouns and before.pos_ in ("NOUN", "PROPN") and prep.lower_ in (
                    "in", "on", "of"):
                att = before
        if att is not None:
            out.setdefault(att.i, []).append(tx)
    return out


def governing_timex(trigger: Token, cue_noun: Token | None, attached: dict[int, list[Timex]]) -> Timex | None:
    """The timex that governs the event at ``trigger``, if any."""
    cands = [trigger] + ([cue_noun] if cue_noun is not None else [])
    if trigger.pos_ in ("NOUN", "PROPN"):
        # "the invasion, launched on 24 February": a participle or relative clause on the event noun.
        cands += [c for c in trigger.children if c.dep_ in ("acl", "relcl")]
        if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in ASPECTUAL:
            cands.append(trigger.head)
    if cue_noun is not None:
        # "held a call lasting two hours on 28 July": a participle on the light verb's event noun.
        cands += [c for c in cue_noun.children if c.dep_ == "acl"]
    for c in cands:
        if attached.get(c.i):
            return min(attached[c.i], key=lambda t: abs(t.char_start - trigger.idx))
    cur = trigger
    for _ in range(4):
        if cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            if attached.get(cur.i):
                return attached[cur.i][0]
        else:
            break
    return None


def is_general_state(trigger: Token) -> bool:
    """A present-tense statement with no auxiliary of the past or progressive: a state, not an episode."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lemma_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ in ("VBZ", "VBP") and not aux


def event_date(trigger: Token, cue_noun: Token | None, attached: dict[int, list[Timex]], article: Article,
               modality: str) -> EventDate:
    """The event's date interval, precision and basis."""
    tx = governing_timex(trigger, cue_noun, attached)
    if tx is not None:
        return EventDate(tx.start_date, tx.end_date, tx.precision, "timex", tx.timex_id)
    if modality in UNDATED_MODALITIES or article.published is None or is_general_state(trigger):
        return EventDate(None, None, None, "none")
    return EventDate(article.published, article.published, article.published_precision or "day", "publication")
