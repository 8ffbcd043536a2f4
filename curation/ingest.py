"""Ingest: find input files, read them, and turn each item into an Article or a Reject.

This is one of the two stages that touch files (with ``write``). Reading is
split from parsing: :func:`read_inputs` does the I/O and yields raw items in a
deterministic order; :func:`parse` is a pure function from a raw item to an
:class:`~curation.records.Article` or a :class:`~curation.records.Reject`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from curation.errors import Errors, InputError
from curation.ids import make_id, sha256_text
from curation.records import Article, RawDocument, Reject
from curation.write import dataset_manifest

SUPPORTED = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv"}
DUMP_FIELDS = ("url", "title", "publisher", "published", "text")
FRONT_MATTER_KEYS = ("title", "url", "publisher", "published", "byline", "author", "language")

# Line ends of every platform, lone CR (classic Mac) included.
_FRONT_MATTER = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)(?P<head>.*?)(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n)", re.DOTALL)
_FM_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
# Bytes that never occur in text files: NUL and most C0 controls.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file found among the inputs, with the path as it will be recorded."""

    path: Path
    label: str  # path as recorded in `source`: relative to the input given, prefixed by it
    problem: tuple[str, str] | None = None  # (reason code, reason) when it cannot be read as an input


def recorded(path: str) -> str:
    """A path as it is recorded: file names that are not valid UTF-8 keep their bytes as ``\\xNN``."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def discover(inputs: Sequence[str | Path], *, follow_symlinks: bool = False,
             exclude: Sequence[str | Path] = ()) -> list[InputFile]:
    """All files under ``inputs`` (files or folders, recursive), in a stable order.

    Hidden files and folders (starting with ".") are skipped, as version
    control and editors keep theirs there; so are the folders in ``exclude``
    (the run's own output). Everything else is kept, so that what cannot be
    read becomes a reject rather than vanish: unsupported extensions, folders
    that cannot be listed, pipes and devices, dangling symbolic links, links
    that lead out of the inputs (followed only with ``follow_symlinks``), and
    dataset folders curate wrote (their report is not an article).
    """
    found: dict[str, InputFile] = {}
    roots = [os.path.realpath(g) for g in inputs]
    skip = {os.path.realpath(e) for e in exclude}
    visited: set[str] = set()

    def add(path: Path, label: str, problem: tuple[str, str] | None = None) -> None:
        label = recorded(label)
        found.setdefault(label, InputFile(path, label, problem))

    def inside_inputs(target: str) -> bool:
        return any(target == r or target.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    def walk(folder: Path, label: str) -> None:
        real = os.path.realpath(folder)
        if real in visited or real in skip:
            return
        visited.add(real)
        if dataset_manifest(folder) is not None:
            add(folder, label, ("dataset", "A dataset folder written by curate, not articles; not read."))
            return
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            add(folder, label, ("unreadable", f"Cannot list the folder: {exc.strerror or exc}."))
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            path, sub = Path(e.path), f"{label}/{e.name}"
            try:
                if e.is_symlink():
                    target = os.path.realpath(path)
                    if not os.path.exists(target):
                        add(path, sub, ("symlink", f"A symbolic link to {recorded(target)}, which does not exist."))
                    elif not follow_symlinks and not inside_inputs(target):
                        add(path, sub, ("symlink", f"A symbolic link out of the inputs (to {recorded(target)}); "
                                                   "not followed. Pass --follow-symlinks to read it."))
                    elif os.path.isdir(target):
                        if not inside_inputs(target):
                            walk(path, sub)
                        # else: a link to a folder of the inputs, whose files are read under their own names
                    else:
                        entry(path, sub)
                elif e.is_dir(follow_symlinks=False):
                    walk(path, sub)
                else:
                    entry(path, sub)
            except OSError as exc:
                add(path, sub, ("unreadable", f"Cannot read the entry: {exc.strerror or exc}."))

    def entry(path: Path, label: str) -> None:
        if path.is_file():
            add(path, label)
        else:
            add(path, label, ("unreadable", "Not a regular file (a pipe, socket or device); not read."))

    for given in inputs:
        root = Path(given)
        if not root.exists():
            raise InputError(Errors.E010.format(path=recorded(str(root))))
        if root.is_dir():
            walk(root, str(given).rstrip("/") or "/")
        else:
            entry(root, str(given))
    if not found:
        raise InputError(Errors.E011.format(paths=", ".join(recorded(str(i)) for i in inputs)))
    return [found[k] for k in sorted(found)]


def _reject(source: str, code: str, reason: str, data: bytes | None) -> Reject:
    return Reject(source=source, reason_code=code, reason=reason,
                  input_sha256=hashlib.sha256(data).hexdigest() if data is not None else None)


def _decode(label: str, data: bytes) -> str | Reject:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:  # UTF-16 with its byte-order mark, as Windows tools write it
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            return _reject(label, "undecodable",
                           f"The file starts as UTF-16 but is not valid UTF-16 (byte {exc.start}).", data)
    if not data.strip():
        return _reject(label, "empty", "The file is empty or holds only white space.", data)
    found = _BINARY_BYTES.search(data)
    if found:
        return _reject(label, "binary", f"The file holds binary data (control byte 0x{found.group()[0]:02x} "
                                        f"at byte {found.start()}), not text.", data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _reject(label, "undecodable",
                       f"The file is not valid UTF-8 (byte {exc.start}); re-encode it as UTF-8.", data)


def read_inputs(files: Iterable[InputFile]) -> Iterator[RawDocument | Reject]:
    """Read each file and yield its raw items (one per file, one per record of a dump).

    A JSON Lines file is read line by line, so its size does not bound memory.
    """
    for f in files:
        if f.problem is not None:
            yield Reject(source=f.label, reason_code=f.problem[0], reason=f.problem[1], input_sha256=None)
            continue
        fmt = SUPPORTED.get(f.path.suffix.lower())
        if fmt is None:
            yield Reject(source=f.label, reason_code="unsupported",
                         reason=f"Extension '{recorded(f.path.suffix)}' is not an article format "
                                "(.txt, .html, .htm, .jsonl, .csv).",
                         input_sha256=None)
            continue
        try:
            if fmt == "jsonl":
                yield from _at_least_one(f.label, _jsonl_file(f), "a JSON Lines file with no line that is not blank")
                continue
            data = f.path.read_bytes()
        except OSError as exc:
            yield Reject(source=f.label, reason_code="unreadable",
                         reason=f"Cannot read the file: {exc.strerror or exc}.")
            continue
        text = _decode(f.label, data)
        if isinstance(text, Reject):
            yield text
            continue
        if fmt in ("txt", "html"):
            yield RawDocument(source=f.label, fmt=fmt, text=text)
        else:
            yield from _at_least_one(f.label, _csv_records(f.label, text), "a CSV file with a header and no row")


def _at_least_one(label: str, items: Iterator[RawDocument | Reject], what: str) -> Iterator[RawDocument | Reject]:
    """``items``, or a reject of the whole file when it holds none: an input never vanishes without a word."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield Reject(source=label, reason_code="empty", reason=f"The file holds no record: {what}.",
                     input_sha256=None)


