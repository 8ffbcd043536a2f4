"""Streaming write: tables spilled to part files as the run goes, compacted at the end.

Memory stays flat as the corpus grows: the rows of each batch are turned into
Arrow at once and buffered; when the buffer passes a byte budget it is
spilled to part files in the staging folder, split by

- partition year (for the year-partitioned tables), and
- bucket: the first hex digit of the table's leading sort column, when that
  column is a hashed id (``a`` + 16 hex digits for article_id, ``e`` + ... for
  event_id),

one part file per table and spill, one row group per (year, bucket).

At the end each final file is built bucket by bucket: the parts of one
bucket are read, sorted by the declared ``sort_by`` and appended. Because the
leading sort column starts with the bucket's digit, the buckets in order are
the whole table in order, and only one bucket (a sixteenth of the table) is
in memory at a time. Tables whose leading sort column is not a hashed id
(actors, rejects, clusters ...) are small, or computed at the end anyway,
and are held whole.

Final files are written with fixed-size row groups from contiguous arrays, so
their bytes depend on the rows alone: not on the batch size, the number of
workers, when spills happened, or which results came from the cache.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curation.write import _WRITE_OPTIONS, NULL_PARTITION
from schemas import TABLES
from schemas.arrow import arrow_schema
from schemas.declare import Table

# Buffered Arrow bytes before a spill. Calibrated so that the buffer stays a
# small share of a worker's spaCy pipeline (~200 MB for en_core_web_sm) and
# the number of part files stays modest on a million-article corpus.
SPILL_BYTES = 32 << 20
# Rows per row group of the final files: large enough for fast scans, small
# enough that one row group of the articles table (texts) is a few hundred MB
# at most while it is written.
ROW_GROUP_ROWS = 1 << 16
_HASHED_ID = re.compile(r"^\^?([a-z]+)\[0-9a-f\]\{16\}\$?$")
_PART_OPTIONS = {"compression": "lz4"}  # parts are read once, soon: fast beats small


def bucket_prefix(decl: Table) -> int | None:
    """Length of the id prefix when the table's leading sort column is a hashed id, else None."""
    col = decl.column_map[decl.sort_by[0]]
    m = _HASHED_ID.match(col.pattern or "")
    return len(m.group(1)) if m and not col.nullable else None


def sort_table(decl: Table, table: pa.Table) -> pa.Table:
    """``table`` in the declared order (nulls first, as :func:`curation.tables.build_table` sorts)."""
    if table.num_rows <= 1:
        return table
    return table.sort_by([(c, "ascending", "at_start") for c in decl.sort_by])


def _years(decl: Table, table: pa.Table) -> list[str]:
    if decl.partition_by is None:
        return [""] * table.num_rows
    assert decl.partition_source is not None
    years = pc.year(table[decl.partition_source]).to_pylist()
    return [NULL_PARTITION if y is None else str(y) for y in years]


