"""The declaration vocabulary: a table is a tuple of typed, documented columns."""

from __future__ import annotations

from dataclasses import dataclass, field

# Logical types; schemas.arrow maps each to one pyarrow type.
LOGICAL_TYPES = frozenset(
    {"string", "int32", "int64", "float64", "bool", "date", "list<string>", "category"}
)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table.

    ``allowed`` lists the values of an enumeration (stored as a string,
    loaded as a pandas categorical); ``pattern`` is a full-match regular
    expression every non-null value must satisfy; ``min``/``max`` bound numbers.
    """

    name: str
    type: str
    description: str
    nullable: bool = False
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    min: float | None = None
    max: float | None = None
    unique: bool = False

    def __post_init__(self) -> None:
        if self.type not in LOGICAL_TYPES:
            raise ValueError(f"column {self.name}: unknown logical type {self.type!r}")
        if self.allowed is not None and self.type != "category":
            raise ValueError(f"column {self.name}: allowed values need type 'category'")


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """``columns`` of this table reference ``ref_columns`` of ``ref_table``."""

    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table: its columns in order, primary key, foreign keys and partitioning.

    ``partition_by`` names a derived integer column (the year) used for hive
    partitioning; it is not stored inside the Parquet files but in the folder
    names (``year=2022``), as hive partitioning does.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    partition_by: str | None = None
    partition_source: str | None = None  # date column the partition year comes from
    version: int = 1
    column_map: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_map", {c.name: c for c in self.columns})
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name}: duplicate column names")
        for key in (*self.primary_key, *self.sort_by):
            if key not in self.column_map:
                raise ValueError(f"table {self.name}: key column {key} not declared")

    @property
    def names(self) -> list[str]:
        """Column names in declared order."""
        return [c.name for c in self.columns]
