"""Segment: recognise site boilerplate and headings, and mark them excluded.

Plain-text copies of news pages carry the site around the article: a
breadcrumb or navigation line, a byline, "Read also:" teasers, comment
prompts, "Latest Posts" footers. They are recognised here by general rules
on the shape of a line, never by site, and their spans are recorded in
``Article.excluded`` so that extraction skips them. The text itself is never
changed: :func:`masked_text` gives the text the NLP sees, with excluded spans
blanked to spaces of the same length so every offset stays valid.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from curation.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Span

# Lines that are site chrome wherever they appear, as whole lines.
_UI_LINE = re.compile(
    r"^(home|menu|search|share|share this( article| story| post)?|print|email|"
    r"subscribe( now| to [\w\s']+)?|sign (in|up)|log ?in|register|advertisement|advertising|"
    r"sponsored( content)?|related( articles| posts| stories| news)?|more (from|on) [\w\s]+|"
    r"follow us( on [\w\s,]+)?|tags?:.*|topics?:.*|categories?:.*|filed under:?.*|"
    r"previous (post|article|story)|next (post|article|story)|back to top|skip to (main )?content|"
    r"about us|contact( us)?|privacy( policy)?|terms( of (use|service))?|cookies?( policy| settings)?|"
    r"all rights reserved\.?|(©|\(c\)|copyright\b).*|click here.*|"
    r"\d+ comments?|no comments( yet)?\.?|comments)$",
    re.IGNORECASE,
)
# Lines after which the rest of the page is footer: recommendation and
# comment blocks close an article on almost every news site.
_FOOTER_START = re.compile(
    r"^(you (may|might) also like|leave a (comment|reply)|latest (posts|news|stories|articles)|"
    r"editors'? (picks|choice)|most (read|popular|viewed)|trending( now)?|popular posts|"
    r"recommended( for you)?|related posts|post a comment|join the (conversation|discussion)|"
    r"recent posts|what to read next)\b.*$",
    re.IGNORECASE,
)
# "Read also:" and friends introduce a teaser: the marker line, and the next
# headline-shaped line when the marker stands alone.
_TEASER_MARK = re.compile(
    r"^(read (also|more|next)|see also|also read|related( article| story)?|"
    r"recommended|must read|don't miss)\s*[:\-–—]\s*(?P<rest>.*)$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(by|words by|reporting by|written by)\s+"
    r"(?P<who>[A-Z][\w'’.\-]*(\s+(and\s+)?[A-Z&][\w'’.\-]*){0,5})\s*$")
# "Home > World", "Home  World  Politics", "Home ANALYSIS Title": a trail, not "Home phones face ..." or
# "Home Secretary Charles Clarke told ...".
_BREADCRUMB = re.compile(r"^(?i:home)(\s*[>/»›|]\s*|\s{2,}|\s+(?=[A-Z]{2,}\b))(?=[A-Za-z])")
_NAV_SEPARATORS = re.compile(r"(\s{2,}|\s*[|»›•·]\s*)")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]$")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SMALL_WORDS = frozenset([
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "over",
    "the", "to", "vs", "with", "up", "via",
])


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = pos + (len(body) - len(body.lstrip()))
            out.append((start, start + len(stripped), stripped))
        pos += len(raw)
    return out


def _is_headline_shaped(line: str) -> bool:
    """Short, no sentence-final punctuation, mostly capitalised words: a headline."""
    words = _WORD.findall(line)
    if not words or len(words) > 20 or _SENTENCE_END.search(line):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    caps = sum(1 for w in content if w[0].isupper())
    return bool(content) and caps / len(content) >= 0.6


def _is_first_line_title(text: str, spans: list[tuple[int, int, str]], start: int, end: int, line: str) -> bool:
    """The first line of a plain-text article in sentence case ("Act on detention ruling, UK urged"): short,
    no sentence-final punctuation, nothing but site chrome before it, and a blank line after it."""
    if any(k == "heading" for *_, k in spans) or (text[:start].strip() and not all(
            k == "boilerplate" for *_, k in spans)):
        return False
    if _SENTENCE_END.search(line) or not 2 <= len(_WORD.findall(line)) <= 16:
        return False
    after = text[end:end + 4].replace("\r", "")
    return after.startswith("\n\n") or after.startswith("\n \n")


def _is_nav(line: str) -> bool:
    if _BREADCRUMB.match(line) and not _SENTENCE_END.search(line) and len(_WORD.findall(line)) <= 16:
        # "Home > World > Europe", "Home News Title": a trail, not a sentence ("Home Secretary Charles Clarke
        # told the Times ...", "Home printed pictures can be cheaper ..." are the article's own).
        return True
    parts = [p for p in _NAV_SEPARATORS.split(line) if p.strip() and not _NAV_SEPARATORS.fullmatch(p)]
    return len(parts) >= 3 and all(len(_WORD.findall(p)) <= 3 for p in parts) and not _SENTENCE_END.search(line)


def find_excluded(text: str, *, has_title: bool = False) -> tuple[list[tuple[int, int, str]], str | None, str | None]:
    """Spans of ``text`` to exclude, with kinds, plus a title and byline if found.

    Kinds: ``boilerplate`` (site chrome) and ``heading`` (headlines and
    section heads, which repeat or label the body and are not sentences). A
    plain-text article with no title of its own (``has_title`` false) has its
    first line taken as the headline when it is shaped like one in sentence
    case ("Act on detention ruling, UK urged"): short, no final stop, a blank
    line after it.
    """
    lines = _lines(text)
    spans: list[tuple[int, int, str]] = []
    title: str | None = None
    byline: str | None = None
    footer = False
    teaser_next = False
    for i, (start, end, line) in enumerate(lines):
        nxt = lines[i + 1][2] if i + 1 < len(lines) else ""
        if footer:
            spans.append((start, end, "boilerplate"))
            continue
        if _FOOTER_START.match(line):
            footer = True
            spans.append((start, end, "boilerplate"))
            continue
        tm = _TEASER_MARK.match(line)
        if tm:
            spans.append((start, end, "boilerplate"))
            teaser_next = not tm.group("rest").strip()
            continue
        if teaser_next:
            teaser_next = False
            if _is_headline_shaped(line) or not _SENTENCE_END.search(line):
                spans.append((start, end, "boilerplate"))
                continue
        bm = _BYLINE.match(line)
        if bm:
            byline = byline or bm.group("who").strip()
            spans.append((start, end, "boilerplate"))
            continue
        if _UI_LINE.match(line):
            spans.append((start, end, "boilerplate"))
            continue
        if i < 3 and _is_nav(line):
            # A breadcrumb often ends with the headline itself ("Home ANALYSIS Title").
            spans.append((start, end, "boilerplate"))
            continue
        if _is_headline_shaped(line) or (line.endswith(("?", ":")) and len(_WORD.findall(line)) <= 14
                                         and nxt and not _is_headline_shaped(nxt)) or (
                not has_title and title is None and _is_first_line_title(text, spans, start, end, line)):
            if title is None and not any(k == "heading" for *_, k in spans):
                title = line
            spans.append((start, end, "heading"))
    return spans, title, byline


def segment(article: Article) -> Article:
    """Return ``article`` with its excluded spans (and title/byline when it had none)."""
    spans, title, byline = find_excluded(article.text, has_title=bool(article.title))
    return replace(article, excluded=tuple(spans), title=article.title or title,
                   byline=article.byline or byline)


def masked_text(article: Article) -> str:
    """The text with excluded spans replaced by spaces (same length, same offsets)."""
    if not article.excluded:
        return article.text
    chars = list(article.text)
    for start, end, _kind in article.excluded:
        for k in range(start, end):
            if chars[k] not in "\r\n":
                chars[k] = " "
    return "".join(chars)


def sentence_span(sent: Span) -> tuple[int, int]:
    """Character span of a sentence without its leading and trailing white space."""
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return sent.start_char, sent.start_char
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)
