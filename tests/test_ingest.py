"""Ingest: formats, metadata, and every kind of bad input as a reject with a reason."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from curation.errors import InputError
from curation.ingest import discover, parse, parse_published, read_inputs
from curation.records import Article, Reject

BODY = "The foreign ministers of France and Germany met in Berlin on Tuesday to discuss sanctions."


def _parse_all(paths: list[Path]) -> list[Article | Reject]:
    return [parse(item, min_chars=20) for item in read_inputs(discover(paths))]


def test_txt_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(f"---\ntitle: Ministers meet\nurl: https://example.org/a\npublisher: Example Wire\n"
                 f"published: 2024-03-14\n---\n{BODY}\n", encoding="utf-8")
    (art,) = _parse_all([p])
    assert isinstance(art, Article)
    assert (art.title, art.url, art.publisher) == ("Ministers meet", "https://example.org/a", "Example Wire")
    assert (art.published, art.published_precision, art.published_basis) == (date(2024, 3, 14), "day", "metadata")
    assert art.text == BODY + "\n"
    assert art.article_id == "a" + art.text_sha256[:16]


def test_txt_without_front_matter_uses_default_date(tmp_path: Path) -> None:
    p = tmp_path / "b.txt"
    p.write_text(BODY, encoding="utf-8")
    (item,) = read_inputs(discover([p]))
    art = parse(item, default_published=date(2025, 2, 13))
    assert isinstance(art, Article)
    assert art.published == date(2025, 2, 13) and art.published_basis == "command_line"
    assert art.text == BODY


def test_jsonl_keeps_known_fields_and_rejects_bad_lines(tmp_path: Path) -> None:
    good = {"url": "u", "title": "t", "publisher": "p", "published": "2023-05", "text": BODY, "section": "x"}
    p = tmp_path / "dump.jsonl"
    p.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "text": ""}) + "\n[1, 2]\n",
                 encoding="utf-8")
    got = _parse_all([p])
    assert isinstance(got[0], Article)
    assert got[0].published == date(2023, 5, 1) and got[0].published_precision == "month"
    assert [(r.source.rsplit("#", 1)[1], r.reason_code) for r in got[1:] if isinstance(r, Reject)] == [
        ("L2", "bad_json"), ("L3", "empty"), ("L4", "bad_record")]
    assert "Line 2 is not valid JSON" in got[1].reason  # type: ignore[union-attr]


def test_csv_missing_fields_are_null(tmp_path: Path) -> None:
    p = tmp_path / "feed.csv"
    p.write_text('title,text\n"Talks, again","' + BODY.replace("Berlin", 'Berlin ""today""') + '"\n',
                 encoding="utf-8")
    (art,) = _parse_all([p])
    assert isinstance(art, Article)
    assert art.title == "Talks, again" and art.url is None and art.published is None
    assert '"today"' in art.text


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", b"Caf\xe9 \xff\xfe\x80 broken text that is long enough to pass", "undecodable"),
        ("short.txt", b"Too short.", "too_short"),
        ("page.html", b"<html><body><nav><a href='/'>Home</a></nav><footer>(c)</footer></body></html>",
         "no_main_text"),
        ("notes.md", b"# not an article", "unsupported"),
    ],
)
def test_bad_inputs_become_rejects(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    (rej,) = _parse_all([p])
    assert isinstance(rej, Reject)
    assert rej.reason_code == code
    assert rej.reason  # a sentence a person can act on


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Site</title><meta property='og:title' content='Ministers meet'>"
        "<meta property='article:published_time' content='2023-06-02T09:30:00Z'>"
        "<link rel='canonical' href='https://example.net/a'><meta property='og:site_name' content='Example'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><h1>Ministers meet</h1>"
        f"<p>{BODY}</p><p>Officials said the talks would continue next week in Paris.</p></article>"
        "<footer>Copyright Example</footer></body></html>", encoding="utf-8")
    (art,) = _parse_all([p])
    assert isinstance(art, Article)
    assert art.published == date(2023, 6, 2) and art.url == "https://example.net/a"
    assert BODY in art.text and "Copyright" not in art.text and "World" not in art.text


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="E010"):
        discover([tmp_path / "nope"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-03-14", (date(2024, 3, 14), "day")), ("2024-03", (date(2024, 3, 1), "month")),
     ("2024", (date(2024, 1, 1), "year")), ("2024-03-14T09:30:00Z", (date(2024, 3, 14), "day")),
     ("14 March 2024", (date(2024, 3, 14), "day")), ("soon", (None, None)), ("", (None, None)),
     ("2024-13-40", (None, None))],
)
def test_parse_published(value: str, expected: tuple[date | None, str | None]) -> None:
    assert parse_published(value) == expected
