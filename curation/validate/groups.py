"""Validation of a staged dataset by groups of articles, so that its memory does not grow with the corpus.

Holding every table in pandas at once costs about 70 MB per 1,000 articles,
which on hundreds of thousands of articles is more than a machine has. The
tables whose rows each belong to one article (articles, timexes, mentions,
events: each sorted by ``article_id`` first) are read here one group of
articles at a time. A group is a range of article ids, so its rows are one
contiguous block of each table in the declared order, and a row's position in
the whole table is the group's offset plus its position in the group. Every
check that looks at one article's rows only (every suite expectation but
uniqueness, offsets and slices, dates against the publication) runs on the
group exactly as it would on the whole table. The rest is completed across
groups:

- uniqueness: each group's key values are kept as two 64-bit hashes with
  their positions (24 bytes a row, not the rows), and duplicates are found
  once every group has been seen;
- an event whose ``timex_id`` names no timex of its own group is looked up in
  the whole ``timexes`` table (its id and article columns only);
- the tables that are not per article (actors, actor_roles, event_actors,
  event_clusters, rejects, quarantine) are smaller by far; they are read
  whole and checked once, against a narrow index of the events (id, article,
  actors, cluster) and of the mentions that event_actors names.

Quarantine works on keys rather than frames: the rows moved out are few, so
the keys they leave dangling are kept in memory, and a second pass over the
groups follows the foreign keys to them in the order the tables depend on
each other, with the same reasons the whole-table cascade gives. A third pass
writes the tables that lost rows, group by group.

The checks, the report, the quarantine rows and the bytes written do not
depend on the size of the groups: a test validates the same staging folder
with one group and with groups of a few articles, and compares them.
"""

from __future__ import annotations

import bisect
import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from curation.spool import write_sorted
from curation.tables import build_table
from curation.validate.core import MAX_EXAMPLES, CheckResult, Example, ValidationResult
from curation.validate.cross import article_texts, cross_checks, run_cross_checks
from curation.validate.examples import make_examples, row_dict
from curation.validate.expectations import gx_context, run_suite
from curation.validate.frames import read_raw_table, to_frame
from curation.validate.quarantine import cascade_failure, failure, quarantine_rows
from curation.validate.run import articles_cited
from curation.validate.suites import all_suites
from schemas import SCHEMA_VERSION, TABLES
from schemas.arrow import arrow_schema
from schemas.declare import ForeignKey

# Tables whose rows each belong to one article and are sorted by article_id first: read by groups.
GROUPED = ("articles", "timexes", "mentions", "events")
# The others: read whole and checked once.
WHOLE = tuple(n for n in TABLES if n not in GROUPED)
# Articles per group. Measured on the BBC dataset replicated 16 times
# (benchmarks/validation_memory.py): groups of 5,000 peak at 640 MB and take 79 s
# for 33,520 articles, groups of 2,000 at 549 MB and 123 s (great-expectations
# costs about a second per table and group). Either stays under the peak of two
# extraction workers; 5,000 also keeps a corpus of that size in one group, as fast
# as validating whole tables.
GROUP_ARTICLES = 5000
# The columns of the events index the whole tables' checks read (foreign keys, roles, cluster counts).
EVENT_INDEX = ("event_id", "article_id", "source_actor_id", "target_actor_id", "event_cluster_id")
# Two independent 64-bit hashes of a key (pandas wants 16-character hash keys): a false duplicate needs
# both to collide, about one chance in 10^19 for ten million rows.
_HASH_KEYS = ("curation:unique1", "curation:unique2")
_KEY_DTYPE = np.dtype([("a", "<u8"), ("b", "<u8"), ("pos", "<i8")])
# Key hashes are spilled to files by hash, at most this many rows to a file, so that finding duplicates
# holds one file's rows at a time (24 bytes a row) rather than the whole corpus's.
KEYS_PER_FILE = 1 << 20
# (check, reason) pairs of one quarantined row.
Failures = list[tuple[str, str]]
# Foreign keys between grouped tables on another column than article_id: their target may lie in another
# group. The declarations have one, an event's timex; its check name and that of its same-article check.
_ACROSS = [(t, fk) for t in GROUPED for fk in TABLES[t].foreign_keys
           if fk.ref_table in GROUPED and fk.ref_columns != ("article_id",)]
