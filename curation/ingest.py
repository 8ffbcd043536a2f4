"""Ingest: find input files, read them, and turn each item into an Article or a Reject.

This is one of the two stages that touch files (with ``write``). Reading is
split from parsing: :func:`read_inputs` does the I/O and yields raw items in a
deterministic order; :func:`parse` is a pure function from a raw item to an
:class:`~curation.records.Article` or a :class:`~curation.records.Reject`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from curation.errors import Errors, InputError
from curation.ids import make_id, sha256_text
from curation.records import Article, RawDocument, Reject

SUPPORTED = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv"}
DUMP_FIELDS = ("url", "title", "publisher", "published", "text")
FRONT_MATTER_KEYS = ("title", "url", "publisher", "published", "byline", "author", "language")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<head>.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_FM_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
# Bytes that never occur in text files: NUL and most C0 controls.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file found among the inputs, with the path as it will be recorded."""

    path: Path
    label: str  # path as recorded in `source`: relative to the input given, prefixed by it


def discover(inputs: Sequence[str | Path]) -> list[InputFile]:
    """All files under ``inputs`` (files or folders, recursive), in a stable order.

    Hidden files and folders (starting with ".") are skipped, as version
    control and editors keep theirs there. Unsupported extensions are kept so
    that they become rejects rather than vanish.
    """
    found: dict[str, InputFile] = {}
    for given in inputs:
        root = Path(given)
        if not root.exists():
            raise InputError(Errors.E010.format(path=root))
        if root.is_file():
            found.setdefault(str(root), InputFile(root, str(given)))
            continue
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root)
            if any(part.startswith(".") for part in rel.parts) or not p.is_file():
                continue
            label = str(Path(given) / rel)
            found.setdefault(label, InputFile(p, label))
    if not found:
        raise InputError(Errors.E011.format(paths=", ".join(map(str, inputs))))
    return [found[k] for k in sorted(found)]


def _reject(source: str, code: str, reason: str, data: bytes | None) -> Reject:
    return Reject(source=source, reason_code=code, reason=reason,
                  input_sha256=hashlib.sha256(data).hexdigest() if data is not None else None)


def _decode(label: str, data: bytes) -> str | Reject:
    if not data.strip():
        return _reject(label, "empty", "The file is empty or holds only white space.", data)
    if _BINARY_BYTES.search(data[:65536]):
        return _reject(label, "binary", "The file holds binary data (control bytes), not text.", data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _reject(label, "undecodable",
                       f"The file is not valid UTF-8 (byte {exc.start}); re-encode it as UTF-8.", data)


def read_inputs(files: Iterable[InputFile]) -> Iterator[RawDocument | Reject]:
    """Read each file and yield its raw items (one per file, one per record of a dump)."""
    for f in files:
        fmt = SUPPORTED.get(f.path.suffix.lower())
        if fmt is None:
            yield Reject(source=f.label, reason_code="unsupported",
                         reason=f"Extension '{f.path.suffix}' is not an article format "
                                "(.txt, .html, .htm, .jsonl, .csv).",
                         input_sha256=None)
            continue
        try:
            data = f.path.read_bytes()
        except OSError as exc:
            yield Reject(source=f.label, reason_code="unreadable", reason=f"Cannot read the file: {exc}.")
            continue
        text = _decode(f.label, data)
        if isinstance(text, Reject):
            yield text
            continue
        if fmt in ("txt", "html"):
            yield RawDocument(source=f.label, fmt=fmt, text=text)
        elif fmt == "jsonl":
            yield from _jsonl_records(f.label, text)
        else:
            yield from _csv_records(f.label, text)


def _record(source: str, fmt: str, obj: dict[str, object]) -> RawDocument | Reject:
    fields: list[tuple[str, str | None]] = []
    for key in DUMP_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str | int | float):
            return Reject(source=source, reason_code="bad_record",
                          reason=f"Field '{key}' must be a string, got {type(value).__name__}.",
                          input_sha256=sha256_text(json.dumps(obj, sort_keys=True, default=str)))
        fields.append((key, None if value in (None, "") else str(value)))
    text = dict(fields).pop("text", None)
    return RawDocument(source=source, fmt=fmt, text=text,
                       fields=tuple((k, v) for k, v in fields if k != "text"))


def _jsonl_records(label: str, text: str) -> Iterator[RawDocument | Reject]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{label}#L{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(source=source, reason_code="bad_json",
                         reason=f"Line {n} is not valid JSON ({exc.msg} at column {exc.colno}).",
                         input_sha256=sha256_text(line))
            continue
        if not isinstance(obj, dict):
            yield Reject(source=source, reason_code="bad_record",
                         reason=f"Line {n} is JSON but not an object with url, title, publisher, published, text.",
                         input_sha256=sha256_text(line))
            continue
        yield _record(source, "jsonl", obj)


def _csv_records(label: str, text: str) -> Iterator[RawDocument | Reject]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield Reject(source=label, reason_code="bad_record",
                     reason="The CSV has no 'text' column; expected url,title,publisher,published,text.",
                     input_sha256=sha256_text(text))
        return
    try:
        for n, row in enumerate(reader, start=1):
            if None in row:  # more cells than header columns
                yield Reject(source=f"{label}#R{n}", reason_code="bad_record",
                             reason=f"Row {n} has more cells than the header.", input_sha256=None)
                continue
            yield _record(f"{label}#R{n}", "csv", dict(row))
    except csv.Error as exc:
        yield Reject(source=f"{label}#R{reader.line_num}", reason_code="bad_record",
                     reason=f"The CSV cannot be parsed past line {reader.line_num}: {exc}.", input_sha256=None)


# --- parsing (pure) -------------------------------------------------------

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
            meta[lm.group("key").lower()] = lm.group("value").strip().strip("\"'")
    return meta, text[m.end():]


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


def parse(raw: RawDocument | Reject, *, min_chars: int = 40, default_published: date | None = None,
          default_basis: str = "command_line") -> Article | Reject:
    """Turn a raw item into an Article (or pass a Reject through / make one)."""
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
    published, precision = parse_published(meta.get("published"))
    basis = "metadata" if published else "none"
    if published is None and default_published is not None:
        published, precision, basis = default_published, "day", default_basis
    digest = sha256_text(text)
    return Article(
        article_id="a" + digest[:16], source=raw.source, text=text,
        url=meta.get("url"), publisher=meta.get("publisher"), title=meta.get("title"),
        byline=meta.get("byline") or meta.get("author"), published=published,
        published_precision=precision, published_basis=basis,
        language=meta.get("language") or "en", text_sha256=digest,
    )


def duplicate_reject(article: Article, first: Article) -> Reject:
    """The reject row for an article whose text was already read from another input."""
    return Reject(source=article.source, reason_code="duplicate",
                  reason=f"Same text as {first.source} (article {first.article_id}); kept once.",
                  input_sha256=article.text_sha256)


def reject_id(rej: Reject) -> str:
    """Deterministic id of a reject row."""
    return make_id("r", rej.source, rej.reason_code)
