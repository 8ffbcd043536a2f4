"""Temporal expressions: find, normalize and anchor every date, time, duration and set (issue 3).

The stage runs the project's grammar (:mod:`curation.timexes.grammar`) over
the article text, keeps the longest non-overlapping candidates, and resolves
them in document order so that "the following week" can lean on the
expression before it. Underspecified expressions ("in March", "on Tuesday")
are anchored to the publication date with the tense of their verb, or, in a
narrative text whose dates are far from its publication date (a history), to
the previous expression. Values, intervals and precision come from
:mod:`curation.timexes.calendar`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from curation.ids import make_id
from curation.nlp import doc_text
from curation.records import Timex
from curation.timexes import calendar as cal
from curation.timexes.grammar import RULES, Context, Norm
from curation.timexes.lexicon import MONTHS, WEEKDAYS
from curation.timexes.named import NAMED_PERIOD_RX, NAMED_PERIODS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["find_timexes", "tag_text"]

_EXPLICIT_YEAR = re.compile(r"\b(1[0-9]\d\d|20\d\d)\b")
_BC_YEAR = re.compile(r"\b(\d{1,4})\s*(?:BC|B\.C\.|BCE)\b")
_NEWS_DEICTIC = re.compile(r"\b(?:today|yesterday|tomorrow|tonight|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
                           r"|(?:this|last|next)\s+(?:week|month|year)|ago)\b")
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "going"})
_PLAN_VERBS = frozenset({"plan", "schedule", "set", "expect", "intend", "hope", "aim", "be", "due", "prepare",
                         "propose", "slate", "arrange", "want", "threaten", "promise", "vow", "pledge", "likely"})
_SCHEDULE_VERBS = frozenset({"plan", "schedule", "slate", "arrange"})
_PAST_CUES = frozenset({"since", "ended", "ending", "closed", "as of"})
_CUE = re.compile(r"\b(payable|effective|due|until|till|as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than"
                  r"|expires?|expiring|scheduled\s+for|slated\s+for|set\s+for"
                  r"|record|starting|beginning|since|ended|ending|as\s+of)\s+(?:on\s+|at\s+)?$", re.IGNORECASE)
_PRECISION = {"time": "minute", "half": "quarter"}


def is_narrative(text: str, dct: date | None) -> bool:
    """Whether relative expressions should lean on the previous date rather than the publication date.

    A history of a war published in 2009 mostly speaks of 1939: its "in April"
    is April of the year being told. Calibrated on the TimeML training corpora
    as a set with the anchoring rules; a news article citing one old year does
    not flip.
    """
    if dct is None:
        return True
    years = sorted([abs(int(y) - dct.year) for y in _EXPLICIT_YEAR.findall(text)]
                   + [dct.year + int(y) for y in _BC_YEAR.findall(text)])
    if len(years) < 3 or len(_NEWS_DEICTIC.findall(text)) * 4 >= len(years):
        return False  # "yesterday", "on Friday", "last week": a report written from its publication date
    return years[len(years) // 2] >= 2  # the median explicit year is two or more years away


def _verb_tense(tok: Token) -> str | None:
    """Tense of the verb governing ``tok``: past, future, present, or None."""
    verb = tok
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    kids = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in kids}
    if words & _FUTURE_AUX or (verb.lower_ in _FUTURE_AUX):
        return "future"
    if (verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in _SCHEDULE_VERBS
            and words <= {"has", "have", "'ve", "’ve"} and (verb.tag_ == "VBD") != bool(words)
            and any(c.dep_ == "dobj" for c in verb.children)):
        return "future"  # "scheduled a news conference Thursday": the thing planned lies ahead
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in kids):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve", "’ve"}:
        return "past"
    if verb.tag_ == "VB" and "to" in words:
        # "planned to leave on Thursday", "is set to resume Monday"; not "agreed to buy it Friday"
        head = verb.head
        if head.lemma_.lower() in _PLAN_VERBS or any(c.lower_ in _FUTURE_AUX for c in head.children):
            return "future"
        return None
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not kids and (
            verb.lemma_.lower() not in _PLAN_VERBS
            or (verb.lemma_.lower() == "set" and not any(c.lower_ in ("for", "to") for c in verb.children))):
        return "past"  # a reduced passive relative: "products introduced in April", "the record set on May 6"
    if verb.tag_ == "VBN" and verb.lemma_.lower() in _PLAN_VERBS:
        return "future"  # "is scheduled to close Monday", "is expected Tuesday"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or words & {"is", "are", "am"}:
        return "present"
    return None


def _pluperfect(tok: Token) -> bool:
    """Whether a verb above ``tok`` in its clause is in the past perfect ("had been scheduled to expire")."""
    t = tok
    for _ in range(5):
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in t.children):
            return True
        if t.head is t or t.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis"):
            return False  # the tense of another clause says nothing about this one
        t = t.head
    return False


def _tense_fn(doc: Doc | None) -> Callable[[int, int], str | None]:
    if doc is None:
        return lambda s, e: None

    text = doc_text(doc)

    def tense(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) and _pluperfect(span.root):
            return "past"  # "had been due to expire Friday", "until Thursday they had not called"
        cue = _CUE.search(text, max(0, start - 30), start)
        if cue:  # "payable Dec. 1", "effective Feb. 1", "the year ended March 31", "since Jan. 13"
            return "past" if cue.group(1).lower() in _PAST_CUES else "future"
        if span is None or len(span) == 0:
            return None
        return _verb_tense(span.root)
    return tense


def _aside_fn(doc: Doc | None) -> Callable[[int, int], bool]:
    """Whether the expression at (start, end) ends a stretch told in a relative clause ("an assault that lasted
    until the fall of Budapest in February 1945"): where the stretch ends, not the time the story has reached."""
    if doc is None:
        return lambda s, e: False

    def aside(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        t = span.root
        until = False
        for _ in range(12):
            if t.dep_ == "prep" and t.lower_ in ("until", "till", "through"):
                until = True
            if t.dep_ == "relcl":
                return until
            if t.head is t or t.dep_ in ("ccomp", "advcl", "conj", "parataxis"):
                return False
            t = t.head
        return False
    return aside


def _candidates(text: str, ctx: Context) -> list[tuple[int, int, int]]:
    """Longest, then highest-priority, non-overlapping rule matches as (start, end, rule index)."""
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for idx, (_name, rx, fn) in enumerate(RULES):
        for m in rx.finditer(text):
            if m.end() > m.start() and fn(m, ctx) is not None:
                found.append((m.start(), m.end(), idx, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, int]] = []
    occupied = bytearray(len(text) + 1)  # one flag per character: O(length) instead of pairwise checks
    for s, e, idx, _m in found:
        if any(occupied[s:e]):
            continue
        occupied[s:e] = b"\x01" * (e - s)
        taken.append((s, e, idx))
    return sorted(taken)


def tag_text(text: str, dct: date | None, *, doc: Doc | None = None, excluded: tuple[tuple[int, int], ...] = (),
             named_periods: bool = True) -> list[tuple[int, int, Norm]]:
    """Temporal expressions of ``text`` as (start, end, normalized) in document order.

    ``doc`` (a spaCy parse of the same text) gives verb tenses and rules out
    "may" as a modal and "March" as a verb; without it the grammar alone decides.
    Named periods ("the Cold War") are left out with ``named_periods=False``,
    as TimeML does not annotate them.
    """
    ctx = Context(dct=dct, narrative=is_narrative(text, dct), tense=_tense_fn(doc))
    aside = _aside_fn(doc)
    cands = _candidates(text, Context(dct=dct, narrative=ctx.narrative))
    if named_periods:
        cands = _with_named_periods(text, cands)
    out: list[tuple[int, int, Norm]] = []
    for s, e, idx in cands:
        if any(s < xe and xs < e for xs, xe in excluded):
            continue
        if idx < 0:
            _, start, end = NAMED_PERIODS[-idx - 1]
            value = _covering_value(start, end)
            out.append((s, e, Norm("DATE", value, "absolute", period=(start, end))))
            continue
        if doc is not None and not _token_ok(doc, s, e, text):
            continue
        _name, rx, fn = RULES[idx]
        m = rx.match(text, s, e)
        if m is None or m.end() != e:
            m = rx.match(text, s)
            if m is None:
                continue
        norm = fn(m, ctx)
        if norm is None:
            continue
        if ctx.narrative:
            # a narrative of antiquity runs on proxy years (see calendar.to_proxy)
            proxy = replace(norm, value=cal.to_proxy(norm.value))
            norm = replace(norm, value=cal.from_proxy(norm.value))
            if not aside(s, e) and _moves_narrative(proxy, ctx.last, text, s, future=ctx.tense(s, e) == "future"):
                ctx.last = proxy.value
        out.append((s, e, norm))
        # In a report a date worked out from the one before ("a year earlier")
        # does not become the reference, or "year-ago" after "a year ago" would
        # drift two years back.
        if (not ctx.narrative and norm.timex_type in ("DATE", "TIME") and cal.granularity(norm.value)
                and "X" not in norm.value and norm.anchor != "previous"):
            ctx.last = norm.value
    return out


_FRAME_BEFORE = re.compile(r"(?:^|[.!?:;\n]\s*|\n\s*)(?:(?:In|By|During|Throughout|Early|Late|From|After)\s+"
                           r"(?:the\s+(?:year|spring|summer|autumn|fall|winter|end|beginning|start)\s+(?:of\s+)?)?)?$")


_NEXT_SEASON = re.compile(r"the\s+(?:following|next)\s", re.IGNORECASE)


def _moves_narrative(norm: Norm, last: str | None, text: str, start: int, future: bool = False) -> bool:
    """Whether an expression becomes the reference time of a narrative (the date the story has reached).

    A history moves forward from date to date, with asides that look back:
    "two decades earlier", "the previous year", "the Constitution of 1790".
    The reference is the last date told at the pace of the story:

    - a calendar date of a month or finer ("10 March 1975", "in May") moves it;
    - an anaphoric date that looks back from it ("a year earlier", "the
      previous April") does not: the story resumes where it was;
    - a season worked out from it moves it only when it is "the following"
      one ("in the winter" is too coarse to carry the date told);
    - a bare year moves it only when it frames what follows ("In 1919, ...",
      a heading "1919"), or when it lies ahead of the reference in a clause
      that is not about the future (``future``: "exposed for a campaign
      planned for 1976" looks ahead from 1975); a year cited in passing
      ("the treaty of 1614", "the Civil Constitution (1790)") is an aside.
    """
    if norm.timex_type not in ("DATE", "TIME") or "X" in norm.value:
        return False
    g = cal.granularity(norm.value)
    if g is None or g in ("decade", "century"):
        return False
    if g == "season" and norm.anchor == "previous" and (norm.value.endswith("WI")
                                                        or not _NEXT_SEASON.match(text, start)):
        return False  # "in the winter", "that summer": too coarse to carry the story's date
    if last is None:
        return True
    new_start, _, _ = cal.interval(norm.value)
    old_start, _, _ = cal.interval(last)
    if norm.anchor == "previous" and new_start and old_start and new_start < old_start.replace(day=1):
        return False  # a look back from the story's date
    if g == "year" and norm.anchor == "absolute":
        if text[max(0, start - 1):start] == "(":
            return False  # "the Civil Constitution of the Clergy (1790)": a parenthetical year is an aside
        ly = cal.year_of(last)
        y = cal.year_of(norm.value)
        if ly is None or y is None or cal.granularity(last) == "year":
            return True
        return (y > ly and not future) or bool(_FRAME_BEFORE.search(text, max(0, start - 40), start))
    return True


def _with_named_periods(text: str, cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    extra = []
    for m in NAMED_PERIOD_RX.finditer(text):
        idx = next(int(k[2:]) for k, v in m.groupdict().items() if v is not None)
        extra.append((m.start(), m.end(), -idx - 1))
    if not extra:
        return cands
    kept = [c for c in cands if not any(c[0] < e and s < c[1] for s, e, _ in extra)]
    return sorted(kept + extra)


def _covering_value(start: date, end: date) -> str:
    """The smallest calendar unit (year, decade, century) that holds a named period."""
    if start.year == end.year:
        return f"{start.year:04d}"
    if start.year // 10 == end.year // 10:
        return f"{start.year // 10:03d}"
    return f"{start.year // 100:02d}"


_MONTH_VERBS = frozenset({"march", "may"})
_SITE_WORDS = frozenset({"today", "tonight", "now"})


# The full names of the months and weekdays (the lexicon also holds their abbreviations).
_MONTH_WORDS = frozenset(max((n for n in MONTHS if MONTHS[n] == i), key=len) for i in range(1, 13))
_WEEKDAY_WORDS = frozenset(n for n in WEEKDAYS if n.endswith("day"))
_NAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "dame", "mr.", "mrs.", "ms.", "dr."})


def _a_name(doc: Doc, tok: Token) -> bool:
    """Whether a lone month name is part of a person's name: tagged so, after a title ("Mrs May"), or after a
    capitalized given name ("Theresa May") in a sentence that is not set in title case, and not before a number."""
    if tok.ent_type_ == "PERSON":
        return True
    if tok.i == 0 or (tok.i + 1 < len(doc) and (doc[tok.i + 1].like_num or doc[tok.i + 1].pos_ == "NUM")):
        return False
    prev = doc[tok.i - 1]
    if prev.lower_ in _NAME_TITLES:
        return True
    words = [t for t in tok.sent if t.is_alpha]
    title_case = len(words) > 2 and sum(t.text[:1].isupper() for t in words) > 0.6 * len(words)
    return (not title_case and prev.pos_ == "PROPN" and prev.text.istitle() and prev.text.isalpha()
            and prev.ent_type_ in ("PERSON", "") and prev.lower_ not in _MONTH_WORDS | _WEEKDAY_WORDS)


def _token_ok(doc: Doc, start: int, end: int, text: str) -> bool:
    """Reject matches the parse shows are not temporal: modal "may", verb "march", a title "USA Today"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    first = span[0]
    low = first.lower_
    if len(span) == 1 and low in _MONTH_VERBS:
        if first.tag_ == "MD" or first.pos_ in ("VERB", "AUX"):
            return False
        if low == "may" and first.i + 1 < len(doc) and doc[first.i + 1].pos_ in ("VERB", "AUX"):
            return False
    if len(span) == 1 and low in _MONTH_WORDS and _a_name(doc, first):
        return False  # "Theresa May", "Mrs May", "April Ryan": a person's name
    if low in _SITE_WORDS and first.text[:1].isupper() and first.i > 0 and not first.is_sent_start:
        prev = doc[first.i - 1]
        if prev.pos_ == "PROPN" and prev.text[:1].isupper():
            return False  # "USA Today", "Russia Today": a name, not a day
    return True


def find_timexes(doc: Doc, *, article_id: str, dct: date | None, named_periods: bool = True) -> list[Timex]:
    """TIMEX3 expressions of ``doc`` with values, intervals, precision and anchoring, in text order."""
    sent_starts = sorted((s.start_char, i) for i, s in enumerate(doc.sents))
    starts = [s for s, _ in sent_starts]
    out: list[Timex] = []
    text = doc_text(doc)
    for s, e, norm in tag_text(text, dct, doc=doc, named_periods=named_periods):
        sidx = max(0, bisect.bisect_right(starts, s) - 1)
        start_d, end_d, prec = cal.interval(norm.value) if norm.timex_type in ("DATE", "TIME") else (None, None, None)
        if norm.period is not None:
            start_d, end_d = norm.period
        if prec is None and norm.timex_type in ("DATE", "TIME"):
            g = cal.granularity(norm.value)
            prec = _PRECISION.get(g or "", g) if g not in (None, "time") else None
        out.append(Timex(
            timex_id=make_id("tx", article_id, s, e), article_id=article_id,
            sentence_idx=sent_starts[sidx][1] if sent_starts else 0, char_start=s, char_end=e,
            text=text[s:e], timex_type=norm.timex_type, value=norm.value, start_date=start_d, end_date=end_d,
            precision=prec, anchor=norm.anchor, mod=norm.mod))
    return out
