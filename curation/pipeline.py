"""The curation job, wired in one place.

    ingest -> segment -> timexes -> actors -> events -> tables -> write

:func:`process_batch` is the per-article work (segment .. events): a pure
function of the articles and the process's loaded resources, so it runs the
same in one process, in a pool or on a Dask cluster. :func:`run` reads the
inputs, drives the per-article work and writes the dataset.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from curation import __version__
from curation.actors import find_mentions
from curation.actors.dictionary import load_dictionary
from curation.config import Config, load_config
from curation.errors import Errors, InputError
from curation.events import find_events
from curation.events.cluster import cluster_events
from curation.ingest import InputFile, discover, duplicate_reject, parse, read_inputs, reject_id
from curation.nlp import load_nlp, model_info
from curation.records import Article, ArticleResult, Reject
from curation.segment import masked_text, segment
from curation.tables import build_table, record_row
from curation.timexes import find_timexes
from curation.write import write_dataset
from schemas import SCHEMA_VERSION, TABLES

LIBRARIES = ("spacy", "pandas", "pyarrow", "dateparser", "trafilatura", "great-expectations", "dask")


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
    events, event_actors = find_events(doc, article=article, timexes=timexes, mentions=mentions,
                                       dictionary=resources.dictionary)
    n_words = sum(1 for t in doc if not (t.is_punct or t.is_space))
    used = sorted({m.actor_id for m in mentions if m.actor_id} | {ea.actor_id for ea in event_actors})
    return ArticleResult(article=article, n_words=n_words, timexes=tuple(timexes), mentions=tuple(mentions),
                         events=tuple(events), event_actors=tuple(event_actors), actor_ids=tuple(used))


def process_batch(articles: Sequence[Article], resources: Resources, *, batch_size: int = 32) -> list[ArticleResult]:
    """Segment, parse and extract a batch of articles (the per-article work, batched for spaCy)."""
    segmented = [segment(a) for a in articles]
    docs = resources.nlp.pipe((masked_text(a) for a in segmented), batch_size=batch_size)
    return [process_article(a, doc, resources) for a, doc in zip(segmented, docs, strict=True)]


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

    def lines(self) -> list[str]:
        """A short human summary."""
        return [
            f"Dataset written to {self.out}",
            f"  articles {self.articles:>7}   timexes {self.timexes:>7}   mentions {self.mentions:>7}",
            f"  actors   {self.actors:>7}   events  {self.events:>7}   rejects  {self.rejects:>7}",
            f"  time {self.seconds:.1f} s" + (f" ({self.rejects} inputs rejected: see the rejects table)"
                                             if self.rejects else ""),
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
    dic = resources.dictionary
    if dic is None:
        return {}
    return {"actors": {"name": dic.name, "version": dic.version, "sha256": dic.sha256, "files": list(dic.files)}}


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
        log: Callable[[str], None] | None = None) -> RunSummary:
    """Run the curation job over ``inputs`` and write the dataset to ``out``."""
    t0 = time.monotonic()
    config = config or load_config()
    basis = "command_line"
    if published is None and config.get("ingest", "default_published"):
        from curation.ingest import parse_published

        published = parse_published(config.get("ingest", "default_published"))[0]
        basis = "config"
    files = discover(inputs)
    digests: dict[str, dict[str, Any]] = {}
    resources = get_resources(config)
    min_chars = int(config.get("ingest", "min_chars"))

    rejects: list[Reject] = []
    seen: dict[str, Article] = {}

    def articles() -> Iterator[Article]:
        for item in read_inputs(_hashing(files, digests)):
            parsed = parse(item, min_chars=min_chars, default_published=published, default_basis=basis)
            if isinstance(parsed, Reject):
                rejects.append(parsed)
            elif parsed.article_id in seen:
                rejects.append(duplicate_reject(parsed, seen[parsed.article_id]))
            else:
                seen[parsed.article_id] = parsed
                yield parsed

    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    actor_ids: set[str] = set()
    bar = _progress(len(files), progress)
    for batch in _batches(articles(), int(config.get("run", "batch_size"))):
        for res in process_batch(batch, resources, batch_size=int(config.get("nlp", "batch_size"))):
            _collect(res, rows)
            actor_ids.update(res.actor_ids)
        bar(len(digests))
    bar(None)
    rows["rejects"] = [record_row(r, reject_id=reject_id(r)) for r in rejects]
    if resources.dictionary is not None:
        rows["actors"], rows["actor_roles"] = resources.dictionary.table_rows(actor_ids)
    _cluster(rows)
    tables = {name: build_table(name, rows[name]) for name in TABLES}
    manifest = {
        "dataset_format": "curation-dataset/1",
        "schema_version": SCHEMA_VERSION,
        "inputs": [digests[k] for k in sorted(digests)],
        "config": config.as_dict(),
        "published_default": published.isoformat() if published else None,
        "versions": _versions(resources),
    }
    # Validate what is about to be written: failing rows go to quarantine, the report goes in the folder.
    from curation.validate import validate_for_write

    checked = validate_for_write(tables)
    tables = checked.tables
    manifest["validation"] = checked.manifest
    written = write_dataset(Path(out), tables, manifest, extra_files=checked.files)
    summary = RunSummary(out=Path(out), articles=len(rows["articles"]), timexes=len(rows["timexes"]),
                         mentions=len(rows["mentions"]), actors=len(rows["actors"]), events=len(rows["events"]),
                         rejects=len(rows["rejects"]), seconds=time.monotonic() - t0, manifest=written)
    if log:
        for line in [*summary.lines(), checked.line()]:
            log(line)
    return summary


def _hashing(files: Sequence[InputFile], digests: dict[str, dict[str, Any]]) -> Iterator[InputFile]:
    """Yield the files, recording each one's sha256 and size for the manifest."""
    for f in files:
        h = hashlib.sha256()
        size = 0
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


def _cluster(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Deduplicate event mentions across sentences and articles into ``event_clusters``."""
    arts = {a["article_id"]: (a["published"], a["publisher"]) for a in rows["articles"]}
    assignment, rows["event_clusters"] = cluster_events(rows["events"], arts)
    for ev in rows["events"]:
        ev["event_cluster_id"] = assignment[ev["event_id"]]


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