# C0 controls other than tab, line feed, form feed and carriage return, and lone surrogates: a JSON
# string's escapes can hold what the file-level check never sees (ESC included: a terminal's commands).
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")


def _record(source: str, fmt: str, obj: dict[str, object], raw: str) -> RawDocument | Reject:
    fields: list[tuple[str, str | None]] = []
    for key in DUMP_FIELDS:
        value = obj.get(key)
        problem = None
        if isinstance(value, bool) or (value is not None and not isinstance(value, str | int | float)):
            got = "a boolean" if isinstance(value, bool) else type(value).__name__
            problem = f"Field '{key}' must be a string, got {got}."
        elif isinstance(value, float) and not math.isfinite(value):
            problem = f"Field '{key}' must be a string, got the number {value}."
        elif key == "text" and value is not None and not isinstance(value, str):
            problem = f"Field 'text' must be a string, got the number {value}."
        elif isinstance(value, str) and (bad := _BAD_CHARS.search(value)):
            what = "a lone surrogate" if "\ud800" <= bad.group() <= "\udfff" else "the control character"
            problem = (f"Field '{key}' holds {what} U+{ord(bad.group()):04X} at character {bad.start()}, "
                       "which is not text; fix the record.")
        if problem:
            return Reject(source=source, reason_code="bad_record", reason=problem, input_sha256=sha256_text(raw))
        fields.append((key, None if value in (None, "") else str(value)))
    text = dict(fields).pop("text", None)
    return RawDocument(source=source, fmt=fmt, text=text,
                       fields=tuple((k, v) for k, v in fields if k != "text"))


