"""Issue 17, the inputs: every hostile input becomes an article or a reject with its reason, and none of
them stops the run. Inputs are generated here, one per attack of the hostile-input test."""

from __future__ import annotations

import codecs
import json
import os
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import curation
from curation.config import load_config
from curation.errors import ConfigError, InputError
from curation.ingest import discover, parse, read_inputs
from curation.pipeline import run
from curation.records import Article, Reject

STORY = ("Russian forces shelled Kharkiv on Monday, regional officials said, and Ukraine's foreign minister "
         "condemned the attack in a statement. The United Nations called for restraint.")


def _txt(published: str = "2024-03-04", text: str = STORY, nl: str = "\n") -> str:
    return nl.join(["---", f"published: {published}", "title: Strikes", "---", text, ""])


def _items(*paths: Path, **kw: object) -> list[Article | Reject]:
    follow = bool(kw.pop("follow_symlinks", False))
    return [parse(item, **kw) for item in read_inputs(discover(list(paths), follow_symlinks=follow))]  # type: ignore[arg-type]


def _by_source(items: list[Article | Reject]) -> dict[str, Article | Reject]:
    return {i.source.rsplit("/", 1)[-1]: i for i in items}


# --- 4: a CSV field longer than the csv module's limit -----------------------------------------------

def test_a_huge_csv_field_loses_no_row(tmp_path: Path) -> None:
    long_text = STORY + " " + "The talks went on into the night. " * 6000  # about 200,000 characters
    rows = ["url,title,publisher,published,text",
            f'u1,First,P,2024-01-01,"{STORY}"', f'u2,Long,P,2024-01-02,"{long_text}"',
            f'u3,Third,P,2024-01-03,"{STORY} Again."']
    (tmp_path / "feed.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = _items(tmp_path / "feed.csv", max_chars=300_000)
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Article"]
    assert len(items[1].text) > 131_072  # type: ignore[union-attr]


# --- 5, 11: folders that cannot be listed, symlinks, pipes ----------------------------------------------

def test_unreadable_folder_is_a_reject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text(_txt(), encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden-from-us.txt").write_text(_txt(), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object) -> Iterator[os.DirEntry[str]]:
        if Path(str(path)) == locked:  # as a non-root user meets a folder of mode 000
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    items = _by_source(_items(tmp_path))
    rej = items["locked"]
    assert isinstance(rej, Reject) and rej.reason_code == "unreadable" and "Permission denied" in rej.reason
    assert isinstance(items["ok.txt"], Article)


def test_symlinks_inside_the_inputs_are_followed_and_others_are_rejects(tmp_path: Path) -> None:
    inputs, outside = tmp_path / "in", tmp_path / "outside"
    (inputs / "real").mkdir(parents=True)
    outside.mkdir()
    (inputs / "real" / "a.txt").write_text(_txt(), encoding="utf-8")
    (outside / "secret.txt").write_text(_txt(text=STORY + " Secret."), encoding="utf-8")
    (inputs / "linked-folder").symlink_to(inputs / "real", target_is_directory=True)
    (inputs / "to-system-file.txt").symlink_to(outside / "secret.txt")
    (inputs / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(inputs / "pipe.txt")
    items = {i.source.removeprefix(str(inputs) + "/"): i for i in _items(inputs)}
    assert isinstance(items["real/a.txt"], Article)
    # A link to a folder of the inputs is that folder: its files are read once, under their own names.
    assert not any(k.startswith("linked-folder") for k in items)
    out_link = items["to-system-file.txt"]
    assert isinstance(out_link, Reject) and out_link.reason_code == "symlink" and "--follow-symlinks" in out_link.reason
    dangling = items["dangling.txt"]
    assert isinstance(dangling, Reject) and dangling.reason_code == "symlink" and "does not exist" in dangling.reason
    pipe = items["pipe.txt"]
    assert isinstance(pipe, Reject) and "not a regular file" in pipe.reason.lower()
    followed = {i.source.removeprefix(str(inputs) + "/"): i for i in _items(inputs, follow_symlinks=True)}
    assert isinstance(followed["to-system-file.txt"], Article)


def test_a_symlinked_sub_folder_is_read(tmp_path: Path) -> None:
    inputs, elsewhere = tmp_path / "in", tmp_path / "in" / "archive"
    elsewhere.mkdir(parents=True)
    (elsewhere / "b.txt").write_text(_txt(), encoding="utf-8")
    top = tmp_path / "top"
    top.mkdir()
    (top / "archive-link").symlink_to(elsewhere, target_is_directory=True)
    items = _items(top, inputs)
    assert sum(isinstance(i, Article) for i in items) == 1  # the link and its target are one folder, read once


# --- 6, 7, 19: hostile JSON Lines records ------------------------------------------------------------------

def test_hostile_jsonl_records_are_rejects_and_the_rest_is_read(tmp_path: Path) -> None:
    good = {"title": "Fine", "published": "2024-01-01", "text": STORY}
    lines = [
        json.dumps(good),
        "[" * 100_000 + "]" * 100_000,  # nested a hundred thousand deep
        json.dumps({**good, "text": STORY + " \ud800"}),  # a lone surrogate, as the escape \\ud800
        json.dumps({**good, "title": "\ud83d"}),
        json.dumps({**good, "text": True}),
        '{"title": "n", "published": "2024-01-01", "text": NaN}',
        json.dumps({**good, "publisher": "\u001b[2J\u001b[3J"}),  # escapes the file-level binary check misses
        json.dumps({**good, "text": STORY + " Last."}),
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _items(tmp_path / "dump.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", *["Reject"] * 6, "Article"]
    reasons = [i.reason for i in items if isinstance(i, Reject)]
    assert "nests JSON too deeply" in reasons[0]
    assert "lone surrogate U+D800" in reasons[1] and "lone surrogate U+D83D" in reasons[2]
    assert "boolean" in reasons[3] and "nan" in reasons[4].lower()
    assert "control character U+001B" in reasons[5]


def test_a_jsonl_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    record = json.dumps({"title": "T", "published": "2024-01-01", "text": STORY * 2})
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(60_000):  # about 30 MB
            fh.write(record + "\n")
    tracemalloc.start()
    n = sum(1 for _ in read_inputs(discover([path])))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert n == 60_000
    assert peak < 8 * 1024 * 1024, f"reading held {peak / 1e6:.1f} MB"


# --- 9, 18, 19: publication dates --------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "why"), [("0001-01-01", "before 1800"), ("9999-12-31", "after the day"),
                                            ("2099-06-01", "after the day")])
def test_impossible_publication_dates_are_rejects(tmp_path: Path, value: str, why: str) -> None:
    (tmp_path / "a.txt").write_text(_txt(value), encoding="utf-8")
    (item,) = _items(tmp_path / "a.txt", latest_published=date(2026, 12, 6))
    assert isinstance(item, Reject) and item.reason_code == "bad_date" and why in item.reason


def test_a_relative_publication_date_is_not_resolved_against_the_clock(tmp_path: Path) -> None:
    for value in ("yesterday", "3 days ago", "Friday"):
        (tmp_path / "a.txt").write_text(_txt(value), encoding="utf-8")
        (item,) = _items(tmp_path / "a.txt", default_published=date(2024, 5, 1))
        assert isinstance(item, Reject) and item.reason_code == "bad_date" and "relative" in item.reason
    (tmp_path / "a.txt").write_text(_txt("sometime in 2024-ish"), encoding="utf-8")
    (item,) = _items(tmp_path / "a.txt")
    assert isinstance(item, Reject) and "cannot be read as a date" in item.reason
    (tmp_path / "a.txt").write_text(_txt(""), encoding="utf-8")  # no date at all: the --published default
    (item,) = _items(tmp_path / "a.txt", default_published=date(2024, 5, 1))
    assert isinstance(item, Article) and item.published == date(2024, 5, 1)


def test_a_run_refuses_an_impossible_default_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(_txt(), encoding="utf-8")
    with pytest.raises(InputError, match="E013"):
        run([tmp_path / "a.txt"], tmp_path / "ds", published=date(9999, 12, 31), progress=False)


def test_config_values_that_cannot_be_used_are_errors(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[ingest]\ndefault_published = "garbage"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"ingest\.default_published"):
        load_config(cfg)
    cfg.write_text("[events]\nmin_confidence = 7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"events\.min_confidence"):
        load_config(cfg)
    cfg.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(ConfigError, match="E005"):
        load_config(cfg)


# --- 19: languages the extractors do not read ------------------------------------------------------------

@pytest.mark.parametrize(("text", "tag"), [
    ("Президент России заявил во вторник, что переговоры с Украиной продолжатся на следующей неделе в Стамбуле.",
     "und-Cyrl"),
    ("وقال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة بحضور ممثلين عن الجانبين.", "und-Arab"),
    ("外交部发言人周二表示，双方将于下周在北京举行新一轮会谈，讨论贸易和安全问题。外交部发言人周二表示。", "und-Hani"),
    ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la "
     "sécheresse, et les syndicats seront reçus à Paris la semaine prochaine pour discuter de la réforme.", "und-Latn"),
])
def test_text_that_is_not_english_is_a_reject_naming_its_script(tmp_path: Path, text: str, tag: str) -> None:
    (tmp_path / "a.txt").write_text(_txt(text=text), encoding="utf-8")
    (item,) = _items(tmp_path / "a.txt", min_chars=20)
    assert isinstance(item, Reject) and item.reason_code == "language" and repr(tag) in item.reason


def test_metadata_language_is_believed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\nlanguage: fr\npublished: 2024-01-01\n---\n" + STORY, encoding="utf-8")
    (item,) = _items(tmp_path / "a.txt")
    assert isinstance(item, Reject) and item.reason_code == "language" and "from its metadata" in item.reason


# --- 16: texts too long for one article ---------------------------------------------------------------------

def test_a_text_over_max_chars_is_a_reject_before_parsing(tmp_path: Path) -> None:
    (tmp_path / "book.txt").write_text(_txt(text=STORY * 40), encoding="utf-8")
    (item,) = _items(tmp_path / "book.txt", max_chars=5000)
    assert isinstance(item, Reject) and item.reason_code == "too_long" and "nlp.max_chars=5,000" in item.reason


# --- 24: line ends, late NUL bytes, UTF-16, deep HTML ---------------------------------------------------

def test_classic_mac_line_ends_keep_their_front_matter(tmp_path: Path) -> None:
    (tmp_path / "mac.txt").write_text(_txt(nl="\r"), encoding="utf-8", newline="")
    (item,) = _items(tmp_path / "mac.txt")
    assert isinstance(item, Article) and item.published == date(2024, 3, 4) and item.title == "Strikes"


def test_a_nul_byte_anywhere_makes_binary(tmp_path: Path) -> None:
    (tmp_path / "late.txt").write_bytes(_txt(text=STORY + " x" * 40_000).encode() + b"\x00tail")
    (item,) = _items(tmp_path / "late.txt", max_chars=300_000)
    assert isinstance(item, Reject) and item.reason_code == "binary" and "0x00" in item.reason


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_its_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    (tmp_path / "win.txt").write_bytes(bom + _txt().encode(encoding))
    (item,) = _items(tmp_path / "win.txt")
    assert isinstance(item, Article) and item.text.startswith("Russian forces")


@pytest.mark.parametrize("depth", [300, 5000])
def test_html_nested_past_lxmls_limit_keeps_its_text(tmp_path: Path, depth: int) -> None:
    page = ("<html><head><title>t</title><script>var leak = 1;</script></head><body><nav>Home | News</nav>"
            + "<div>" * depth + f"<p>{STORY}</p>" + "</div>" * depth + "</body></html>")
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    (item,) = _items(tmp_path / "deep.html")
    assert isinstance(item, Article) and item.text == STORY


# --- 8, 20 and the invariant: a whole run over hostile inputs ------------------------------------------------

def test_a_run_over_hostile_inputs_accounts_for_every_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(_txt(), encoding="utf-8")
    (Path(os.fsencode(inputs) .decode()) / os.fsdecode(b"caf\xe9-latin1-name.txt")).write_text(
        _txt(text=STORY + " Name."), encoding="utf-8")
    (inputs / "dump.jsonl").write_text(json.dumps({"title": "\ud800", "text": STORY}) + "\n", encoding="utf-8")
    (inputs / "future.txt").write_text(_txt("9999-12-31", STORY + " Future."), encoding="utf-8")
    out = inputs / "dataset"  # the output inside the input folder
    run([inputs], out, progress=False, workers=1)
    run([inputs], out, progress=False, workers=1)  # the second run must not read the first one's files
    ds = curation.load(out)
    sources = set(ds.articles["source"]) | set(ds.rejects["source"])
    assert any(s.endswith("caf\\xe9-latin1-name.txt") for s in set(ds.articles["source"]))
    assert not any("/dataset/" in s for s in sources)
    assert len(sources) == 4
    reasons = dict(zip(ds.rejects["source"].str.rsplit("/", n=1).str[-1], ds.rejects["reason_code"], strict=True))
    assert reasons == {"dump.jsonl#L1": "bad_record", "future.txt": "bad_date"}


# --- 17: [events] min_confidence ---------------------------------------------------------------------

def test_min_confidence_leaves_out_the_events_below_it_and_counts_them(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(_txt(), encoding="utf-8")
    run([tmp_path / "in"], tmp_path / "all", progress=False, cache=False)
    every = curation.load(tmp_path / "all")["events"]
    assert len(every) >= 2 and every["confidence"].nunique() >= 2  # the floor below splits them
    floor = float(sorted(every["confidence"])[len(every) // 2])
    cfg = tmp_path / "c.toml"
    cfg.write_text(f"[events]\nmin_confidence = {floor}\n", encoding="utf-8")
    summary = run([tmp_path / "in"], tmp_path / "some", config=load_config(cfg), progress=False, cache=False)
    some = curation.load(tmp_path / "some")
    assert sorted(some["events"]["event_id"]) == sorted(every.loc[every["confidence"] >= floor, "event_id"])
    assert set(some["event_actors"]["event_id"]) <= set(some["events"]["event_id"])  # no link to a dropped event
    assert set(some["event_clusters"]["best_event_id"]) <= set(some["events"]["event_id"])
    dropped = int((every["confidence"] < floor).sum())
    assert some.manifest["events_below_min_confidence"] == dropped > 0
    assert some.manifest["config"]["events"]["min_confidence"] == floor
    assert f"{dropped} events below [events] min_confidence left out" in "\n".join(summary.lines())


# --- 19: a model that cannot extract ------------------------------------------------------------------

def test_a_model_without_parser_or_entities_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(_txt(), encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[nlp]\nmodel = "blank:en"\n', encoding="utf-8")
    with pytest.raises(curation.errors.ModelError, match=r"E021.*dependency parser.*named entities"):
        run([tmp_path / "a.txt"], tmp_path / "ds", config=load_config(cfg), progress=False, cache=False)
    assert not (tmp_path / "ds").exists()


# --- 5: a dump with no record vanishes no more -------------------------------------------------------

@pytest.mark.parametrize(("name", "content"), [("header-only.csv", "url,title,publisher,published,text\n"),
                                               ("blank.jsonl", "\n   \n\n")])
def test_a_dump_with_no_record_is_a_reject(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    (item,) = _items(tmp_path / name)
    assert isinstance(item, Reject) and item.reason_code == "empty" and "no record" in item.reason


# --- issue 16, seen on the way: front-matter quotes ------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ('"Strikes on the port"', "Strikes on the port"),
    ("'Strikes on the port'", "Strikes on the port"),
    ('Obama\'s "hope" speech', 'Obama\'s "hope" speech'),
    ('"He said "no""', 'He said "no"'),
    ("Talks 'resume'", "Talks 'resume'"),
])
def test_front_matter_keeps_quotes_that_belong_to_the_value(tmp_path: Path, value: str, expected: str) -> None:
    (tmp_path / "a.txt").write_text(f"---\ntitle: {value}\npublished: 2024-03-04\n---\n{STORY}\n", encoding="utf-8")
    (item,) = _items(tmp_path / "a.txt")
    assert isinstance(item, Article) and item.title == expected