if [(t, fk.columns, fk.ref_table) for t, fk in _ACROSS] != [("events", ("timex_id",), "timexes")]:
    raise ImportError(f"validation by groups completes events.timex_id only, the declarations have {_ACROSS}")
_EVENT_TIMEX = "fk.events.timex_id"
_EVENT_TIMEX_SAME = "events.timex_id.same_article"


def _fk_name(table: str, fk: ForeignKey) -> str:
    return f"fk.{table}.{'+'.join(fk.columns)}"


def _empty(name: str) -> pa.Table:
    return arrow_schema(TABLES[name]).empty_table()


@dataclass
class Groups:
    """The groups of a dataset folder: ranges of article ids, and where each starts in every grouped table."""

    root: Path
    bounds: list[str]  # the first article id of groups 1.. (group 0 starts at the smallest)
    starts: dict[str, list[int]] = field(default_factory=dict)  # table -> position of each group's first row

    def __len__(self) -> int:
        return len(self.bounds) + 1

    def where(self, i: int) -> ds.Expression | None:
        """The rows of group ``i`` (rows without an article go with the last group, as they sort last)."""
        f = ds.field("article_id")
        expr = None
        if i > 0:
            expr = f >= self.bounds[i - 1]
        if i < len(self.bounds):
            below = f < self.bounds[i]
            expr = below if expr is None else expr & below
        elif expr is not None:
            expr = expr | f.is_null()
        return expr

    def read(self, name: str, i: int, columns: Iterable[str] | None = None) -> pa.Table:
        """Table ``name``'s rows of group ``i`` in the declared order (``columns`` only, with the sort keys)."""
        table = read_raw_table(self.root, name, where=self.where(i),
                               columns=None if columns is None else list(columns))
        return table if table is not None else _empty(name)

    def locate(self, name: str, pos: int) -> tuple[int, int]:
        """(group, position in the group) of row ``pos`` of table ``name``."""
        starts = self.starts[name]
        i = bisect.bisect_right(starts, pos) - 1
        return i, pos - starts[i]


def article_groups(root: Path, per_group: int = GROUP_ARTICLES) -> Groups:
    """Groups of at most ``per_group`` distinct article ids, in id order, for the dataset at ``root``."""
    table = read_raw_table(root, "articles", columns=["article_id"])
    ids = [] if table is None else sorted({v for v in table["article_id"].to_pylist() if v is not None})
    return Groups(root=Path(root), bounds=ids[per_group::per_group])


@dataclass
class _Merged:
    """One check's results over the groups, positions made global."""

    first: CheckResult
    rows: list[int] = field(default_factory=list)
    count: int = 0
    success: bool = True
    examples: list[Example] = field(default_factory=list)
    error: str | None = None

    def add(self, r: CheckResult, offset: int) -> None:
        self.rows.extend(offset + p for p in r.rows)
        self.count += r.unexpected_count
        self.success = self.success and r.success
        self.examples.extend(r.examples[: MAX_EXAMPLES - len(self.examples)])
        self.error = self.error or r.error

    def result(self, n_rows: int) -> CheckResult:
        return replace(self.first, rows=tuple(self.rows), unexpected_count=self.count, success=self.success,
                       examples=tuple(self.examples), error=self.error, n_rows=n_rows)


@dataclass
class _Pending:
    """An event whose timex_id names no timex of its group."""

    pos: int
    event_id: str | None
    article_id: str | None
    values: dict[str, Any]  # the event's foreign-key columns


