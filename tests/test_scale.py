"""Scale: engines that write the same bytes, incremental runs, streaming writes (issue 8)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import curation
from curation import pipeline, spool
from curation.cache import article_key, fingerprint
from curation.config import load_config
from curation.engine import InProcess, ProcessPool, cpu_count, make_engine, ordered_map, resolve_workers
from curation.errors import SchedulerError
from curation.pipeline import run
from curation.records import Article
from schemas import TABLES
from tests.conftest import ROOT, SAMPLES

# Small batches so that even the sample corpus is spread over several
# batches, and the pool and the cluster really run (a single batch is done
# in-process whatever was asked).
SMALL_BATCHES = {"run": {"batch_size": 4}}


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _corpus(folder: Path, n: int = 6) -> Path:
    """A small corpus of our own sentences, one article per file."""
    folder.mkdir(parents=True, exist_ok=True)
    places = ["Kharkiv", "Odesa", "Gaza", "Khartoum", "Bamako", "Caracas", "Taipei", "Niamey"]
    for i in range(n):
        place = places[i % len(places)]
        (folder / f"{i:02d}.txt").write_text(
            f"---\npublished: 2024-0{1 + i % 9}-1{i % 9}\npublisher: Desk {i % 3}\n---\n"
            f"Government forces attacked rebel positions near {place} on 3 March 2024, officials said.\n\n"
            f"The United Nations condemned the attack and urged both sides to agree a ceasefire in {place}.\n",
            encoding="utf-8")
    return folder


@pytest.mark.slow
def test_every_engine_writes_the_same_bytes(tmp_path: Path) -> None:
    config = load_config(overrides=SMALL_BATCHES)
    single = run([SAMPLES], tmp_path / "one", config=config, workers=1, cache=False, progress=False)
    pool = run([SAMPLES], tmp_path / "pool", config=config, workers=2, cache=False, progress=False)
    dask = run([SAMPLES], tmp_path / "dask", config=config, scheduler="local:2", cache=False, progress=False)
    assert single.engine == "in-process"
    assert pool.engine == "process-pool:2"
    assert dask.engine == "dask:local:2"
    reference = _hashes(tmp_path / "one")
    assert reference == _hashes(tmp_path / "pool")
    assert reference == _hashes(tmp_path / "dask")
    # and the default batch size writes the same bytes too: batching is not content
    run([SAMPLES], tmp_path / "default", cache=False, progress=False)
    assert reference == _hashes(tmp_path / "default")


def test_workers_load_the_users_actor_files(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        '[[actor]]\nactor_id = "harbour-brigade"\nname = "Harbour Brigade"\nactor_type = "REBEL"\n'
        'aliases = ["Harbour Brigade"]\n', "utf-8")
    cfg = tmp_path / "config.toml"
    cfg.write_text('[actors]\nextra_files = ["mine.toml"]\n[run]\nbatch_size = 2\n', "utf-8")
    src = _corpus(tmp_path / "in", n=4)
    (src / "09.txt").write_text("---\npublished: 2024-03-04\n---\nThe Harbour Brigade attacked a convoy near "
                                "Odesa on 3 March 2024, officials said.\n", encoding="utf-8")
    config = load_config(cfg)
    run([src], tmp_path / "one", config=config, workers=1, cache=False, progress=False)
    pool = run([src], tmp_path / "pool", config=config, workers=2, cache=False, progress=False)
    assert pool.engine == "process-pool:2"
    assert _hashes(tmp_path / "one") == _hashes(tmp_path / "pool")
    assert "harbour-brigade" in set(curation.load(tmp_path / "pool").mentions["actor_id"].dropna())


def test_unchanged_rerun_takes_everything_from_the_cache(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in")
    cache = tmp_path / "cache"
    first = run([src], tmp_path / "ds", cache=cache, progress=False)
    assert (first.processed, first.cached) == (6, 0)
    before = _hashes(tmp_path / "ds")
    again = run([src], tmp_path / "ds", cache=cache, progress=False)
    assert (again.processed, again.cached) == (0, 6)
    assert _hashes(tmp_path / "ds") == before  # manifest included: cache stats stay out of it
    assert "processed 0 articles, 6 from the cache" in "\n".join(again.lines())


def test_unchanged_rerun_replays_the_validation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "in", n=3)
    cache = tmp_path / "cache"
    calls: list[int] = []
    real = pipeline._validate_staged

    def counting(staging, counts, validator=None):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(staging, counts, validator)

    monkeypatch.setattr(pipeline, "_validate_staged", counting)
    run([src], tmp_path / "ds", cache=cache, progress=False)
    before = _hashes(tmp_path / "ds")
    lines: list[str] = []
    run([src], tmp_path / "ds", cache=cache, progress=False, log=lines.append)
    assert len(calls) == 1  # the same staged bytes: the outcome is replayed
    assert _hashes(tmp_path / "ds") == before
    assert any("validation:" in line for line in lines)
    (src / "00.txt").write_text("---\npublished: 2024-05-06\n---\nChina and India agreed to resume border "
                                "talks in Beijing on 2 May 2024.\n", encoding="utf-8")
    run([src], tmp_path / "ds", cache=cache, progress=False)
    assert len(calls) == 2  # new bytes: validated again
    run([src], tmp_path / "fresh", cache=False, progress=False)
    assert _hashes(tmp_path / "ds") == _hashes(tmp_path / "fresh")


def test_changed_articles_only_are_reprocessed(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in")
    cache = tmp_path / "cache"
    run([src], tmp_path / "ds", cache=cache, progress=False)
    edited = src / "02.txt"
    edited.write_text(edited.read_text("utf-8") + "\nRussia warned NATO on Friday.\n", encoding="utf-8")
    (src / "06.txt").write_text("---\npublished: 2024-05-06\n---\nChina and India agreed to resume border "
                                "talks in Beijing on 2 May 2024.\n", encoding="utf-8")
    again = run([src], tmp_path / "ds", cache=cache, progress=False)
    assert (again.processed, again.cached) == (2, 5)
    fresh = run([src], tmp_path / "fresh", cache=False, progress=False)
    assert _hashes(tmp_path / "ds") == _hashes(tmp_path / "fresh")
    assert fresh.processed == 7


def test_a_config_change_invalidates_the_cache_but_run_settings_do_not(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", n=3)
    cache = tmp_path / "cache"
    run([src], tmp_path / "ds", cache=cache, progress=False)
    spread = run([src], tmp_path / "ds", cache=cache, progress=False,
                 config=load_config(overrides={"run": {"batch_size": 1}}))
    assert (spread.processed, spread.cached) == (0, 3)
    other = run([src], tmp_path / "ds", cache=cache, progress=False,
                config=load_config(overrides={"nlp": {"batch_size": 8}}))
    assert (other.processed, other.cached) == (3, 0)


@pytest.mark.parametrize(("field", "value"), [
    ("text", "Another body."), ("title", "Another title"), ("published", date(2020, 1, 1)),
    ("source", "elsewhere.txt"), ("publisher", "Another Desk"), ("url", "https://example.org/x"),
])
def test_cache_key_covers_every_article_field(field: str, value: object) -> None:
    from dataclasses import replace

    art = Article(article_id="a" + "0" * 16, source="a.txt", text="Some body.", title="T",
                  published=date(2024, 1, 2), publisher="Desk")
    fp = fingerprint({"code": "x"})
    assert article_key(art, fp) == article_key(replace(art), fp)
    assert article_key(art, fp) != article_key(replace(art, **{field: value}), fp)
    assert article_key(art, fp) != article_key(art, fingerprint({"code": "y"}))


def test_spilled_run_writes_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "in", n=8)
    config = load_config(overrides={"run": {"batch_size": 2}})
    whole = run([src], tmp_path / "whole", config=config, cache=False, progress=False)
    monkeypatch.setattr(spool, "SPILL_BYTES", 1)  # spill after every batch
    spilled = run([src], tmp_path / "spilled", config=config, cache=False, progress=False)
    assert spilled.spills > whole.spills and spilled.spills >= 4
    assert _hashes(tmp_path / "whole") == _hashes(tmp_path / "spilled")
    assert not list(tmp_path.glob(".curate-staging-*"))


def test_final_files_have_fixed_row_groups_in_declared_order(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "in", n=8)
    monkeypatch.setattr(spool, "ROW_GROUP_ROWS", 3)
    monkeypatch.setattr(spool, "SPILL_BYTES", 1)
    run([src], tmp_path / "ds", config=load_config(overrides={"run": {"batch_size": 3}}), cache=False,
        progress=False)
    meta = pq.ParquetFile(tmp_path / "ds" / "mentions" / "part-0.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert sizes[:-1] == [3] * (len(sizes) - 1) and 0 < sizes[-1] <= 3 and len(sizes) > 2
    mentions = pq.read_table(tmp_path / "ds" / "mentions")
    keys = list(zip(*(mentions[c].to_pylist() for c in TABLES["mentions"].sort_by), strict=True))
    assert keys == sorted(keys)
    assert len(curation.load(tmp_path / "ds").articles) == 8


def test_a_failing_article_becomes_a_reject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "in", n=4)
    real = pipeline.process_article

    def flaky(article, doc, resources):  # type: ignore[no-untyped-def]
        if "Khartoum" in article.text:
            raise RuntimeError("extractor broke")
        return real(article, doc, resources)

    monkeypatch.setattr(pipeline, "process_article", flaky)
    summary = run([src], tmp_path / "ds", cache=tmp_path / "cache", progress=False)
    rejects = curation.load(tmp_path / "ds").rejects
    bad = rejects[rejects["reason_code"] == "error"]
    assert list(bad["source"].str.rsplit("/", n=1).str[-1]) == ["03.txt"]
    assert "E082" in bad["reason"].iloc[0] and "extractor broke" in bad["reason"].iloc[0]
    assert summary.articles == 3
    monkeypatch.setattr(pipeline, "process_article", real)
    again = run([src], tmp_path / "ds", cache=tmp_path / "cache", progress=False)
    assert (again.processed, again.cached, again.articles) == (1, 3, 4)  # failures are not cached


def _slow_echo(item: int) -> int:
    time.sleep(0.02 * (5 - item % 5))  # later items finish first
    return item * 10


def test_ordered_map_keeps_input_order_and_bounds_work_in_flight() -> None:
    pulled: list[int] = []

    def items():  # type: ignore[no-untyped-def]
        for i in range(12):
            pulled.append(i)
            yield i, (None if i == 4 else i)  # nothing to do for item 4

    engine = ProcessPool(2)
    try:
        seen = []
        for item, result in ordered_map(engine, _slow_echo, items(), window=3):
            assert len(pulled) - len(seen) <= 3
            seen.append((item, result))
    finally:
        engine.close()
    assert seen == [(i, None if i == 4 else i * 10) for i in range(12)]


def _die(item: int) -> int:
    os._exit(3)  # a worker killed, as the kernel's OOM killer would


def test_a_dead_worker_is_a_coded_error() -> None:
    engine = ProcessPool(1)
    try:
        with pytest.raises(SchedulerError, match="E086"):
            list(ordered_map(engine, _die, [(1, 1)]))
    finally:
        engine.close()


@pytest.mark.parametrize(("workers", "expected"), [(1, 1), (2, 2), (7, 7), (0, cpu_count())])
def test_resolve_workers(workers: int, expected: int) -> None:
    assert resolve_workers(workers) == expected


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"workers": -1}, "E080"),
    ({"scheduler": "local:two"}, "E084"),
    ({"scheduler": "local:-1"}, "E084"),
])
def test_bad_engine_requests_are_coded_errors(kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(SchedulerError, match=code):
        make_engine(**kwargs)  # type: ignore[arg-type]


def test_unreachable_scheduler_is_a_coded_error() -> None:
    from curation.engine import DaskCluster

    with pytest.raises(SchedulerError, match="E081"):
        DaskCluster("tcp://127.0.0.1:9", timeout="2s")


@pytest.mark.parametrize(("address", "code"), [("tcp://127.0.0.1:9", "E081"), ("local:two", "E084"),
                                               ("ftp://host:1", "E084"), ("tcp://127.0.0.1:port", "E081")])
def test_a_bad_scheduler_is_reported_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     address: str, code: str) -> None:
    from curation import pipeline

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the inputs were read before the scheduler was checked")

    monkeypatch.setattr(pipeline, "discover", no_work)
    src = _corpus(tmp_path / "in", n=1)  # one batch: the cluster itself would never be started
    with pytest.raises(SchedulerError, match=code):
        run([src], tmp_path / "ds", scheduler=address, cache=False, progress=False)
    assert not (tmp_path / "ds").exists()


def test_in_process_is_the_one_worker_engine() -> None:
    assert isinstance(make_engine(workers=1), InProcess)


def test_cli_workers_and_cache_options(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", n=2)
    cmd = [sys.executable, "-m", "curation.cli", "run", str(src), "--out", str(tmp_path / "ds"), "--quiet"]
    bad = subprocess.run([*cmd, "--workers", "-3"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "E080" in bad.stderr
    ok = subprocess.run([*cmd, "--workers", "1", "--cache", str(tmp_path / "c")], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "processed 2 articles, 0 from the cache" in ok.stderr
    again = subprocess.run([*cmd, "--cache", str(tmp_path / "c")], cwd=ROOT, capture_output=True, text=True)
    assert "processed 0 articles, 2 from the cache" in again.stderr
    none = subprocess.run([*cmd, "--workers", "1", "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert "processed 2 articles, 0 from the cache" in none.stderr


def test_default_cache_lives_beside_the_dataset(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", n=1)
    run([src], tmp_path / "sets" / "news", progress=False)
    assert (tmp_path / "sets" / ".cache" / "news" / "results.sqlite").is_file()
    assert {p.name for p in (tmp_path / "sets").iterdir()} == {"news", ".cache"}
    shutil.rmtree(tmp_path / "sets" / ".cache")
    assert run([src], tmp_path / "sets" / "news", progress=False).processed == 1


def test_manifest_keeps_no_execution_details(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", n=1)
    summary = run([src], tmp_path / "ds", progress=False, workers=1)
    assert "run" not in summary.manifest["config"]
    assert summary.manifest["versions"]["model"]["pipes"]


def test_pipeline_cut_keeps_what_extractors_read(nlp: object) -> None:
    from curation.nlp import NEEDED, needed_pipes

    kept = needed_pipes(nlp, NEEDED)
    # POS and lemmas (events), dependencies and sentences (events, every
    # stage), entities (timexes, actors): the small English model needs all
    # its components for them.
    for name in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner"):
        assert name in kept
    # entities alone: the NER has its own embedding layer in this model, so
    # neither the shared tok2vec nor the tagger or parser is needed
    ents_only = needed_pipes(nlp, ("doc.ents",))
    assert "ner" in ents_only and not {"tok2vec", "tagger", "parser", "lemmatizer"} & set(ents_only)


def test_cut_pipeline_extracts_what_the_full_one_does(tmp_path: Path) -> None:
    import spacy

    from curation.nlp import load_nlp

    full = spacy.load(load_config().get("nlp", "model"))
    cut = load_nlp(load_config().get("nlp", "model"))
    text = _corpus(tmp_path / "in", n=1).joinpath("00.txt").read_text("utf-8").split("---\n")[-1]
    a, b = full(text), cut(text)
    assert [(t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_type_) for t in a] == \
        [(t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_type_) for t in b]


def test_engine_classes_are_picklable_work() -> None:
    # The function sent to workers must pickle by reference (a Dask worker imports it).
    import pickle
    from functools import partial

    fn = partial(pipeline.work_batch, config_json="{}")
    assert pickle.loads(pickle.dumps(fn)).func is pipeline.work_batch


def _staged_copy(tmp_path: Path, name: str) -> tuple[Path, dict[str, int]]:
    """A staging folder as a run leaves it before validation: the tables of a small run, no report."""
    src = tmp_path / "src"
    if not src.exists():
        run([_corpus(tmp_path / "in", n=3)], src, cache=False, progress=False)
    dest = tmp_path / name
    shutil.copytree(src, dest)
    shutil.rmtree(dest / "validation", ignore_errors=True)
    (dest / "manifest.json").unlink()
    counts = {t: pq.read_table(dest / t).num_rows for t in TABLES}
    return dest, counts


def test_background_validation_matches_validation_in_the_run_process(tmp_path: Path) -> None:
    from curation.validate.background import BackgroundValidator

    here, here_counts = _staged_copy(tmp_path, "here")
    there, there_counts = _staged_copy(tmp_path, "there")
    local = pipeline._validate_staged(here, here_counts)
    validator = BackgroundValidator()
    try:
        remote = pipeline._validate_staged(there, there_counts, validator)
    finally:
        validator.close()
    assert remote.manifest == local.manifest
    assert remote.line() == local.line()
    assert there_counts == here_counts
    assert _hashes(there) == _hashes(here)  # report and any table rewritten by quarantine alike
    assert (there / "validation" / "report.html").is_file()


def test_a_validation_process_that_dies_is_a_coded_error(tmp_path: Path) -> None:
    from curation.errors import ValidationRunError
    from curation.validate.background import BackgroundValidator

    staged, counts = _staged_copy(tmp_path, "staged")
    validator = BackgroundValidator()
    validator._proc.kill()
    validator._proc.join()
    with pytest.raises(ValidationRunError, match="E087"):
        validator.validate(staged, counts)
    validator.close()


def test_an_unused_validation_process_stops_at_once(tmp_path: Path) -> None:
    from curation.validate.background import BackgroundValidator

    validator = BackgroundValidator()
    t0 = time.monotonic()
    validator.close()
    assert time.monotonic() - t0 < 5  # not kept waiting for great-expectations to finish importing
    assert not validator._proc.is_alive()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_a_separately_started_dask_cluster_writes_the_same_bytes(tmp_path: Path) -> None:
    """--scheduler ADDRESS: a scheduler and workers started as a user would, with the `dask` command."""
    dask_cli = Path(sys.executable).with_name("dask")
    if not dask_cli.exists():
        pytest.skip(f"no `dask` command beside {sys.executable}")
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    logs = (tmp_path / "scheduler.log").open("w"), (tmp_path / "workers.log").open("w")
    scheduler = subprocess.Popen([str(dask_cli), "scheduler", "--host", "127.0.0.1", "--port",
                                  address.rsplit(":", 1)[1], "--no-dashboard"],
                                 cwd=tmp_path, env=env, stdout=logs[0], stderr=subprocess.STDOUT)
    workers = subprocess.Popen([str(dask_cli), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                "--no-dashboard", "--local-directory", str(tmp_path / "dask-workers")],
                               cwd=tmp_path, env=env, stdout=logs[1], stderr=subprocess.STDOUT)
    try:
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        config = load_config(overrides=SMALL_BATCHES)
        remote = run([SAMPLES], tmp_path / "remote", config=config, scheduler=address, cache=False, progress=False)
        single = run([SAMPLES], tmp_path / "one", config=config, workers=1, cache=False, progress=False)
    finally:
        for proc in (workers, scheduler):
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:
            log.close()
    assert remote.engine == f"dask:{address}"
    assert remote.processed == single.processed > 0
    assert _hashes(tmp_path / "remote") == _hashes(tmp_path / "one")
