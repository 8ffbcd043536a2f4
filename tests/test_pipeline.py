"""The job end to end: determinism, atomic writes, rejects, loading in pandas."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import curation
from curation.pipeline import run
from schemas import TABLES
from tests.conftest import ROOT, SAMPLES, require_shared


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_runs_give_identical_bytes(sample_dataset: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    run([SAMPLES], again, progress=False)
    first, second = _hashes(sample_dataset), _hashes(again)
    assert first == second
    assert "manifest.json" in first and any(k.startswith("events/year=") for k in first)


def test_manifest_lists_inputs_outputs_and_versions(sample_dataset: Path) -> None:
    manifest = json.loads((sample_dataset / "manifest.json").read_text("utf-8"))
    files = _hashes(sample_dataset)
    files.pop("manifest.json")
    assert manifest["files"] == files
    assert {i["path"] for i in manifest["inputs"]} == {
        str(SAMPLES / p.relative_to(SAMPLES)) for p in SAMPLES.rglob("*") if p.is_file()}
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert set(manifest["row_counts"]) == set(TABLES)
    assert manifest["versions"]["libraries"]["spacy"].startswith("3.8")
    assert manifest["versions"]["model"]["version"] == "3.8.0"
    assert manifest["config"]["nlp"]["model"]


def test_sample_dataset_loads_with_dtypes(sample_dataset: Path) -> None:
    ds = curation.load(sample_dataset)
    assert set(ds) == set(TABLES)
    assert len(ds.articles) >= 15
    for name in ("articles", "timexes", "mentions", "events", "rejects"):
        assert len(ds[name]) > 0, name
    assert pd.api.types.is_datetime64_any_dtype(ds.articles["published"])
    assert pd.api.types.is_datetime64_any_dtype(ds.events["event_date"])
    assert isinstance(ds.events["event_type"].dtype, pd.CategoricalDtype)
    assert isinstance(ds.timexes["precision"].dtype, pd.CategoricalDtype)
    # every offset points into its article's text
    text = ds.articles.set_index("article_id")["text"]
    for row in ds.events.itertuples():
        assert text[row.article_id][row.char_start:row.char_end] == row.evidence


def test_plain_read_parquet_works(sample_dataset: Path) -> None:
    events = pd.read_parquet(sample_dataset / "events")
    assert "year" in events.columns and len(events) > 0
    assert len(pd.read_parquet(sample_dataset / "articles")) >= 15


def test_bad_inputs_are_rejected_not_dropped(sample_dataset: Path) -> None:
    rejects = curation.load(sample_dataset).rejects
    codes = set(rejects["reason_code"].astype(str))
    assert {"empty", "binary", "undecodable", "bad_json", "no_main_text"} <= codes
    assert rejects["reason"].str.len().min() > 10


def test_killed_run_leaves_previous_dataset_intact(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("---\npublished: 2024-01-02\n---\nRussian forces attacked Kharkiv on Monday, "
                               "officials said. NATO condemned the attack.\n", encoding="utf-8")
    out = tmp_path / "ds"
    run([src], out, progress=False)
    before = _hashes(out)
    (src / "b.txt").write_text("---\npublished: 2024-02-03\n---\nThe EU imposed new sanctions on Iran "
                               "on Friday after talks failed.\n", encoding="utf-8")
    env = {**os.environ, "CURATION_TEST_WRITE_DELAY": "0.5"}
    proc = subprocess.Popen([sys.executable, "-m", "curation.cli", "run", str(src), "--out", str(out), "--quiet"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    staged: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        staged = [p for p in tmp_path.glob(".curate-staging-ds-*") if any(p.rglob("*.parquet"))]
        if staged:
            break
        time.sleep(0.05)
    assert staged, "the run never started writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _hashes(out) == before  # the old dataset, byte for byte
    assert len(curation.load(out).articles) == 1
    run([src], out, progress=False)  # the next run cleans the stale staging folder
    assert len(curation.load(out).articles) == 2
    assert not list(tmp_path.glob(".curate-staging-*"))


def test_seed_article_runs_with_boilerplate_excluded(tmp_path: Path) -> None:
    seed = require_shared("seed")
    out = tmp_path / "seed"
    run([seed], out, published=__import__("datetime").date(2025, 2, 13), progress=False)
    ds = curation.load(out)
    art = ds.articles.iloc[0]
    assert art["n_excluded_chars"] > 0
    text = art["text"]
    teaser = text.index("Zelenskyy: Ukraine Ready to Offer Mineral Rights")
    footer = text.index("Leave a Comment")
    for table in ("timexes", "mentions", "events"):
        df = ds[table]
        inside = df[(df.char_start >= teaser) | (df.char_start >= footer)]
        assert inside.empty, f"{table} has rows from the teaser or footer"
    assert not ds.timexes["text"].str.contains("Today").any()


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "curation.cli", "run", str(tmp_path / "missing"), "--out",
                           str(tmp_path / "o")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "E010" in proc.stderr
    with pytest.raises(SystemExit):
        from curation.cli import main

        main(["run"])
