"""Who is speaking in each quotation of an article, also where the quotation runs over several sentences.

News quotes a speaker at length and attributes the quotation once: 'Mr Straw
said of the Tory leader: "He is clever, fluent and tactical, but he is not
wise. He lacks strategy ..."'; '"It is very disappointing," said X. "What we
have got is a cynical case ..."'; a quotation running over paragraphs opens
each paragraph with a quotation mark and closes only at its end. The
sentences after the first have no reporting verb of their own, so a reader
of one sentence at a time loses the speaker: a demand or a criticism in them
has no source, and "we" in them stands for nobody.

A quotation is attributed to the subject of a reporting verb outside it in
the sentence where it opens ('X said: "...') or closes ('...," X said'), else
to the speaker of the quotation just before it when nothing but that
quotation's attribution lies between them (the convention of news writing:
a new speaker is always named). A quotation with no such attribution has no
speaker: guessing one would put words in somebody's mouth.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from curation.events.structure import subjects
from curation.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs that attribute a quotation to their subject ("said", "told reporters", "added", "wrote").
ATTRIBUTING = frozenset({"say", "tell", "add", "claim", "argue", "insist", "state", "declare", "reply", "respond",
                         "write", "maintain", "contend", "suggest", "comment", "remark", "stress", "acknowledge",
                         "admit", "assert", "reiterate", "warn", "explain", "continue", "conclude", "announce",
                         "complain", "protest", "urge", "ask", "demand", "joke", "quip", "predict",
                         "concede", "note", "observe", "recall", "retort", "snap", "tweet"})
_STRAIGHT = '"'
_OPEN = "\u201c"
_CLOSE = "\u201d"


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: its character spans (one per paragraph it runs over) and the speaker's token."""

    spans: tuple[tuple[int, int], ...]
    speaker: Token | None

    def covers(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.spans)


_MARKS = re.compile('["\u201c\u201d]')


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if end > start:
            yield start, end
        start = end + 1


def quotation_spans(text: str) -> list[list[tuple[int, int]]]:
    """The quotations of ``text`` as lists of (start, end) character spans, quotation marks included; a
    quotation left open at the end of a paragraph goes on in the next one when that opens with a mark."""
    groups: list[list[tuple[int, int]]] = []
    running: list[tuple[int, int]] | None = None  # a quotation left open at the end of the last paragraph
    for p0, p1 in _paragraphs(text):
        opened: int | None = None
        group: list[tuple[int, int]] | None = None
        first = p0 + (len(text[p0:p1]) - len(text[p0:p1].lstrip()))
        for hit in _MARKS.finditer(text, p0, p1):
            i = hit.start()
            ch = text[i]
            before = text[i - 1] if i > p0 else " "
            after = text[i + 1] if i + 1 < p1 else " "
            # A straight mark opens when it follows a space and precedes a word, and closes after a word.
            opens = ch == _OPEN or (ch == _STRAIGHT and (before.isspace() or before in "([-\u2013\u2014")
                                    and not after.isspace())
            closes = ch == _CLOSE or (ch == _STRAIGHT and not before.isspace())
            if opened is None and opens:
                opened = i
                group = running if (running is not None and i == first) else []
                if group is not running:
                    groups.append(group)
            elif opened is not None and opens and not closes:
                # 'he is not wise. "He lacks ...': a quotation whose paragraphs were run together reopens
                # with a mark and no closing one; it is the same quotation.
                assert group is not None
                group.append((opened, i))
                opened = i
            elif opened is not None and closes:
                assert group is not None
                group.append((opened, i + 1))
                opened, group = None, None
        running = None
        if opened is not None and group is not None:
            group.append((opened, p1))
            running = group
    return [g for g in groups if g]


def _inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _attribution(sent: Span, outside: Sequence[tuple[int, int]], lo: int, hi: int) -> Token | None:
    """The subject of a reporting verb of ``sent`` at a character offset in [lo, hi), outside every
    quotation (and its subject outside them too)."""
    for verb in sent:
        if not lo <= verb.idx < hi or verb.pos_ not in ("VERB", "AUX") or (
                verb.lemma_.lower() not in ATTRIBUTING) or _inside(verb.idx, outside):
            continue
        for s in subjects(verb):
            if not _inside(s.idx, outside):
                return s
    return None


def _spoken(text: str, span: tuple[int, int]) -> bool:
    """Whether a quotation span is speech rather than a quoted phrase ("set loose"): it ends a sentence or a
    clause inside its marks ('...," X said'), or runs to the end of its paragraph."""
    a, b = span
    inner = text[a:b].rstrip(_STRAIGHT + _CLOSE).rstrip()
    return b >= len(text) or text[b - 1] not in (_STRAIGHT, _CLOSE) or inner[-1:] in (",", ".", "?", "!", ":", ";")


def attribute(doc: Doc, sents: Sequence[Span] | None = None) -> list[Quotation]:
    """The quotations of ``doc`` with their speakers (``sents``: the doc's sentences, if already listed)."""
    text = doc_text(doc)
    groups = quotation_spans(text)
    if not groups:
        return []
    every = [s for g in groups for s in g]
    sents = list(doc.sents) if sents is None else sents
    starts = [s.start_char for s in sents]

    def sent_at(offset: int) -> Span | None:
        lo, hi = 0, len(starts) - 1
        found = None
        while lo <= hi:
            mid = (lo + hi) // 2
            if starts[mid] <= offset:
                found, lo = sents[mid], mid + 1
            else:
                hi = mid - 1
        return found

    out: list[Quotation] = []
    prev_end: int | None = None
    prev_speaker: Token | None = None
    prev_spoken = False
    for group in groups:
        speaker = None
        for a, b in group:
            s_open, s_close = sent_at(a), sent_at(max(a, b - 1))
            if s_open is not None and not text[s_open.start_char:a].strip() and s_open.start > 0 and (
                    text[:a].rstrip().endswith(":")):
                s_open = doc[s_open.start - 1].sent  # 'X said of the Tory leader: | "He is ...'
            speaker = (_attribution(s_open, every, s_open.start_char, a) if s_open is not None else None) or (
                _attribution(s_close, every, b, s_close.end_char) if s_close is not None else None)
            if speaker is not None:
                break
        if speaker is None and prev_speaker is not None and prev_end is not None and prev_spoken:
            # '"A," X said. "B."': nothing but the last quotation's attribution between them.
            gap = [s for s in sents if prev_end <= s.start_char < group[0][0]
                   and any(t.is_alpha and not _inside(t.idx, every) for t in s)]
            if not gap:
                speaker = prev_speaker
        out.append(Quotation(tuple(group), speaker))
        prev_end, prev_speaker = group[-1][1], speaker
        prev_spoken = any(_spoken(text, sp) for sp in group)
    return out


def quoted_sentence(sent: Span, quotations: Sequence[Quotation]) -> Quotation | None:
    """The quotation ``sent`` lies wholly inside (every word of it quoted), when the quotation has a speaker:
    a sentence of the quotation that does not itself say who speaks."""
    if not quotations:
        return None
    words = [t for t in sent if t.is_alpha]
    if not words:
        return None
    for q in quotations:
        if q.speaker is not None and all(q.covers(t.idx) for t in words):
            return q
    return None


def speaker_at(offset: int, quotations: Sequence[Quotation]) -> Token | None:
    """The speaker of the quotation that covers ``offset``, if it has one."""
    for q in quotations:
        if q.covers(offset):
            return q.speaker
    return None
