"""Issue 17, the cache: it is untrusted input. Nothing in it can run code, a forged entry is recomputed, a
validation replay cannot write outside the dataset, and a damaged database file does not stop the run."""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
import zlib
from datetime import date
from pathlib import Path

import pytest

import curation
from curation.cache import DB_NAME, ResultCache, _pack, _unpack
from curation.pipeline import _replayable, run
from curation.records import Article, ArticleResult, Event, Timex
from tests.test_hostile_input import STORY


def _inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(f"---\npublished: 2024-03-04\n---\n{STORY}\n", encoding="utf-8")
    return src


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(_Boom.target),))

    target = Path("/nonexistent")


def test_results_round_trip_with_their_types() -> None:
    art = Article(article_id="a1", source="s", text="t", published=date(2024, 3, 4), excluded=((1, 2, "x"),))
    tx = Timex(timex_id="t1", article_id="a1", sentence_idx=0, char_start=0, char_end=3, text="now", timex_type="DATE",
               value="2024", start_date=date(2024, 1, 1), end_date=None, precision="year", anchor="absolute")
    res = ArticleResult(article=art, n_words=3, timexes=(tx,), actor_ids=("RUS",))
    assert _unpack(_pack(res)) == res
    blob = {"files": {"events/x": b"\x00\xff"}, "counts": {"events": 1}, "nan": float("nan")}
    back = _unpack(_pack(blob))
    assert back["files"] == blob["files"] and back["nan"] != back["nan"]


def test_a_pickle_in_the_cache_is_never_run(tmp_path: Path) -> None:
    _Boom.target = tmp_path / "pwned"
    assert _unpack(zlib.compress(pickle.dumps(_Boom()))) is None
    assert not _Boom.target.exists()


@pytest.mark.parametrize("forged", [
    {"$r": "Popen", "f": {}},  # not one of the curator's records
    {"$r": "Timex", "f": {"timex_id": "t"}},  # fields missing
    {"$r": "Reject", "f": {"source": 1, "reason_code": "x", "reason": "y", "input_sha256": None}},  # a wrong type
    {"$d": "not a date"},
    {"$f": "1e999"},
    {"__class__": "x", "$t": []},
])
def test_forged_entries_are_misses(forged: object) -> None:
    assert _unpack(zlib.compress(json.dumps(forged).encode())) is None


def test_a_zip_bomb_entry_is_a_miss() -> None:
    bomb = zlib.compress(b"[" + b"0," * (600 << 20) + b"0]", 9)  # 1.2 GB of JSON in a few MB
    assert len(bomb) < 8 << 20
    assert _unpack(bomb) is None


def test_a_forged_validation_replay_cannot_write_outside_the_dataset() -> None:
    good = {"rewritten": ["events"], "files": {"events/year=2024/part-0.parquet": b"x"}, "counts": {},
            "manifest": {}, "line": "ok"}
    assert _replayable(good)
    for rel in ("../../etc/cron.d/x", "/etc/passwd", "events/../../x", "notes.txt", "validation"):
        assert not _replayable({**good, "files": {rel: b"x"}}), rel
    assert not _replayable({**good, "rewritten": ["../x"]})


def test_forged_cache_entries_are_recomputed_in_a_run(tmp_path: Path) -> None:
    src, out, cache = _inputs(tmp_path), tmp_path / "ds", tmp_path / "cache"
    run([src], out, progress=False, workers=1, cache=cache)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*.parquet")}
    db = sqlite3.connect(cache / DB_NAME)
    fake = Event.__name__  # an entry that claims to be a result but holds the wrong record
    with db:
        db.execute("UPDATE results SET value = ?", (zlib.compress(json.dumps({"$r": fake, "f": {}}).encode()),))
        db.execute("UPDATE blobs SET value = ?", (zlib.compress(pickle.dumps({"files": {}})),))
    db.close()
    summary = run([src], out, progress=False, workers=1, cache=cache)
    assert summary.processed == 1 and summary.cached == 0
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*.parquet")} == before


def test_a_damaged_cache_database_does_not_stop_the_run(tmp_path: Path) -> None:
    src, out, cache = _inputs(tmp_path), tmp_path / "ds", tmp_path / "cache"
    run([src], out, progress=False, workers=1, cache=cache)
    db_file = cache / DB_NAME
    for extra in cache.glob(f"{DB_NAME}-*"):
        extra.unlink()
    data = bytearray(db_file.read_bytes())
    page = 4096
    data[page * 1:page * 3] = b"\xa5" * (page * 2)  # pages after the header: the tables' b-trees
    db_file.write_bytes(bytes(data))
    summary = run([src], out, progress=False, workers=1, cache=cache)
    assert len(curation.load(out).articles) == 1
    assert any("E085" in w and "damaged" in w for w in summary.warnings), summary.warnings
    assert summary.manifest["validation"]["success"]


def test_the_cache_opens_read_only_files_with_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(curation.errors.CacheError, match="E085"):
        ResultCache(target, "fp")