class FinalWriter:
    """Writes one final Parquet file in row groups of exactly ``ROW_GROUP_ROWS`` rows (the last one shorter)."""

    def __init__(self, path: Path, schema: pa.Schema, rows_per_group: int | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.rows = 0
        self._schema = schema
        self._group = rows_per_group or ROW_GROUP_ROWS
        self._pending: list[pa.Table] = []
        self._n = 0
        self._writer = pq.ParquetWriter(path, schema, **_WRITE_OPTIONS)

    def write(self, table: pa.Table) -> None:
        """Append rows (already in final order)."""
        if table.num_rows == 0:
            return
        self._pending.append(table)
        self._n += table.num_rows
        while self._n >= self._group:
            self._emit(self._group)

    def _emit(self, n: int) -> None:
        whole = pa.concat_tables(self._pending)
        head, rest = whole.slice(0, n), whole.slice(n)
        # Contiguous arrays: page boundaries then depend on the rows only,
        # never on how the rows were chunked on their way here.
        self._writer.write_table(head.combine_chunks(), row_group_size=n)
        self.rows += n
        self._pending = [rest] if rest.num_rows else []
        self._n -= n

    def close(self) -> None:
        """Write the last row group and close the file."""
        if self._n:
            self._emit(self._n)
        self._writer.close()
        delay = os.environ.get("CURATION_TEST_WRITE_DELAY")
        if delay:  # test hook (see curation.write): lets a test kill a run in the middle of writing
            time.sleep(float(delay))


class Spool:
    """Buffers table rows as Arrow and spills them to part files under ``folder``.

    A spill writes one part file per table, with one row group per
    (year, bucket); an index in memory says where each bucket's row groups
    are, so compaction reads exactly one bucket at a time without a file per
    bucket. A run whose rows never pass the budget writes no parts at all.
    """

    def __init__(self, folder: Path, *, budget_bytes: int | None = None) -> None:
        self.folder = Path(folder)
        self.budget = budget_bytes or SPILL_BYTES
        self.spills = 0
        self._buffer: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
        self._bytes = 0
        self._counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._index: dict[str, dict[tuple[str, str], list[tuple[Path, int]]]] = {name: {} for name in TABLES}

    def add(self, name: str, table: pa.Table) -> None:
        """Buffer rows of table ``name`` (spilling when the buffer is over budget)."""
        if table.num_rows == 0:
            return
        self._buffer[name].append(table)
        self._counts[name] += table.num_rows
        if bucket_prefix(TABLES[name]) is not None:
            self._bytes += table.nbytes
            if self._bytes >= self.budget:
                self.spill()

    def count(self, name: str) -> int:
        """Rows added so far to table ``name``."""
        return self._counts[name]

    def spill(self) -> None:
        """Write the buffered rows of the bucketed tables to part files."""
        wrote = False
        for name, tables in self._buffer.items():
            decl = TABLES[name]
            plen = bucket_prefix(decl)
            if plen is None or not tables:
                continue
            table = pa.concat_tables(tables)
            self._buffer[name] = []
            buckets = pc.utf8_slice_codeunits(table[decl.sort_by[0]], plen, plen + 1).to_pylist()
            groups: dict[tuple[str, str], list[int]] = {}
            for i, key in enumerate(zip(_years(decl, table), buckets, strict=True)):
                groups.setdefault(key, []).append(i)
            path = self.folder / name / f"{self.spills:08d}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            with pq.ParquetWriter(path, table.schema, **_PART_OPTIONS) as writer:
                for rg, key in enumerate(sorted(groups)):
                    rows = groups[key]
                    writer.write_table(table.take(rows), row_group_size=len(rows))  # exactly one row group
                    self._index[name].setdefault(key, []).append((path, rg))
            wrote = True
        self._bytes = 0
        self.spills += wrote

    def write_final(self, root: Path, name: str, *,
                    transform: Callable[[pa.Table], pa.Table] | None = None) -> list[Path]:
        """Write table ``name`` under ``root/name`` (``year=YYYY`` folders when partitioned), sorted.

        ``transform`` is applied to each sorted slice before it is written (it
        must keep the order and the schema), e.g. to fill a column that is only
        known once every row has been seen.
        """
        decl = TABLES[name]
        schema = arrow_schema(decl)
        pieces: dict[str, list[Callable[[], pa.Table]]] = {}
        if self._index[name]:
            self.spill()  # the rest of the buffer joins the parts
            for (year, _bucket), refs in sorted(self._index[name].items()):
                pieces.setdefault(year, []).append(partial(_read_groups, refs))
        else:  # never spilled: the rows are all in memory, within the budget
            table = pa.concat_tables([pa.Table.from_batches([], schema), *self._buffer[name]])
            self._buffer[name] = []
            years = _years(decl, table)
            pieces = {y: [partial(_rows_of_year, table, years, y)] for y in sorted(set(years))}
        if not pieces:  # an empty table is still a file, with its schema
            pieces = {NULL_PARTITION if decl.partition_by else "": []}
        written = []
        for year in sorted(pieces, key=lambda y: (y != NULL_PARTITION, y)):
            if decl.partition_by:
                path = root / name / f"{decl.partition_by}={year}" / "part-0.parquet"
            else:
                path = root / name / "part-0.parquet"
            writer = FinalWriter(path, schema)
            for load in pieces[year]:
                piece = sort_table(decl, _conform(load(), schema))
                writer.write(transform(piece) if transform else piece)
            writer.close()
            written.append(path)
        return written

    def discard(self) -> None:
        """Delete the part files."""
        shutil.rmtree(self.folder, ignore_errors=True)


def write_sorted(root: Path, name: str, pieces: Iterable[pa.Table]) -> list[Path]:
    """Write table ``name`` under ``root/name`` from ``pieces`` that follow each other in the declared order.

    Each piece is sorted and split by year, and the files have the layout and
    fixed row groups of :meth:`Spool.write_final`, so their bytes depend on the
    rows alone, not on how they were cut into pieces.
    """
    decl = TABLES[name]
    schema = arrow_schema(decl)
    writers: dict[str, FinalWriter] = {}

    def path(year: str) -> Path:
        folder = root / name / f"{decl.partition_by}={year}" if decl.partition_by else root / name
        return folder / "part-0.parquet"

    for piece in pieces:
        piece = sort_table(decl, _conform(piece, schema))
        years = _years(decl, piece)
        distinct = sorted(set(years))
        for year in distinct:
            if year not in writers:
                writers[year] = FinalWriter(path(year), schema)
            writers[year].write(piece if len(distinct) == 1 else _rows_of_year(piece, years, year))
    if not writers:  # an empty table is still a file, with its schema
        year = NULL_PARTITION if decl.partition_by else ""
        writers[year] = FinalWriter(path(year), schema)
    written = []
    for year in sorted(writers, key=lambda y: (y != NULL_PARTITION, y)):
        writers[year].close()
        written.append(writers[year].path)
    return written


def _read_groups(refs: list[tuple[Path, int]]) -> pa.Table:
    files: dict[Path, list[int]] = {}
    for path, rg in refs:
        files.setdefault(path, []).append(rg)
    return pa.concat_tables([pq.ParquetFile(p).read_row_groups(rgs) for p, rgs in files.items()])


def _rows_of_year(table: pa.Table, years: list[str], year: str) -> pa.Table:
    return table.filter(pa.array([v == year for v in years], pa.bool_()))


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with exactly ``schema`` (column order and metadata), whatever parts it was read from."""
    return pa.Table.from_arrays([table[n] for n in schema.names], schema=schema)