def _jsonl_file(f: InputFile) -> Iterator[RawDocument | Reject]:
    """The records of a JSON Lines file, read one line at a time."""
    with f.path.open("rb") as fh:
        for n, data in enumerate(fh, start=1):
            if n == 1:
                data = data.removeprefix(codecs.BOM_UTF8)
            source = f"{f.label}#L{n}"
            if not data.strip():
                continue
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield _reject(source, "undecodable", f"Line {n} is not valid UTF-8 (byte {exc.start} of the line); "
                                                     "re-encode the file as UTF-8.", data)
                continue
            if (bad := _BINARY_BYTES.search(data)) is not None:
                yield _reject(source, "binary", f"Line {n} holds binary data (control byte 0x{bad.group()[0]:02x}).",
                              data)
                continue
            yield _jsonl_record(source, n, line)


def _jsonl_record(source: str, n: int, line: str) -> RawDocument | Reject:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Reject(source=source, reason_code="bad_json",
                      reason=f"Line {n} is not valid JSON ({exc.msg} at column {exc.colno}).",
                      input_sha256=sha256_text(line))
    except RecursionError:
        return Reject(source=source, reason_code="bad_json",
                      reason=f"Line {n} nests JSON too deeply to be an article record.",
                      input_sha256=sha256_text(line))
    if not isinstance(obj, dict):
        return Reject(source=source, reason_code="bad_record",
                      reason=f"Line {n} is JSON but not an object with url, title, publisher, published, text.",
                      input_sha256=sha256_text(line))
    return _record(source, "jsonl", obj, line)


def _csv_records(label: str, text: str) -> Iterator[RawDocument | Reject]:
    # A whole article can sit in one cell: the csv module's default limit (131,072 characters) would stop
    # the file there. Texts too long for extraction are rejected later, one by one, with their reason.
    limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield from _csv_rows(label, text)
    finally:
        csv.field_size_limit(limit)


def _csv_rows(label: str, text: str) -> Iterator[RawDocument | Reject]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield Reject(source=label, reason_code="bad_record",
                     reason="The CSV has no 'text' column; expected url,title,publisher,published,text.",
                     input_sha256=sha256_text(text))
        return
    n = 0
    try:
        for n, row in enumerate(reader, start=1):
            if None in row:  # more cells than header columns
                yield Reject(source=f"{label}#R{n}", reason_code="bad_record",
                             reason=f"Row {n} has more cells than the header.", input_sha256=None)
                continue
            yield _record(f"{label}#R{n}", "csv", dict(row), "\x1f".join(str(v) for v in row.values()))
    except csv.Error as exc:
        yield Reject(source=f"{label}#R{n + 1}", reason_code="bad_record",
                     reason=f"The CSV cannot be parsed past line {reader.line_num} ({exc}): row {n + 1} and every "
                            "row after it are not read. Fix the file and run again.", input_sha256=None)


# --- parsing (pure) -------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Publication dates before this are data errors, not news (dates also must not lie after the run's day).
EARLIEST_PUBLISHED = date(1800, 1, 1)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


