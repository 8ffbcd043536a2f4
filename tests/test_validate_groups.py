"""Validation by groups of articles gives what validating the whole tables at once gives.

A staging folder is built from the sample dataset with faults that cross the
groups on purpose: an event id used again in another group, an event naming a
timex of an article in another group, an actor whose failure moves mentions
and events of every group, an article whose text does not match its hash.
It is then validated with one group, with one group per article,
and by the whole-table path; the three must agree row for row, and the two
grouped runs byte for byte.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from curation.spool import write_sorted
from curation.tables import build_table
from curation.validate.frames import read_raw_table
from curation.validate.groups import article_groups
from curation.validate.stage import REPORT_PATH, validate_for_write, validate_staged
from schemas import TABLES


def _rows(root: Path, name: str) -> list[dict[str, Any]]:
    table = read_raw_table(root, name)
    return [] if table is None else table.to_pylist()


def _faulty_staging(sample: Path, dest: Path) -> dict[str, Any]:
    """The sample's tables with faults that cross groups, written as a run stages them; what was changed."""
    rows = {name: _rows(sample, name) for name in TABLES}
    rows["quarantine"] = []
    arts = sorted(a["article_id"] for a in rows["articles"])
    by_article: dict[str, list[dict[str, Any]]] = {}
    for e in rows["events"]:
        by_article.setdefault(e["article_id"], []).append(e)
    with_events = [a for a in arts if by_article.get(a)]
    first, last = with_events[0], with_events[-1]
    # 1. an event id used again by an event of the last group
    dup = by_article[first][0]["event_id"]
    by_article[last][0]["event_id"] = dup
    # 2. an event of the first group naming a timex of the last article with timexes
    timexes = sorted(rows["timexes"], key=lambda t: (t["article_id"], t["char_start"]))
    far = next(t for t in reversed(timexes) if t["article_id"] != first)
    by_article[first][-1]["timex_id"] = far["timex_id"]
    # 3. an event naming a timex that does not exist
    middle = with_events[len(with_events) // 2]
    by_article[middle][0]["timex_id"] = "t" + "0" * 16
    # 4. an actor named in many articles given a code no country has
    counts: dict[str, set[str]] = {}
    for m in rows["mentions"]:
        if m["actor_id"]:
            counts.setdefault(m["actor_id"], set()).add(m["article_id"])
    actor = max(sorted(counts), key=lambda a: len(counts[a]))
    for a in rows["actors"]:
        if a["actor_id"] == actor:
            a["country"] = "XQZ"
    # 5. an article whose text no longer matches its hash
    broken = arts[len(arts) // 3]
    for a in rows["articles"]:
        if a["article_id"] == broken:
            a["text_sha256"] = "0" * 64
    # 6. a mention ending beyond its article's text
    mention = next(m for m in rows["mentions"] if m["article_id"] == arts[-1])
    mention["char_end"] = 10**6
    dest.mkdir(parents=True)
    for name in TABLES:
        write_sorted(dest, name, [build_table(name, rows[name])])
    return {"duplicate_event": dup, "actor": actor, "article": broken, "n_articles": len(arts)}


def _digests(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def staged(sample_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("groups") / "staging"
    return root, _faulty_staging(sample_dataset, root)


def test_groups_are_ranges_of_article_ids(staged: tuple[Path, dict[str, Any]]) -> None:
    root, faults = staged
    groups = article_groups(root, 5)
    assert len(groups) == -(-faults["n_articles"] // 5)
    assert groups.bounds == sorted(groups.bounds)
    seen = [a["article_id"] for i in range(len(groups)) for a in groups.read("articles", i).to_pylist()]
    assert seen == sorted(a["article_id"] for a in _rows(root, "articles"))  # every article once, in order


def test_grouped_validation_equals_the_whole_tables(staged: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    root, faults = staged
    counts = {n: pq.read_table(root / n).num_rows for n in TABLES}
    whole_tables = {n: read_raw_table(root, n) for n in TABLES}
    whole = validate_for_write(whole_tables)

    outcomes, digests = {}, {}
    for per_group in (10**6, 1):
        folder = tmp_path / f"g{per_group}"
        shutil.copytree(root, folder)
        outcomes[per_group] = validate_staged(folder, counts, per_group=per_group)
        digests[per_group] = _digests(folder)
        if per_group == 10**6:
            one = folder
    assert len(article_groups(root, 1)) == faults["n_articles"]
    # Byte for byte whatever the size of the groups: tables, quarantine, report.
    assert digests[1] == digests[10**6]
    assert outcomes[1] == outcomes[10**6]

    # And what the whole-table path gives: the same checks, counts, examples, report and rows.
    outcome = outcomes[1]
    assert outcome.manifest == whole.manifest
    assert (one / REPORT_PATH).read_bytes() == whole.files[REPORT_PATH]
    for name in TABLES:
        assert _rows(one, name) == whole.tables[name].to_pylist(), name
        assert outcome.counts[name] == whole.tables[name].num_rows, name

    # The faults were found, across groups, and their dependants followed them.
    failed = whole.manifest["failed"]
    assert failed["events.event_id.unique"] == 2
    assert failed["events.timex_id.same_article"] >= 1
    assert failed["fk.events.timex_id"] == 1
    assert failed["actors.country.iso3166"] == 1
    assert failed["articles.text_integrity"] == 1
    assert failed["offsets.mentions"] == 1
    moved = whole.manifest["quarantined"]
    assert moved["actors"] == 1 and moved["articles"] == 1
    assert moved["mentions"] > 1 and moved["timexes"] >= 1 and moved["events"] >= 4
    reasons = {(q["table_name"], q["check"]) for q in _rows(one, "quarantine")}
    assert ("mentions", "fk.mentions.actor_id") in reasons and ("timexes", "fk.timexes.article_id") in reasons
