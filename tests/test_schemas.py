"""Schemas: the declarations are the single source of the arrow schemas and the data dictionary."""

from __future__ import annotations

from dataclasses import fields

import pyarrow as pa
import pytest

from curation import records
from schemas import TABLES
from schemas.arrow import arrow_schema
from schemas.dictionary import data_dictionary
from tests.conftest import ROOT


@pytest.mark.parametrize("name", list(TABLES))
def test_arrow_schema_follows_declaration(name: str) -> None:
    decl = TABLES[name]
    schema = arrow_schema(decl)
    assert schema.names == decl.names
    for col in decl.columns:
        field = schema.field(col.name)
        assert field.nullable == col.nullable
        assert (field.type == pa.date32()) == (col.type == "date")
    assert schema.metadata[b"curation.table"] == name.encode()


@pytest.mark.parametrize(
    ("record", "table"),
    [(records.Timex, "timexes"), (records.Mention, "mentions"), (records.Event, "events"),
     (records.EventActor, "event_actors"), (records.Actor, "actors"), (records.ActorRole, "actor_roles")],
)
def test_records_fit_their_tables(record: type, table: str) -> None:
    declared = set(TABLES[table].names)
    assert {f.name for f in fields(record)} <= declared


def test_committed_data_dictionary_is_current() -> None:
    committed = (ROOT / "docs" / "data-dictionary.md").read_text("utf-8")
    assert committed == data_dictionary(), "run: python -m schemas.dictionary > docs/data-dictionary.md"
