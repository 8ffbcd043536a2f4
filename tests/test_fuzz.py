"""Issue 17, the property-based and fuzz layer: invariants that hold for any input, not for chosen ones.

Inputs of every supported format are generated with random text (control
characters, bidi marks, lone surrogates, NUL), random bytes, encodings
(UTF-8 with and without BOM, UTF-16, Latin-1), nesting, sizes and dates (year 1 to
9999, relative and garbage dates). The invariants:

- reading: every input file becomes articles or rejects (none missing from
  both), every reject has a declared code and a reason, no article holds
  text a Parquet file or a terminal cannot take, and the rows build and write;
- a run: it finishes, or stops with a coded error leaving the previous
  dataset intact; a finished run accounts for every input, its dataset loads
  verified and re-validates; a run failing at any step (a full disk, an
  interrupt) leaves the previous dataset and no staging folder, and the next
  run writes the new one;
- timelines: hostile names and dates at the calendar's ends render in every
  format, the csv reads back as written and starts no formula, the table
  sends no control character to the terminal;
- the cache: random bytes and forged structures are a miss, never an error.

Examples are bounded and derandomized (the same examples on every run, so CI
is stable); ``HYPOTHESIS_PROFILE=explore`` runs twenty times as many, random ones.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import shutil
import tempfile
import unicodedata
import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import curation
from curation.errors import CurationError
from curation.ingest import discover, parse, read_inputs, reject_id
from curation.records import Article, Reject
from curation.tables import build_table, record_row
from curation.write import MANIFEST, STAGING_PREFIX
from schemas import TABLES
from tests.test_hostile_input import STORY

settings.register_profile("ci", derandomize=True, deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("debug", parent=settings.get_profile("ci"), phases=[Phase.explicit, Phase.generate])
settings.register_profile("explore", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """``n`` examples in the test command; twenty times as many, random ones, when exploring."""
    return n * 20 if PROFILE == "explore" else n

REJECT_CODES = set(next(c for c in TABLES["rejects"].columns if c.name == "reason_code").allowed or ())
TODAY = date.today()
LATEST = TODAY + timedelta(days=1)

# ---------------------------------------------------------------- strategies

HOSTILE = ["\x00", "\x1b[2J", "\x1b]0;t\x07", "\u202e", "\u2066", "\ud800", "\udfff", "\r", "\r\n", "\x0c",
           "\ufeff", "\x85", "\u2028", "=", "+", "@", "-", "'", '"', ",", "<", ">", "&", "\\", "{", "}", "#", "---"]

chars = st.one_of(st.characters(), st.sampled_from([h for h in HOSTILE if len(h) == 1]))
words = st.sampled_from(["Russia", "Ukraine", "attacked", "said", "on", "Monday", "the", "talks", "in", "Paris",
                         "2022", "ministers", "met", "protest", "and", "."])
hostile_text = st.lists(st.one_of(words, st.text(chars, max_size=12), st.sampled_from(HOSTILE)), max_size=60).map(
    " ".join)
prose = st.lists(words, min_size=5, max_size=80).map(" ".join)
dates = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["yesterday", "last Friday", "2024", "2024-02-30", "0000-01-01", "March 2021", "", "garbage",
                     "2024-03-04T10:00:00+05:00", "1799-12-31", "9999-12-31"]),
    st.text(chars, max_size=20),
)
value = st.one_of(hostile_text, st.booleans(), st.integers(), st.floats(), st.none(), st.just(STORY),
                  st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@st.composite
def txt_file(draw: st.DrawFn) -> str:
    head = ""
    if draw(st.booleans()):
        keys = draw(st.dictionaries(st.sampled_from(["title", "published", "publisher", "url", "language", "x"]),
                                    st.one_of(dates, hostile_text), max_size=5))
        nl = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        head = nl.join(["---", *(f"{k}: {v}" for k, v in keys.items()), "---", ""])
    return head + draw(st.one_of(prose, hostile_text, st.just(STORY)))


@st.composite
def html_file(draw: st.DrawFn) -> str:
    depth = draw(st.one_of(st.integers(0, 5), st.integers(250, 400)))
    body = draw(st.one_of(prose, hostile_text, st.just(STORY)))
    title = draw(hostile_text)
    return (f"<html><head><title>{title}</title></head><body>" + "<div>" * depth + f"<p>{body}</p>"
            + "</div>" * draw(st.integers(0, depth)) + "</body></html>")


@st.composite
def jsonl_file(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["record", "record", "deep", "garbage", "blank", "array"]))
        if kind == "record":
            rec = draw(st.dictionaries(st.sampled_from(["url", "title", "publisher", "published", "text", "extra"]),
                                       value, max_size=6))
            if draw(st.booleans()):
                rec["published"] = draw(dates)
            lines.append(json.dumps(rec, ensure_ascii=draw(st.booleans())))
        elif kind == "deep":
            n = draw(st.integers(500, 5000))
            lines.append("[" * n + "]" * n)
        elif kind == "garbage":
            lines.append(draw(hostile_text))
        elif kind == "array":
            lines.append(json.dumps([draw(prose)]))
        else:
            lines.append("   ")
    return "\n".join(lines)


@st.composite
def csv_file(draw: st.DrawFn) -> str:
    buf = io.StringIO()
    header = draw(st.sampled_from([["url", "title", "publisher", "published", "text"], ["title", "body"],
                                   ["text"], []]))
    writer = csv.writer(buf)
    if header:
        writer.writerow(header)
    for _ in range(draw(st.integers(0, 3))):
        row = [draw(st.one_of(hostile_text, dates, prose)) for _ in header]
        if row and draw(st.integers(0, 9)) == 0:
            row[-1] = "x" * 140_000  # past the csv module's default field limit
        if draw(st.integers(0, 5)) == 0:
            row.append("one cell too many")
        writer.writerow(row)
    text = buf.getvalue()
    if draw(st.integers(0, 5)) == 0:
        text += '"an unterminated quote\n'
    return text


def encode(draw: st.DrawFn, text: str) -> bytes:
    how = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1", "raw"]))
    if how == "raw":
        return draw(st.binary(max_size=200))
    data = text.encode(how if how != "latin-1" else "latin-1", errors="surrogatepass" if how.startswith("utf-8")
                       else "replace")
    if data and draw(st.integers(0, 4)) == 0:  # a stray byte somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at:]
    return data


@st.composite
def input_file(draw: st.DrawFn) -> tuple[str, bytes]:
    fmt = draw(st.sampled_from(["txt", "html", "htm", "jsonl", "csv", "md"]))
    make = {"txt": txt_file, "md": txt_file, "html": html_file, "htm": html_file, "jsonl": jsonl_file,
            "csv": csv_file}[fmt]
    return fmt, encode(draw, draw(make()))


@contextlib.contextmanager
def folder_of(files: list[tuple[str, bytes]]) -> Iterator[tuple[Path, list[str]]]:
    """A temporary input folder holding ``files`` (as ``f0.txt``, ``f1.csv``...) and their names."""
    with tempfile.TemporaryDirectory(prefix="curation-fuzz-") as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        names = []
        for i, (fmt, data) in enumerate(files):
            (root / f"f{i}.{fmt}").write_bytes(data)
            names.append(f"f{i}.{fmt}")
        yield root, names


def _file_of(source: str) -> str:
    return source.split("#", 1)[0].rsplit("/", 1)[-1]


def _printable(text: str | None) -> bool:
    return text is None or not any(unicodedata.category(ch) == "Cs" or ch == "\x00" for ch in text)


# ---------------------------------------------------------------- reading

@settings(max_examples=examples(150))
@given(files=st.lists(input_file(), min_size=1, max_size=4))
def test_every_input_becomes_articles_or_rejects_whose_rows_write(files: list[tuple[str, bytes]]) -> None:
    import pyarrow.parquet as pq

    with folder_of(files) as (root, names):
        items = [parse(raw, latest_published=LATEST, max_chars=300_000) for raw in read_inputs(discover([root]))]
    assert {_file_of(i.source) for i in items} == set(names)  # no input missing from both
    articles = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    for r in rejects:
        assert r.reason_code in REJECT_CODES and r.reason.strip(), r
        assert _printable(r.reason) and _printable(r.source)
    for a in articles:
        assert a.text.strip() and _printable(a.text) and _printable(a.title) and _printable(a.publisher)
        assert a.published is None or date(1800, 1, 1) <= a.published <= LATEST, a.published
        assert a.language == "en"
    # The rows build and write as the run builds and writes them (the surrogate crash was at the write).
    rows = [record_row(a, n_chars=len(a.text), n_words=max(len(a.text.split()), 1), n_excluded_chars=0)
            for a in articles]
    for name, table_rows in (("articles", rows), ("rejects", [record_row(r, reject_id=reject_id(r))
                                                              for r in rejects])):
        pq.write_table(build_table(name, table_rows), io.BytesIO())


# ---------------------------------------------------------------- whole runs

FAIL_AT = [None, None, "tables", "validate", "commit", "interrupt"]


@pytest.fixture(scope="module")
def previous_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset from one plain article: the 'previous dataset' every fuzzed run is written over."""
    from curation.pipeline import run

    inputs = tmp_path_factory.mktemp("prev-in")
    (inputs / "story.txt").write_text(f"---\npublished: 2024-03-04\ntitle: Strikes\n---\n{STORY}\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("prev") / "ds"
    run([inputs], out, progress=False, cache=False)
    return out


@settings(max_examples=examples(8), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
@given(files=st.lists(input_file(), min_size=1, max_size=3), fail_at=st.sampled_from(FAIL_AT))
def test_a_run_over_fuzzed_inputs_keeps_its_invariants(previous_dataset: Path, files: list[tuple[str, bytes]],
                                                       fail_at: str | None) -> None:
    import errno

    from curation import pipeline
    from curation.validate import validate_dataset

    files = [("txt", f"---\npublished: 2024-03-05\n---\n{STORY}\n".encode()), *files]
    with folder_of(files) as (root, names), tempfile.TemporaryDirectory(prefix="curation-fuzz-out-") as tmp:
        out = Path(tmp) / "ds"
        shutil.copytree(previous_dataset, out)
        before = (out / MANIFEST).read_bytes()
        if fail_at is not None:
            target = {"tables": "_finish_tables", "validate": "_validate_reusing", "commit": "commit_staging",
                      "interrupt": "_validate_reusing"}[fail_at]
            exc: BaseException = (KeyboardInterrupt() if fail_at == "interrupt"
                                  else OSError(errno.ENOSPC, "No space left on device"))

            def fail(*args: Any, **kwargs: Any) -> None:
                raise exc

            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(pipeline, target, fail)
                with pytest.raises((CurationError, KeyboardInterrupt)):
                    pipeline.run([root], out, progress=False, cache=False)
            assert (out / MANIFEST).read_bytes() == before  # the previous dataset, intact
            assert not [p for p in Path(tmp).iterdir() if p.name.startswith(STAGING_PREFIX)]
            curation.load(out)  # and complete
        try:
            pipeline.run([root], out, progress=False, cache=False)
        except CurationError:  # a coded stop is allowed; a traceback is not, and the old dataset stays
            assert (out / MANIFEST).read_bytes() == before
            return
        ds = curation.load(out)  # verified against its manifest
        seen = {_file_of(s) for s in [*ds["articles"]["source"], *ds["rejects"]["source"]]}
        assert seen == set(names), set(names) ^ seen
        result = validate_dataset(out)
        assert result.success, [c.name for c in result.checks if c.blocking and not c.success]
        assert not [p for p in Path(tmp).iterdir() if p.name.startswith(STAGING_PREFIX)]


# ---------------------------------------------------------------- timelines

safe_chars = st.characters(exclude_categories=["Cs"])  # a dataset holds no lone surrogate (ingest rejects them)
names = st.one_of(st.text(st.one_of(safe_chars, st.sampled_from([h for h in HOSTILE
                                                                 if len(h) == 1 and h not in "\ud800\udfff"])),
                          min_size=1, max_size=30),
                  st.sampled_from(['=HYPERLINK("x")', "+1", "-cmd", "@SUM(A1)", "'quoted", "\x1b[2J"]))
event_dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@settings(max_examples=examples(25))
@given(publisher=names, title=names, actor=names, d0=event_dates, span=st.integers(0, 4000),
       precision=st.sampled_from(["day", "week", "month", "quarter", "year", "decade", "century", None]))
def test_timelines_of_hostile_rows_render_read_back_and_stay_inert(publisher: str, title: str, actor: str,
                                                                    d0: date, span: int,
                                                                    precision: str | None) -> None:
    from curation.timelines import FORMATS, read_csv, render, timeline, to_csv
    from tests import timeline_fixture
    from tests.timeline_fixture import write_fixture

    d1 = d0 if precision == "day" else min(d0 + timedelta(days=min(span, (date.max - d0).days)), date.max)
    event = ("fuzz", "harbor", "Artillery attacked the town at dawn.", "attacked", "ASSAULT", "RUS-MIL", "UKR",
             d0, d1, precision, "actual", "asserted", 0.9, 1)
    actors = [(a, actor if a == "UKR" else n, *rest) for a, n, *rest in timeline_fixture.ACTORS]
    with tempfile.TemporaryDirectory(prefix="curation-fuzz-tl-") as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setattr(timeline_fixture, "ACTORS", actors)
        ds = write_fixture(Path(tmp) / "ds", extra_events=[event],
                           article_overrides={"harbor": (date(2022, 3, 2), publisher, title, None)})
        df = timeline(ds)
        for fmt in FORMATS:
            assert render(df, fmt)
    table = render(df, "table").decode("utf-8")
    assert not [ch for ch in table if ch not in "\n" and unicodedata.category(ch) in ("Cc", "Cf")]
    text = to_csv(df)
    cells = [c for row in list(csv.reader(io.StringIO(text, newline="")))[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    back = read_csv(io.StringIO(text))
    mine = back[back["event_type"].eq("ASSAULT") & back["date"].astype(str).str.startswith(f"{d0.year:04d}")]
    if len(df[df["publisher"].eq(publisher)]):
        assert publisher in set(back["publisher"]) and title in set(back["title"])
    assert len(back) == len(df) and len(mine) >= 1


# ---------------------------------------------------------------- the cache

@settings(max_examples=examples(200))
@given(data=st.one_of(st.binary(max_size=300), st.binary().map(zlib.compress)))
def test_random_cache_bytes_are_a_miss(data: bytes) -> None:
    from curation.cache import _unpack

    _plain(_unpack(data))  # no exception: a miss (None) or plain values


def _plain(v: Any) -> None:
    """Assert ``v`` holds only JSON-like values, dates, bytes and the curator's own record classes."""
    import dataclasses

    from curation import records

    allowed = {c for c in vars(records).values() if isinstance(c, type) and dataclasses.is_dataclass(c)}
    if isinstance(v, (list, tuple)):
        for x in v:
            _plain(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            _plain(k)
            _plain(x)
    else:
        assert v is None or isinstance(v, (bool, int, float, str, bytes, date)) or type(v) in allowed, type(v)


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                     st.text(max_size=10)),
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.sampled_from(["$r", "$d", "$t", "$m", "$b",
                                                                                    "$f", "t", "v", "f", "x"]),
                                                                   inner, max_size=4)),
                           max_leaves=20)


@settings(max_examples=examples(300))
@given(value=json_values)
def test_forged_cache_structures_decode_only_to_plain_values_or_records(value: Any) -> None:
    import zlib

    from curation.cache import _unpack

    _plain(_unpack(zlib.compress(json.dumps(value).encode("utf-8"))))


def test_the_fuzz_strategies_reach_every_format_and_attack() -> None:
    """The strategies above produce what the docstring promises (a guard against a strategy that silently
    narrows): every format, BOM and UTF-16 encodings, deep nesting, lone surrogates."""
    seen: set[str] = set()

    @settings(max_examples=300, derandomize=True, database=None)
    @given(f=input_file())
    def collect(f: tuple[str, bytes]) -> None:
        fmt, data = f
        seen.add(fmt)
        if data.startswith(codecs.BOM_UTF8):
            seen.add("bom")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            seen.add("utf-16")
        if b"[[[[[[[[[[[[[[[[" in data:
            seen.add("deep")
        if b"\xed\xa0\x80" in data or b"\xed\xbf\xbf" in data:
            seen.add("surrogate")

    collect()
    assert {"txt", "html", "htm", "jsonl", "csv", "md", "bom", "utf-16", "deep", "surrogate"} <= seen, seen