@lru_cache(maxsize=4096)
def parse_published(value: str | None) -> tuple[date | None, str | None]:
    """Parse a publication date into (date, precision); (None, None) when it cannot be read.

    ISO forms keep their precision ("2024-03" is a month). Other spellings
    ("13 Feb 2025", "February 13, 2025") go through dateparser with
    day-first off and no relative base, so that nothing is invented.
    """
    if not value or not value.strip():
        return None, None
    value = value.strip()
    m = _ISO_DATE.match(value)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            if d:
                return date(int(y), int(mo), int(d)), "day"
            if mo:
                return date(int(y), int(mo), 1), "month"
            return date(int(y), 1, 1), "year"
        except ValueError:
            return None, None
    if not _YEAR.search(value):
        # "yesterday", "3 days ago", "Friday": relative to the reader's clock, so the same input
        # would give another date tomorrow. Only dates that name their year are read.
        return None, None
    import dateparser  # slow to import; only needed for free-form dates

    parsed = dateparser.parse(value, languages=["en"], settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    if parsed is None:
        return None, None
    return parsed.date(), "day"


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group("head").splitlines():
        lm = _FM_LINE.match(line)
        if lm and lm.group("key").lower() in FRONT_MATTER_KEYS:
            meta[lm.group("key").lower()] = _unquoted(lm.group("value").strip())
    return meta, text[m.end():]


def _unquoted(value: str) -> str:
    """A front-matter value without the one pair of quotes around it, if it has one (YAML's way):
    a quote that belongs to the value (`Obama's "hope"`) stays."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


_DEEP = 250  # libxml2 stops building the tree of a page nested deeper than about this (its limit is 256)
_BLOCKS = frozenset([
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "td", "tr", "pre"
])
_SKIPPED = frozenset([
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "head", "svg"
])


def _deep_markup_text(markup: str) -> str | None:
    """The text of a page nested too deeply for lxml, read with the standard library's tolerant parser
    (which keeps no tree): block elements end paragraphs; scripts, styles, navigation, headers and
    footers are left out. None when the page is not that deep (its lack of text is then real)."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = self.deepest = self.skipping = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            if tag in _SKIPPED:
                self.skipping += 1
            if tag in _BLOCKS:
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            self.depth = max(0, self.depth - 1)
            if tag in _SKIPPED:
                self.skipping = max(0, self.skipping - 1)
            if tag in _BLOCKS:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.skipping:
                self.parts.append(data)

    reader = Reader()
    reader.feed(markup)
    reader.close()
    if reader.deepest < _DEEP:
        return None
    text = "\n".join(" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return text if text.strip() else None


def _html(raw: RawDocument) -> tuple[dict[str, str], str] | Reject:
    import trafilatura  # heavy; only when HTML is read

    assert raw.text is not None
    try:
        doc = trafilatura.bare_extraction(
            raw.text, with_metadata=True, include_comments=False, include_tables=False,
            # Dates from the page's metadata only: an extensive search guesses
            # from any date in the text, which is not the publication date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # by design: trafilatura/lxml raise many kinds on bad markup
        return _reject(raw.source, "no_main_text", f"The HTML cannot be parsed: {exc}.", raw.text.encode())
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(body.strip()) < 500:
        # Little or no text: a page nested deeper than lxml builds loses its article that way.
        deep = _deep_markup_text(raw.text)
        if deep is not None and len(deep.strip()) > len((body or "").strip()):
            body = deep
    if not body or not body.strip():
        return _reject(raw.source, "no_main_text",
                       "No main text found in the HTML (only navigation, boilerplate or markup).",
                       raw.text.encode())
    # trafilatura ends each block with one newline; a blank line between
    # paragraphs lets the segmenter see paragraph breaks.
    text = "\n\n".join(p.strip() for p in body.split("\n") if p.strip())
    meta = {
        "title": getattr(doc, "title", None), "url": getattr(doc, "url", None),
        "publisher": getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        "published": getattr(doc, "date", None), "byline": getattr(doc, "author", None),
    }
    return {k: v for k, v in meta.items() if v}, text


# Scripts by the first code point of their main Unicode blocks (BCP 47 script subtags).
_SCRIPTS = (
    (0x0041, 0x024F, "Latn"), (0x0370, 0x03FF, "Grek"), (0x0400, 0x052F, "Cyrl"), (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"), (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"), (0x0E00, 0x0E7F, "Thai"), (0x10A0, 0x10FF, "Geor"), (0x1100, 0x11FF, "Hang"),
    (0x3040, 0x30FF, "Jpan"), (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"), (0xAC00, 0xD7AF, "Hang"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
)
# The most frequent English words: in any English news text they are a large share of the words.
_ENGLISH = frozenset([
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "was", "with", "he", "it", "as", "by", "at",
    "from", "his", "said", "has", "are", "be", "have", "an", "its", "but", "not", "were", "this", "which", "been",
    "had", "who", "will", "they", "would", "their", "after", "about"
])
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """``en``, or an honest BCP 47 tag for text that is not English: ``und-Cyrl``, ``und-Arab``, ``und-Hani``
    (a script, the language undetermined) or ``und-Latn`` (Latin letters, too few English words).

    It reads the letters of the first 20,000 characters: most of them in one non-Latin script names that
    script; in Latin script, English is told by its most frequent words (over a tenth of the words in
    news text; French, Spanish or German share few of them).
    """
    sample = text[:20000]
    counts: dict[str, int] = {}
    for ch in sample:
        if ch.isalpha():
            cp = ord(ch)
            script = next((name for low, high, name in _SCRIPTS if low <= cp <= high), "Zyyy")
            counts[script] = counts.get(script, 0) + 1
    letters = sum(counts.values())
    if not letters:
        return "und"
    script, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if script != "Latn" and n > letters / 2:
        return f"und-{script}"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 20:
        return "en"  # too few words to tell; the model will read what it can
    common = sum(w in _ENGLISH for w in words)
    return "en" if common / len(words) >= 0.08 else "und-Latn"


def published_problem(value: date, latest: date | None) -> str | None:
    """Why ``value`` cannot be a publication date (before 1800, or after ``latest``), or None."""
    if value < EARLIEST_PUBLISHED:
        return f"{value.isoformat()} is before {EARLIEST_PUBLISHED.year}"
    if latest is not None and value > latest:
        return f"{value.isoformat()} is after the day of the run ({latest.isoformat()})"
    return None


def parse(raw: RawDocument | Reject, *, min_chars: int = 40, default_published: date | None = None,
          default_basis: str = "command_line", latest_published: date | None = None,
          max_chars: int | None = None) -> Article | Reject:
    """Turn a raw item into an Article (or pass a Reject through / make one).

    A publication date before 1800 or after ``latest_published`` (the run
    passes the day after the run's day, so that no time zone is caught out)
    is a data error: the item is rejected with the date and the reason.
    """
    if isinstance(raw, Reject):
        return raw
    if raw.fmt == "html":
        got = _html(raw)
        if isinstance(got, Reject):
            return got
        meta, text = got
    elif raw.fmt == "txt":
        assert raw.text is not None
        meta, text = _front_matter(raw.text)
    else:
        meta = {k: v for k, v in raw.fields if v is not None}
        text = raw.text or ""
    if not text.strip():
        return Reject(source=raw.source, reason_code="empty", reason="The item has no text.",
                      input_sha256=sha256_text(text) if raw.fmt != "html" else None)
    if len(text.strip()) < min_chars:
        if raw.fmt == "html":
            return Reject(source=raw.source, reason_code="no_main_text",
                          reason=f"The HTML's main text has only {len(text.strip())} characters "
                                 "(navigation and boilerplate removed); no article found.",
                          input_sha256=sha256_text(raw.text or ""))
        return Reject(source=raw.source, reason_code="too_short",
                      reason=f"The text has {len(text.strip())} characters, fewer than ingest.min_chars={min_chars}.",
                      input_sha256=sha256_text(text))
    if max_chars is not None and len(text) > max_chars:
        return Reject(source=raw.source, reason_code="too_long",
                      reason=f"The text has {len(text):,} characters, more than nlp.max_chars={max_chars:,}: "
                             "too long for one article. Split it, or raise nlp.max_chars (parsing takes about "
                             "1 GB of memory per 300,000 characters).", input_sha256=sha256_text(text))
    language = (meta.get("language") or "").strip().lower() or detect_language(text)
    if language.split("-")[0] not in ("en", "eng"):
        return Reject(source=raw.source, reason_code="language",
                      reason=f"The text is not English (language {language!r}, "
                             f"{'from its metadata' if meta.get('language') else 'told from its letters and words'}); "
                             "the extractors read English only, so it is not extracted.",
                      input_sha256=sha256_text(text))
    published, precision = parse_published(meta.get("published"))
    given = (meta.get("published") or "").strip()
    if published is None and given:
        # A date the input states and we cannot read is not "no date": guessing one, or dropping it in
        # silence for the --published default, would misdate the article.
        how = ("is relative (it names no year), and resolving it against this machine's clock would date the "
               "same input differently on another day" if not _YEAR.search(given) else "cannot be read as a date")
        return Reject(source=raw.source, reason_code="bad_date",
                      reason=f"The publication date {given[:80]!r} {how}. Write it as YYYY-MM-DD in the input, "
                             "or leave it empty to use --published.", input_sha256=sha256_text(text))
    if published is not None and (problem := published_problem(published, latest_published)):
        return Reject(source=raw.source, reason_code="bad_date",
                      reason=f"The publication date {meta.get('published')!r} cannot be right: {problem}. "
                             "Fix it in the input.", input_sha256=sha256_text(text))
    basis = "metadata" if published else "none"
    if published is None and default_published is not None:
        published, precision, basis = default_published, "day", default_basis
    digest = sha256_text(text)
    return Article(
        article_id="a" + digest[:16], source=raw.source, text=text,
        url=meta.get("url"), publisher=meta.get("publisher"), title=meta.get("title"),
        byline=meta.get("byline") or meta.get("author"), published=published,
        published_precision=precision, published_basis=basis,
        language="en", text_sha256=digest,  # every article kept is English (others are rejects)
    )


def duplicate_reject(article: Article, first: Article) -> Reject:
    """The reject row for an article whose text was already read from another input."""
    return Reject(source=article.source, reason_code="duplicate",
                  reason=f"Same text as {first.source} (article {first.article_id}); kept once.",
                  input_sha256=article.text_sha256)


def reject_id(rej: Reject) -> str:
    """Deterministic id of a reject row."""
    return make_id("r", rej.source, rej.reason_code)