class GroupedValidation:
    """Validate the staged tables at ``groups.root`` group by group, then quarantine and rewrite."""

    def __init__(self, groups: Groups) -> None:
        self.groups = groups
        self.suites = all_suites()
        self.total: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.frames: dict[str, pd.DataFrame] = {}
        self.result: ValidationResult | None = None
        self._pending: list[_Pending] = []
        self._unique = [(n, e["meta"]["check"], tuple(e["kwargs"].get("column_list") or [e["kwargs"]["column"]]))
                        for n in GROUPED for e in self.suites[n]["expectations"]
                        if e["type"] in ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique")]
        self._spill = groups.root
        rows = max((_count_rows(groups.root, n) for n, _, _ in self._unique), default=0)
        self._files = 1 + rows // KEYS_PER_FILE

    # ---------------------------------------------------------------- checks

    def validate(self) -> ValidationResult:
        """Every check, as :func:`curation.validate.run.validate_frames` gives it over the whole tables."""
        self._spill = Path(tempfile.mkdtemp(prefix=".validate-keys-", dir=self.groups.root))
        try:
            return self._validate()
        finally:
            shutil.rmtree(self._spill, ignore_errors=True)

    def _validate(self) -> ValidationResult:
        ctx = gx_context()
        for name in WHOLE:
            self.frames[name] = to_frame(self.read_whole(name))  # the arrow table is read again to rewrite it
            self.total[name] = len(self.frames[name])
        ea = self.frames["event_actors"]
        named = {m for m in ea["mention_id"] if isinstance(m, str)} if "mention_id" in ea.columns else set()
        merged: dict[str, _Merged] = {}
        events_index: list[pd.DataFrame] = []
        mentions_index: list[pd.DataFrame] = []
        ran: set[str] = set()
        self.groups.starts = {n: [] for n in GROUPED}
        for i in range(len(self.groups)):
            frames = {n: to_frame(self.groups.read(n, i)) for n in GROUPED}
            frames.update({n: self.frames[n] for n in ("actors", "actor_roles")})
            texts = article_texts(frames)
            offset = {n: self.total[n] for n in GROUPED}
            results: list[CheckResult] = []
            for name in GROUPED:
                self.groups.starts[name].append(offset[name])
                if len(frames[name]):
                    ran.add(name)
                    results.extend(run_suite(self.suites[name], frames[name], texts, context=ctx))
            results.extend(run_cross_checks(frames, texts, only=GROUPED))
            for r in results:
                merged.setdefault(r.name, _Merged(first=r)).add(r, offset[r.table])
            self._keep_keys(frames, offset)
            self._keep_pending(frames, results, offset["events"])
            events_index.append(_narrow(frames["events"], EVENT_INDEX))
            mentions_index.append(_narrow(frames["mentions"], ("mention_id", "article_id"), named=named))
            for name in GROUPED:
                self.total[name] += len(frames[name])
        for name in sorted(set(GROUPED) - ran):  # an empty table is still checked (columns, types)
            for r in run_suite(self.suites[name], to_frame(_empty(name)), {}, context=ctx):
                merged.setdefault(r.name, _Merged(first=r)).add(r, 0)

        whole = dict(self.frames)
        whole["events"] = pd.concat(events_index, ignore_index=True)
        whole["mentions"] = pd.concat(mentions_index, ignore_index=True)
        checks: dict[str, CheckResult] = {}
        for name in WHOLE:
            checks.update((r.name, r) for r in run_suite(self.suites[name], self.frames[name], {}, context=ctx))
        checks.update((r.name, r) for r in run_cross_checks(whole, {}, only=WHOLE))
        for name, m in merged.items():
            checks[name] = m.result(self.total[m.first.table])
        self._complete_unique(checks)
        self._complete_timex_refs(checks)

        order = [e["meta"]["check"] for n in TABLES for e in self.suites[n]["expectations"]]
        order += [c.name for c in cross_checks()]
        final = tuple(checks[n] for n in order if n in checks)
        cited = sorted({e.article_id for c in final for e in c.examples if e.article_id})
        arts = read_raw_table(self.groups.root, "articles", where=ds.field("article_id").isin(cited)) if cited else None
        self.result = ValidationResult(
            checks=final, row_counts=dict(self.total),
            suites={n: str(s["meta"]["version"]) for n, s in self.suites.items()}, schema_version=SCHEMA_VERSION,
            dataset_schema_version=SCHEMA_VERSION,
            articles=articles_cited(list(final), {"articles": to_frame(arts)}) if arts is not None else {})
        return self.result

    def read_whole(self, name: str) -> pa.Table:
        """Table ``name``, read whole (for the tables that are not per article)."""
        table = read_raw_table(self.groups.root, name)
        return table if table is not None else _empty(name)

    def _keep_keys(self, frames: Mapping[str, pd.DataFrame], offset: Mapping[str, int]) -> None:
        for table, check, columns in self._unique:
            df = frames[table]
            if not len(df) or any(c not in df.columns for c in columns):
                continue
            keys = df[list(columns)]
            present = keys.notna().any(axis=1).to_numpy()  # great-expectations skips rows missing every value
            keys = keys[present].astype(object)
            h1, h2 = (pd.util.hash_pandas_object(keys, index=False, hash_key=k).to_numpy() for k in _HASH_KEYS)
            rec = np.empty(len(h1), _KEY_DTYPE)
            rec["a"], rec["b"], rec["pos"] = h1, h2, offset[table] + np.flatnonzero(present)
            part = h1 % self._files
            for f in np.unique(part):
                with (self._spill / f"{check}.{f}").open("ab") as fh:
                    rec[part == f].tofile(fh)

    def _keep_pending(self, frames: Mapping[str, pd.DataFrame], results: list[CheckResult], offset: int) -> None:
        missed = next((r for r in results if r.name == _EVENT_TIMEX), None)
        if missed is None or not missed.rows:
            return
        ev = frames["events"]
        fk_cols = [c for fk in TABLES["events"].foreign_keys for c in fk.columns]
        for p in missed.rows:
            row = {c: _value(ev.at[p, c]) for c in dict.fromkeys(["event_id", "article_id", *fk_cols])
                   if c in ev.columns}
            self._pending.append(_Pending(pos=offset + p, event_id=row.get("event_id"),
                                          article_id=row.get("article_id"), values=row))

    def _complete_unique(self, checks: dict[str, CheckResult]) -> None:
        """Duplicates across groups: the positions of every row whose key occurs more than once.

        Equal keys have equal hashes, so they are in the same spill file: each is searched alone.
        """
        for _table, check, _columns in self._unique:
            if check not in checks:
                continue
            dups: set[int] = set()
            for f in sorted(self._spill.glob(f"{check}.*")):
                rec = np.fromfile(f, _KEY_DTYPE)
                dup = pd.DataFrame({"a": rec["a"], "b": rec["b"]}).duplicated(keep=False).to_numpy()
                dups.update(int(p) for p in rec["pos"][dup])
            rows = sorted(dups.union(checks[check].rows))
            if rows != list(checks[check].rows):
                checks[check] = self._with_rows(checks[check], rows)

    def _complete_timex_refs(self, checks: dict[str, CheckResult]) -> None:
        """Events naming a timex of another group: not a missing key, but a timex of another article."""
        if not self._pending or _EVENT_TIMEX not in checks:
            return
        wanted = sorted({p.values["timex_id"] for p in self._pending})
        found = read_raw_table(self.groups.root, "timexes", where=ds.field("timex_id").isin(wanted),
                               columns=["timex_id", "article_id"])
        article_of = {} if found is None else dict(zip(found["timex_id"].to_pylist(), found["article_id"].to_pylist(),
                                                       strict=True))
        resolved = {p.pos for p in self._pending if p.values["timex_id"] in article_of}
        if not resolved:
            return
        fk = checks[_EVENT_TIMEX]
        checks[_EVENT_TIMEX] = self._with_rows(fk, [r for r in fk.rows if r not in resolved])
        if _EVENT_TIMEX_SAME in checks:
            other = {p.pos for p in self._pending if p.pos in resolved and p.article_id is not None
                     and article_of[p.values["timex_id"]] != p.article_id}
            same = checks[_EVENT_TIMEX_SAME]
            checks[_EVENT_TIMEX_SAME] = self._with_rows(same, sorted({*same.rows, *other}))

    def _with_rows(self, chk: CheckResult, rows: list[int]) -> CheckResult:
        """``chk`` failing exactly ``rows`` (global positions), its examples read again from their groups."""
        examples: list[Example] = []
        cache: dict[int, tuple[pd.DataFrame, dict[str, str]]] = {}
        for pos in rows[:MAX_EXAMPLES]:
            i, local = self.groups.locate(chk.table, pos)
            if i not in cache:
                frames = {n: to_frame(self.groups.read(n, i)) for n in {chk.table, "articles"}}
                cache[i] = (frames[chk.table], article_texts(frames))
            df, texts = cache[i]
            examples.extend(make_examples(chk.table, df, [local], [c for c in chk.columns if c in df.columns], texts))
        return replace(chk, rows=tuple(rows), unexpected_count=len(rows), success=not rows and chk.error is None,
                       examples=tuple(examples))

    # ---------------------------------------------------------------- quarantine

    def quarantine(self) -> dict[str, int]:
        """Decide which rows move to quarantine (kept for :meth:`write`); how many, by table.

        A flagged row maps to its (check, reason) pairs when a foreign key put
        it there, or to None when checks did (their reasons need the row's
        values, read when the row is written).
        """
        assert self.result is not None, "validate() first"
        initial: dict[str, dict[int, list[CheckResult]]] = {n: {} for n in TABLES}
        for chk in self.result.checks:
            if chk.blocking and not chk.success and chk.rows:
                for pos in chk.rows:
                    initial[chk.table].setdefault(pos, []).append(chk)
        self._initial = initial
        fks = {t.name: [(_fk_name(t.name, fk), fk) for fk in t.foreign_keys] for t in TABLES.values()}
        cascaded: dict[str, dict[int, tuple[str, str]]] = {n: {} for n in TABLES}
        removed: dict[str, dict[Any, int]] = {n: {} for n in TABLES}  # key -> depth of the cascade that moved it

        def visit(name: str, pos: int, key: Any, values: Mapping[str, Any]) -> None:
            if pos in initial[name]:
                depth = 0
            else:
                best: tuple[int, str, ForeignKey] | None = None
                for check, fk in fks[name]:
                    v = values.get(fk.columns[0])
                    d = None if v is None else removed[fk.ref_table].get(v)
                    if d is not None and (best is None or d < best[0]):
                        best = (d, check, fk)
                if best is None:
                    return
                depth, check, fk = best[0] + 1, best[1], best[2]
                cascaded[name][pos] = cascade_failure(check, fk.ref_table, {c: values.get(c) for c in fk.columns})
            pk = TABLES[name].primary_key
            if len(pk) == 1 and key is not None:
                removed[name].setdefault(key, depth)

        def visit_frame(name: str, df: pd.DataFrame, offset: int, skip: Collection[int] = ()) -> None:
            cols = [c for c in dict.fromkeys([*TABLES[name].primary_key, *(c for _, fk in fks[name]
                                                                             for c in fk.columns)])
                    if c in df.columns]
            pk = TABLES[name].primary_key[0]
            for local, vals in enumerate(zip(*(df[c] for c in cols), strict=True)):
                if offset + local in skip:
                    continue
                values = {c: _value(v) for c, v in zip(cols, vals, strict=True)}
                visit(name, offset + local, values.get(pk), values)

        visit_frame("actors", self.frames["actors"], 0)
        pending = {p.pos for p in self._pending}
        needed = {n: [*TABLES[n].primary_key, *(c for _, fk in fks[n] for c in fk.columns)] for n in GROUPED}
        if removed["actors"] or any(initial[n] for n in GROUPED):  # else no grouped row can move
            for i in range(len(self.groups)):
                for name in GROUPED:
                    df = self.groups.read(name, i, needed[name]).to_pandas()
                    visit_frame(name, df, self.groups.starts[name][i], skip=pending if name == "events" else set())
        for p in self._pending:  # their timex may lie in a later group: seen now that every group was
            visit("events", p.pos, p.event_id, p.values)
        for name in ("actor_roles", "event_actors", "event_clusters", "rejects", "quarantine"):
            visit_frame(name, self.frames[name], 0)
        flagged: dict[str, dict[int, Failures | None]] = {n: {} for n in TABLES}
        for name in TABLES:
            for pos in initial[name]:
                flagged[name][pos] = None
            for pos, why in cascaded[name].items():
                flagged[name][pos] = [why]
        self._flagged = flagged
        return {n: len(flagged[n]) for n in TABLES if flagged[n]}

    def write(self, staging: Path) -> dict[str, int]:
        """Move the rows :meth:`quarantine` chose: rewrite the tables that lose rows, group by group, and the
        quarantine table with a row per (row, check); the row counts of the tables rewritten."""
        flagged = self._flagged
        out: list[dict[str, Any]] = []
        counts: dict[str, int] = {}

        def reasons(name: str, df: pd.DataFrame, local: int, pos: int) -> list[tuple[str, str]]:
            given = flagged[name][pos]
            return given if given is not None else [failure(c, df, local) for c in self._initial[name][pos]]

        def pieces(name: str) -> Iterator[pa.Table]:
            for i in range(len(self.groups)):
                table = self.groups.read(name, i)
                start = self.groups.starts[name][i]
                mine = sorted(p - start for p in flagged[name] if start <= p < start + table.num_rows)
                if mine:
                    df = to_frame(table)
                    for local in mine:
                        out.extend(quarantine_rows(name, row_dict(df, local), reasons(name, df, local, start + local)))
                    table = _without(table, set(mine))
                yield table

        for name in TABLES:
            if not flagged[name]:
                continue
            counts[name] = self.total[name] - len(flagged[name])
            if name in GROUPED:
                _rewrite(staging, name, pieces(name))
                continue
            df = self.frames[name]
            for pos in sorted(flagged[name]):
                out.extend(quarantine_rows(name, row_dict(df, pos), reasons(name, df, pos, pos)))
            if name != "quarantine":  # kept whole, as the whole-table path keeps it: the new rows join it below
                _rewrite(staging, name, [_without(self.read_whole(name), set(flagged[name]))])
        if out:
            table = build_table("quarantine", [*self.read_whole("quarantine").to_pylist(), *out])
            _rewrite(staging, "quarantine", [table])
            counts["quarantine"] = table.num_rows
        return counts


def _rewrite(staging: Path, name: str, pieces: Iterable[pa.Table]) -> None:
    """Write table ``name`` beside the staged one, then put it in its place."""
    tmp = staging / f".{name}.rewrite"
    shutil.rmtree(tmp, ignore_errors=True)
    write_sorted(tmp, name, pieces)
    shutil.rmtree(staging / name, ignore_errors=True)
    (tmp / name).rename(staging / name)
    tmp.rmdir()


def _without(table: pa.Table, rows: set[int]) -> pa.Table:
    """``table`` without the rows at positions ``rows``."""
    return table.filter(pa.array([k not in rows for k in range(table.num_rows)], pa.bool_()))


def _count_rows(root: Path, name: str) -> int:
    """Rows of table ``name`` at ``root``, from the Parquet footers."""
    folder = root / name
    return ds.dataset(folder, format="parquet").count_rows() if any(folder.rglob("*.parquet")) else 0


def _value(v: Any) -> Any:
    """A cell as a plain Python value (None for any missing value)."""
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def _narrow(df: pd.DataFrame, columns: tuple[str, ...], *, named: set[str] | None = None) -> pd.DataFrame:
    cols = [c for c in columns if c in df.columns]
    out = df[cols]
    if named is not None and "mention_id" in out.columns:
        out = out[out["mention_id"].isin(named)]
    return out.reset_index(drop=True)
