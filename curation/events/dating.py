"""The date of an event: what its text says, else an honest interval, else none.

In order (TimeML's anchoring of events to times, read structurally):

1. **A timex that governs the event**: walking up the dependency tree from
   the timex's head reaches the trigger (or its light-verb object, or a
   participle modifying an event noun: "the invasion, launched on 24
   February") before any other clause head; a possessive or modifier of an
   event noun dates that noun ("last Friday's bombing", "the 2002
   referendum", "the March talks"). Coordinated and controlled verbs share
   the date of their head when they have none ("resigned on Monday and fled").
2. **The clause it belongs to**: an event told in a relative clause or a
   participle on a dated event noun ("the 1988 bombing that killed 270") or in
   a clause of simultaneity ("shot on 23 October as he stood in his kitchen")
   has that noun's or clause's date.
3. **"At the time"**: the event is at the time the text spoke of last (the
   last dated expression before it).
4. **The same event elsewhere**: "the bombing" after "last Friday's suicide
   bombing" has the date of the first mention (same event noun, nearest
   dated mention before it, else after it).
5. **Relative ordering**: "two days after the vote" is the vote's date
   shifted by two days, when the vote is dated.
6. Future, possible and conditional events, general states ("the party
   opposes the plan") and events told in the past perfect ("had been
   released": before the time of the narrative, not when) get **no date**.
7. In a **narrative** (a historical text, see
   :func:`curation.timexes.is_narrative`) a past event is at the time the
   narrative has reached: the month (or coarser period) of the last date the
   text gave before it.
8. Otherwise, in news, a fresh event (past, present perfect, a report in the
   present) takes the **publication** basis, as the interval it honestly
   covers: the week ending on the publication date (``PUBLICATION_WINDOW_DAYS``),
   or the publication month or year when only that is known. Never a single
   made-up day.

Steps 2-5 and 7 record the timex they rest on in ``timex_id`` with basis
``timex``: the date is one the text wrote.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from curation.events.factuality import REPORTING
from curation.records import Article, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DATED_TYPES = frozenset({"DATE", "TIME"})
# Explicit years a text of unknown date must name to be read as a history (a narrative of its own time).
MIN_YEARS_UNDATED_HISTORY = 6
# Verbs of an event's phase: the date of the event they govern is theirs ("began talks in May").
PHASE_VERBS = frozenset({"begin", "start", "stop", "cease", "resume", "continue", "finish", "end", "quit", "halt"})
# A fresh event with no date of its own happened in the week that ends on the publication date.
PUBLICATION_WINDOW_DAYS = 7
# Subordinators of a clause that happens at the time of the clause it hangs on: "as he stood", "when police came".
SIMULTANEOUS_MARKS = frozenset({"as", "when", "while", "whilst"})
# Prepositions that order an event relative to another: "two days after the vote", "a week before the summit".
ORDERING_PREPS = {"after": 1, "following": 1, "before": -1, "ahead": -1, "prior": -1}
# Verbs reporting speech or thought: in the present tense they report now ("the ministry says"), not a state.
REPORTING_PRESENT = REPORTING | frozenset({
    "warn", "urge", "accuse", "deny", "call", "demand", "condemn", "criticise", "criticize", "praise", "welcome",
    "reject", "threaten", "promise", "pledge", "vow", "ask", "appeal", "believe", "think", "estimate", "predict",
    "suggest", "admit", "describe", "express",
    # wanting and seeking said of someone is a stated demand or aim (PLOVER REQUEST)
    "want", "wish", "seek", "hope", "expect"})
# Period precisions coarse enough to stand as the narrative's time without coarsening.
_COARSE = frozenset({"month", "season", "quarter", "year", "decade", "century"})
_UNITS = {"day": 1, "week": 7}
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
    # How the date was found, or why there is none (schemas.tables.DATE_VIA).
    via: str = "none"

    @classmethod
    def of(cls, tx: Timex, via: str) -> EventDate:
        """The interval of the timex ``tx``, found ``via`` a rule."""
        return cls(tx.start_date, tx.end_date, tx.precision, "timex", tx.timex_id, via)

    @classmethod
    def undated(cls, why: str, timex_id: str | None = None) -> EventDate:
        """No date, and ``why``."""
        return cls(None, None, None, "none", timex_id, why)


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


def _present_perfect(verb: Token) -> bool:
    """"has been arrested", "have met": a present perfect (has/have in the present, and a past participle)."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                      for c in verb.children)


