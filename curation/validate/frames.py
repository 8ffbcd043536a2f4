"""Tables as validation sees them: pandas frames with fixed dtypes, read tolerantly.

Validation must be able to look at a dataset that does not fit the current
declarations (written by an older version, or damaged), so reading here never
forces the declared schema: a table is read as it was written, and the suite
then says what differs. Integers and booleans become pandas' nullable dtypes
so that a null stays a null instead of turning the column into floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas import TABLES

_NULLABLE = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(),
             pa.int16(): pd.Int16Dtype(), pa.int8(): pd.Int8Dtype()}


def to_frame(table: pa.Table) -> pd.DataFrame:
    """A pyarrow table as a pandas frame with a plain 0..n-1 index.

    Dates become ``datetime64``, strings stay Python ``str`` objects (what
    great-expectations' regex and set expectations handle), lists stay lists.
    """
    df = table.to_pandas(types_mapper=_NULLABLE.get, date_as_object=False, strings_to_categorical=False)
    for name in df.columns:
        # pandas >= 3 may infer its own string dtype; keep plain objects for a stable type check.
        if isinstance(df[name].dtype, pd.StringDtype):
            df[name] = df[name].astype(object).where(df[name].notna(), None)
        elif pa.types.is_list(table.schema.field(name).type):
            # pyarrow gives numpy arrays; plain lists are what a list column holds for every reader.
            df[name] = df[name].map(lambda v: None if v is None else list(v.tolist())).astype(object)
    return df.reset_index(drop=True)


def read_raw_table(root: Path, name: str, *, where: ds.Expression | None = None,
                   columns: Sequence[str] | None = None) -> pa.Table | None:
    """Table ``name`` of the dataset at ``root`` as written (no schema forced); None when absent.

    ``where`` keeps only the rows it selects (a group of articles, see
    :mod:`curation.validate.groups`); ``columns`` reads only those columns
    and the declared sort keys, so the rows still come in the declared order.
    """
    folder = Path(root) / name
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return None
    decl = TABLES.get(name)
    if columns is not None and decl is not None:
        columns = list(dict.fromkeys([*columns, *decl.sort_by]))
    if where is not None:
        table = _scan(folder, where, columns, decl.partition_by if decl is not None else None)
    elif decl is not None and decl.partition_by:
        part = ds.partitioning(pa.schema([(decl.partition_by, pa.string())]), flavor="hive")
        table = ds.dataset(folder, format="parquet", partitioning=part).to_table(columns=columns)
        if decl.partition_by in table.column_names and decl.partition_by not in decl.names:
            table = table.drop_columns([decl.partition_by])
    else:
        table = ds.dataset(folder, format="parquet").to_table(columns=columns)
    if decl is not None and table.num_rows:
        # Partitions come back in folder order; validation reports row positions in declared order.
        keys = [(k, "ascending") for k in decl.sort_by if k in table.column_names]
        if keys:
            table = table.sort_by(keys)
    return table


def _scan(folder: Path, where: ds.Expression, columns: Sequence[str] | None, partition_by: str | None) -> pa.Table:
    """The rows ``where`` selects from the files under ``folder``, read a thousand rows at a time.

    A group of articles is a small part of each file: a dataset scan would
    decode whole row groups (up to 65,536 articles' texts) to keep a few, so
    the files are streamed page by page and filtered as they go.
    """
    files = ds.dataset(folder, format="parquet").files  # the order a whole read uses
    parts, schema = [], None
    for path in files:
        f = pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
        names = [c for c in f.schema_arrow.names if c != partition_by]
        cols = names if columns is None else [c for c in columns if c in names]
        schema = schema or pa.schema([f.schema_arrow.field(c) for c in cols])
        for batch in f.iter_batches(batch_size=1024, columns=cols):
            rows = pa.Table.from_batches([batch]).filter(where)
            if rows.num_rows:
                parts.append(rows)
    assert schema is not None
    return pa.concat_tables(parts) if parts else schema.empty_table()