def attach_timexes(doc: Doc, timexes: Sequence[Timex], event_nouns: frozenset[str] = frozenset(),
                   *, valued: bool = True) -> dict[int, list[Timex]]:
    """Token index of the word each dated timex modifies -> the timexes (with ``valued=False``, the DATE timexes
    that have no value instead: "on Friday" in an article of unknown date)."""
    out: dict[int, list[Timex]] = {}
    for tx in timexes:
        if (tx.start_date is None) == valued or tx.timex_type not in DATED_TYPES:
            continue
        span = doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span.root
        att = _attachment(head, event_nouns)
        before_span = doc[span.start - 1] if span.start > 0 else None
        if before_span is not None and before_span.dep_ == "prep" and before_span.head.pos_ in ("VERB", "AUX") and (
                not any(c.dep_ == "pobj" for c in before_span.children)):
            # "In nineteen ninety-one Charles Keating was convicted": the parser left the preposition without
            # its object (it took "one" for a number of "Keating"); the date is the preposition's
            att = before_span.head
        if att is not None and att.pos_ in ("VERB", "AUX") and _present_perfect(att) and (
                tx.mod is None and tx.anchor == "publication" and att.i < span.start):
            # "has been arrested in connection with the bombings of two embassies last year": English does not date
            # a present perfect with a definite past time; the date is the nearer event noun's
            noun = next((t for t in reversed(doc[att.i + 1:span.start]) if t.pos_ in ("NOUN", "PROPN")
                         and t.lemma_.lower() in event_nouns), None)
            if noun is not None:
                att = noun
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


def _clause_verb(trigger: Token) -> Token:
    """The verb whose tense and auxiliaries tell the event's time: the trigger, or the verb above an event noun."""
    return trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head


def is_general_state(trigger: Token) -> bool:
    """A present-tense statement with no auxiliary of the past or progressive: a state, not an episode.

    A present-tense report of speech or thought ("the ministry says", "Russia accuses Kyiv") is an act of now,
    not a state.
    """
    verb = _clause_verb(trigger)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lemma_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ not in ("VBZ", "VBP") or aux:
        return False
    return verb.lemma_.lower() not in REPORTING_PRESENT


def is_past_perfect(trigger: Token) -> bool:
    """Whether the event is told in the past perfect ("had been released", "had signed"): before the narrative's
    time, not at it."""
    verb = _clause_verb(trigger)
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children)


def is_past(trigger: Token) -> bool:
    """Whether the event's clause is in a past tense (simple past, present or past perfect, past participle)."""
    verb = _clause_verb(trigger)
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and (verb.dep_ in ("acl", "relcl", "advcl", "conj") or any(
        c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children))


_WITHIN = frozenset({"less", "within", "under", "fewer"})


def _amount(unit: Token) -> int | None:
    """The number of a unit noun ("two days", "a week", "10 days"); None when it says none."""
    from curation.timexes.lexicon import parse_number

    for c in unit.children:
        if c.dep_ in ("nummod", "det", "quantmod"):
            n = parse_number(c.lower_)
            if n is not None and n == int(n):
                return int(n)
    return 1 if unit.tag_ == "NN" else None


def _shifted(start: date, end: date, days: int, within: bool) -> tuple[date, date]:
    """[start, end] moved by ``days`` (back when negative); ``within`` ("less than a week after") keeps the
    anchor's side and widens the interval to the shifted edge instead."""
    step = timedelta(days=days)
    if not within:
        return start + step, end + step
    return (start, end + step) if days > 0 else (start + step, end)


class Dating:
    """The dating of one article's events: its timexes attached once, the dated event nouns, the narrative."""

    def __init__(self, doc: Doc, timexes: Sequence[Timex], article: Article,
                 event_nouns: frozenset[str] = frozenset()) -> None:
        from curation.timexes import is_narrative

        self.doc = doc
        self.article = article
        self.event_nouns = event_nouns
        self.attached = attach_timexes(doc, timexes, event_nouns)
        dated = sorted((tx for tx in timexes if tx.start_date is not None and tx.timex_type == "DATE"),
                       key=lambda t: t.char_start)
        self._dated = dated
        self._dated_ends = [t.char_end for t in dated]
        # Event nouns the text dates itself, by lemma, in text order: later mentions of the same event inherit.
        self._noun_dates: dict[str, list[tuple[int, Timex]]] = {}
        for tok in doc:
            if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in event_nouns:
                got = governing_timex(tok, None, self.attached)  # "the 2002 referendum", "the vote took place on"
                if got is not None:
                    self._noun_dates.setdefault(tok.lemma_.lower(), []).append((tok.i, got))
        if article.published is not None:
            self.narrative = is_narrative(article.text, article.published)
        else:
            # With no publication date, the text is taken to be written at the end of the latest year it names:
            # a history still reads as one (most of its years lie well before, and it names many), news of
            # unknown date that cites a few past years does not.
            years = [t.end_date for t in timexes if t.end_date is not None and t.anchor == "absolute"]
            self.narrative = len(years) >= MIN_YEARS_UNDATED_HISTORY and is_narrative(
                article.text, date(max(years).year, 12, 31))
        # With no publication date, "on Friday" dates the event relative to a day nobody gave: kept as the
        # timex that would date it (timex_id), with no date.
        self._unvalued = attach_timexes(doc, timexes, event_nouns, valued=False) if article.published is None \
            else {}
        # Dated expressions that date a clause (not a noun: "the 1998 bombing"), in text order.
        by_clause = {t.timex_id for i, txs in self.attached.items() if doc[i].pos_ in ("VERB", "AUX") for t in txs}
        self._clause_dated = [t for t in dated if t.timex_id in by_clause]
        self._clause_ends = [t.char_end for t in self._clause_dated]
        # Token index -> the dated expression it is part of ("since November, when he was found").
        self._in_timex: dict[int, Timex] = {}
        for tx in dated:
            span = doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
            for tok in span if span is not None else ():
                self._in_timex[tok.i] = tx

    def is_date_word(self, tok: Token) -> bool:
        """Whether ``tok`` is a word of a dated expression that spaCy also reads as a date ("March" in "the
        March talks"), so not an event's trigger."""
        return tok.i in self._in_timex and tok.ent_type_ in ("DATE", "TIME")

    def date(self, trigger: Token, cue_noun: Token | None, modality: str) -> EventDate:
        """The date interval of the event at ``trigger`` whose modality is ``modality``."""
        tx = governing_timex(trigger, cue_noun, self.attached)
        if tx is not None:
            return EventDate.of(tx, "governed")
        for via, find in (("clause", self._from_clause), ("at_the_time", self._at_the_time),
                          ("same_event", lambda t: self._same_event(cue_noun or t))):
            tx = find(trigger)
            if tx is not None:
                return EventDate.of(tx, via)
        tx = governing_timex(trigger, cue_noun, self._unvalued) if self._unvalued else None
        if tx is not None:
            return EventDate.undated("no_publication_date", tx.timex_id)
        ordered = self._ordered(trigger, cue_noun)
        if ordered is not None:
            return ordered
        if modality in UNDATED_MODALITIES:
            return EventDate.undated("unrealized")
        if is_general_state(trigger):
            return EventDate.undated("state")
        if is_past_perfect(trigger):
            return EventDate.undated("past_perfect")
        if self.narrative:
            return self._narrative_time(trigger) if is_past(trigger) or trigger.pos_ == "NOUN" else \
                EventDate.undated("state")
        tx = self._told_past(trigger)
        return EventDate.of(tx, "told_past") if tx is not None else self.publication()

    def publication(self) -> EventDate:
        """The honest interval of a fresh event with no date of its own: the week ending at publication, or the
        publication month or year when that is all the article says."""
        pub = self.article.published
        if pub is None:
            return EventDate.undated("no_publication_date")
        prec = self.article.published_precision or "day"
        if prec == "day":
            return EventDate(pub - timedelta(days=PUBLICATION_WINDOW_DAYS - 1), pub, "week", "publication",
                             via="publication")
        from curation.timexes.calendar import interval, value_at

        start, end, p = interval(value_at(pub, "year" if prec == "year" else "month"))
        return EventDate(start, end, p, "publication", via="publication")

    def _timex_of(self, tok: Token) -> Timex | None:
        """The date of the word ``tok``: a timex attached to it, or, for an event noun, its earlier mention's."""
        own = next((tx for i, tx in self._noun_dates.get(tok.lemma_.lower(), ()) if i == tok.i), None)
        return own or (self.attached[tok.i][0] if self.attached.get(tok.i) else self._same_event(tok))

    def _from_clause(self, trigger: Token) -> Timex | None:
        """The date of the noun a relative clause or participle describes, or of a clause of simultaneity."""
        verb = _clause_verb(trigger) if trigger.pos_ not in ("NOUN", "PROPN") else trigger
        if verb.dep_ in ("relcl", "acl") and verb.head.i in self._in_timex:
            return self._in_timex[verb.head.i]  # "since November, when he was found"
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            # "the 1988 bombing that killed 270 people"; "the January 1998 bombing of a Birmingham abortion clinic
            # that killed an officer": the parser hangs the clause on the nearest noun, inside the event noun's
            # "of" or "in" phrase
            noun: Token | None = verb.head
            for _ in range(4):
                if noun is None or noun.lemma_.lower() in self.event_nouns:
                    break
                up = noun.head
                while up.dep_ in ("conj", "appos", "compound", "pobj", "prep") and up.head.i != up.i and (
                        up.pos_ not in ("VERB", "AUX")) and not (
                        up.pos_ in ("NOUN", "PROPN") and up.lemma_.lower() in self.event_nouns):
                    up = up.head
                noun = up if up.i != noun.i and up.pos_ in ("NOUN", "PROPN") else None
            if noun is not None and noun.lemma_.lower() in self.event_nouns:
                tx = self._timex_of(noun)
                if tx is not None:
                    return tx
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "at", "amid"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in self.event_nouns and self.attached.get(obj.i):
                    return self.attached[obj.i][0]  # "took the boy in a raid on 22 April"
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SIMULTANEOUS_MARKS for c in verb.children):
            head = verb.head
            if self.attached.get(head.i):
                return self.attached[head.i][0]  # "was shot on 23 October as he stood in his kitchen"
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") and (
                    c.lemma_.lower() in self.event_nouns) and verb.lemma_.lower() not in ASPECTUAL:
                tx = self._timex_of(c)
                if tx is not None:
                    return tx  # "the 7 August bombings killed 200 people": what the event did, it did then
            if c.dep_ == "xcomp" and verb.lemma_.lower() in PHASE_VERBS and self.attached.get(c.i):
                return self.attached[c.i][0]  # "stopped paying a dividend in the third quarter of 1984"
            if c.dep_ == "advcl" and self.attached.get(c.i) and any(
                    m.dep_ == "mark" and m.lower_ in SIMULTANEOUS_MARKS for m in c.children):
                return self.attached[c.i][0]  # "when police arrived on Friday, they arrested two men"
        return None

    def _verb_date(self, verb: Token) -> Timex | None:
        """The timex that dates a clause: on its verb, or on its light verb's event noun ("signed a treaty on
        Tuesday", where the parser hangs the date on the noun)."""
        if self.attached.get(verb.i):
            return self.attached[verb.i][0]
        obj = next((c for c in verb.children if c.dep_ == "dobj" and self.attached.get(c.i)
                    and c.lemma_.lower() in self.event_nouns), None)
        return self.attached[obj.i][0] if obj is not None else None

    def _at_the_time(self, trigger: Token) -> Timex | None:
        """"Welcomed at the time": the time the text spoke of last before the event."""
        verb = _clause_verb(trigger)
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "at":
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lower_ == "time" and any(c.lower_ in ("the", "that") for c in obj.children) \
                    and not any(c.dep_ in ("amod", "compound", "prep", "relcl", "acl") for c in obj.children):
                return self.last_date_before(prep.idx)
        return None

    def _told_past(self, trigger: Token) -> Timex | None:
        """In news, a simple-past event told right after a past date (same sentence or the one before, same
        paragraph) is at that date: the story has moved back to it ("In July 1997 the alliance chose three
        states. Two others were turned away."). A date in the week of publication changes nothing."""
        verb = _clause_verb(trigger)
        if verb.lemma_.lower() in REPORTING_PRESENT or (
                verb.tag_ != "VBD" and not any(c.tag_ == "VBD" and c.dep_ == "auxpass" for c in verb.children)):
            return None  # "..., the FBI said": a report is news of the day, whatever it reports
        k = bisect.bisect_right(self._clause_ends, trigger.idx)
        tx = self._clause_dated[k - 1] if k else None
        pub = self.article.published
        if tx is None or tx.end_date is None or pub is None or (
                tx.end_date >= pub - timedelta(days=PUBLICATION_WINDOW_DAYS)):
            return None
        sent = trigger.sent
        prev_start = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        if tx.char_start < prev_start or "\n" in self.doc.text[tx.char_end:trigger.idx].strip():
            return None
        if tx.char_start >= sent.start_char and _embedded_elsewhere(self.doc, tx.char_start, verb):
            # "The family of a civilian killed in September 2003 sued ...": the date is the killing's, told in a
            # clause inside an argument of "sued"; the suit is news of its own.
            return None
        return tx

    def last_date_before(self, char: int) -> Timex | None:
        """The last dated expression that ends before character ``char``."""
        k = bisect.bisect_right(self._dated_ends, char)
        return self._dated[k - 1] if k else None

    def _same_event(self, tok: Token) -> Timex | None:
        """A definite event noun with no date of its own ("the bombing") has the date of the same noun where the
        text dates it: the nearest dated mention before, else after."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        found = self._noun_dates.get(tok.lemma_.lower())
        if not found or not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "any", "no")
                                for c in tok.children):
            return None
        before = [tx for i, tx in found if i < tok.i]
        if before:
            return before[-1]
        after = [tx for i, tx in found if i > tok.i]
        return after[0] if after else None

    def _ordered(self, trigger: Token, cue_noun: Token | None) -> EventDate | None:
        """"Two days after the vote", "less than a week after the election": the other event's date, shifted.
        And the other way: "signed the treaty on Tuesday, a day after the allies imposed sanctions" dates the
        sanctions a day before the signing."""
        verb = _clause_verb(trigger)
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        main = self._verb_date(verb.head) if verb.dep_ == "advcl" else None
        if main is not None and mark is not None:
            unit = next((c for c in verb.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _UNITS), None)
            n = _amount(unit) if unit is not None else None
            if main.start_date is not None and main.end_date is not None and unit is not None and n is not None \
                    and not any(c.lower_ in _WITHIN for c in unit.subtree):
                days = n * _UNITS[unit.lemma_.lower()] * (-1 if mark.lower_ == "after" else 1)
                start, end = _shifted(main.start_date, main.end_date, days, within=False)
                return EventDate(start, end, "day" if start == end else main.precision, "timex",
                                 main.timex_id, "ordered")
        for head in (trigger, cue_noun):
            if head is None:
                continue
            for prep in head.children:
                sign = ORDERING_PREPS.get(prep.lower_)
                if prep.dep_ != "prep" or sign is None:
                    continue
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None and prep.lower_ in ("ahead", "prior"):
                    inner = next((c for c in prep.children if c.dep_ == "prep"), None)
                    obj = next((c for c in inner.children if c.dep_ == "pobj"), None) if inner is not None else None
                if obj is None or obj.lemma_.lower() not in self.event_nouns:
                    continue
                anchor = self._timex_of(obj)
                if anchor is None or anchor.start_date is None or anchor.end_date is None:
                    continue
                unit = next((c for c in prep.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _UNITS), None)
                if unit is None:
                    continue  # "after the vote": some time after it, how long the text does not say
                n = _amount(unit)
                if n is None:
                    continue
                start, end = _shifted(anchor.start_date, anchor.end_date, sign * n * _UNITS[unit.lemma_.lower()],
                                      within=any(c.lower_ in _WITHIN for c in unit.subtree))
                prec = "day" if start == end else anchor.precision if anchor.precision in _COARSE else "week"
                return EventDate(start, end, prec, "timex", anchor.timex_id, "ordered")
        return None

    def _narrative_time(self, trigger: Token) -> EventDate:
        """A past event of a narrative is at the time the narrative has reached: the period of the last date the
        text gave before it, a day or week widened to its month (what follows a dated event comes soon after)."""
        tx = self.last_date_before(trigger.idx)
        if tx is None or tx.start_date is None or tx.end_date is None or (
                self.article.published is not None and tx.start_date > self.article.published):
            return EventDate.undated("no_narrative_date")
        if tx.precision in _COARSE:
            return EventDate.of(tx, "narrative")
        from curation.timexes.calendar import interval, value_at

        start, end, prec = interval(value_at(tx.start_date, "month"))
        return EventDate(start, end, prec, "timex", tx.timex_id, "narrative")


def _embedded_elsewhere(doc: Doc, char: int, verb: Token) -> bool:
    """Whether the date at ``char`` belongs to a relative or participial clause inside the subject or object of
    ``verb`` ("the family of a civilian killed in September 2003 sued"), not to ``verb`` itself; a date in an
    adverbial phrase ("For the six months ended Aug. 12, Provigo posted") still dates ``verb``."""
    span = doc.char_span(char, min(char + 1, len(doc.text)), alignment_mode="expand")
    if span is None or not len(span):
        return False
    cur, clause = span[0], False
    for _ in range(16):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("acl", "relcl") and cur.pos_ in ("VERB", "AUX"):
            clause = True
        if cur.head.i == verb.i:
            return clause and cur.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")
        cur = cur.head
    return False

