"""Cross-table checks: what no single table's suite can see.

Every foreign key resolves; offsets lie inside the article text and the
stored text equals the slice it claims to be; an article's hash and length
match its text; an event is not dated after its article's publication unless
it has not happened yet; dates lie within a plausible range; one canonical
row per actor. Each check returns the positions of the rows that fail it, so
blocking ones can be quarantined row by row.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from curation.validate.core import CheckResult
from curation.validate.examples import make_examples
from schemas import TABLES

# The earliest date an event in a news-derived geopolitical dataset may carry.
# Older references ("the 1648 peace of Westphalia") are history, not events the
# extractor should emit; ACLED and GDELT start far later.
EARLIEST_EVENT_DATE = date(1800, 1, 1)
# How far beyond its article's publication a future (announced, planned) event may lie.
FUTURE_HORIZON_DAYS = 366
# Modalities that say the event has not happened (yet): they may be dated after publication.
NOT_YET = frozenset({"future", "possible", "conditional"})
# The shared actor-id conventions: ISO3 or ISO3-SECTOR, a person's slug, an organisation's code.
ACTOR_ID = re.compile(r"[A-Z]{3}(-[A-Z]{3})?|[a-z0-9]+(-[a-z0-9]+)*|[A-Z][A-Z0-9]{1,11}(-[A-Z0-9]+)*")
# Tables whose rows are spans of an article's text, and the column holding the span's text.
SPAN_TEXT = {"timexes": "text", "mentions": "text", "events": "evidence"}

Frames = Mapping[str, pd.DataFrame]


@dataclass(frozen=True, slots=True)
class CrossCheck:
    """A cross-table check: its name, the table it judges, and the function finding failing rows."""

    name: str
    table: str
    columns: tuple[str, ...]
    description: str
    blocking: bool
    find: Callable[[Frames, Mapping[str, str]], list[int]]


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    if name not in df.columns:
        raise KeyError(f"column {name} is missing")
    return df[name]


def _ints(df: pd.DataFrame, name: str) -> pd.Series:
    return pd.to_numeric(_col(df, name), errors="coerce").astype("Float64")


def _dates(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, errors="coerce")


def _positions(mask: pd.Series) -> list[int]:
    return [int(i) for i in mask[mask.fillna(False).astype(bool)].index]


def foreign_key_check(table: str, columns: tuple[str, ...], ref_table: str, ref_columns: tuple[str, ...]) -> CrossCheck:
    """Every non-null value of ``table.columns`` exists in ``ref_table.ref_columns``."""

    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df, ref = frames[table], frames.get(ref_table)
        if ref is None:
            raise KeyError(f"table {ref_table} is missing")
        keys = set(zip(*(_col(ref, c) for c in ref_columns), strict=True))
        vals = list(zip(*(_col(df, c) for c in columns), strict=True))
        return [i for i, v in enumerate(vals)
                if not any(x is None or pd.isna(x) for x in v) and v not in keys]

    cols = ", ".join(columns)
    return CrossCheck(f"fk.{table}.{'+'.join(columns)}", table, columns,
                      f"every {table}.{cols} resolves to a row of {ref_table} ({', '.join(ref_columns)})", True, find)


def _offsets(table: str) -> CrossCheck:
    def find(frames: Frames, texts: Mapping[str, str]) -> list[int]:
        df = frames[table]
        n = _col(df, "article_id").map(lambda a: len(texts[a]) if a in texts else pd.NA).astype("Float64")
        s, e = _ints(df, "char_start"), _ints(df, "char_end")
        bad = (s < 0) | (e <= s) | (e > n)
        if table == "events":
            t0, t1 = _ints(df, "trigger_start"), _ints(df, "trigger_end")
            bad = bad | (t0 < s) | (t1 <= t0) | (t1 > e)
        # Rows of unknown articles are the foreign-key check's to report.
        return _positions(bad & n.notna())

    extra = ", trigger_start, trigger_end" if table == "events" else ""
    what = " and the trigger lies inside the evidence" if table == "events" else ""
    return CrossCheck(f"offsets.{table}", table, ("article_id", "char_start", "char_end"),
                      f"{table} offsets{extra} lie inside the article text (0 <= start < end <= n_chars){what}",
                      True, find)


def _slice(table: str, column: str, start: str = "char_start", end: str = "char_end") -> CrossCheck:
    def find(frames: Frames, texts: Mapping[str, str]) -> list[int]:
        df = frames[table]
        out = []
        for i, (a, s, e, v) in enumerate(zip(_col(df, "article_id"), _col(df, start), _col(df, end),
                                             _col(df, column), strict=True)):
            text = texts.get(a)
            if text is None or pd.isna(s) or pd.isna(e):
                continue
            if not isinstance(v, str) or text[int(s):int(e)] != v:
                out.append(i)
        return out

    return CrossCheck(f"slice.{table}.{column}", table, ("article_id", start, end, column),
                      f"{table}.{column} equals the article text between {start} and {end}", True, find)


def _article_text() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df = frames["articles"]
        out = []
        for i, (aid, text, sha, n) in enumerate(zip(_col(df, "article_id"), _col(df, "text"),
                                                    _col(df, "text_sha256"), _col(df, "n_chars"), strict=True)):
            if not isinstance(text, str):
                continue  # the not-null expectation reports it
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if sha != digest or aid != "a" + digest[:16] or pd.isna(n) or int(n) != len(text):
                out.append(i)
        return out

    return CrossCheck("articles.text_integrity", "articles", ("article_id", "text_sha256", "n_chars"),
                      "article_id, text_sha256 and n_chars agree with the stored text", True, find)


def _published(frames: Frames) -> dict[str, pd.Timestamp]:
    arts = frames["articles"]
    pub = _dates(_col(arts, "published"))
    return {a: p for a, p in zip(_col(arts, "article_id"), pub, strict=True) if not pd.isna(p)}


def _not_after_publication() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df, pub = frames["events"], _published(frames)
        published = _col(df, "article_id").map(pub)
        published = pd.to_datetime(published, errors="coerce")
        after = _dates(_col(df, "event_date")) > published
        return _positions(after & ~_col(df, "modality").isin(NOT_YET))

    return CrossCheck("events.not_after_publication", "events", ("event_date", "modality", "article_id"),
                      "an event is not dated after its article's publication unless its modality is "
                      + ", ".join(sorted(NOT_YET)), True, find)


def _plausible_dates() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df, pub = frames["events"], _published(frames)
        start, end = _dates(_col(df, "event_date")), _dates(_col(df, "event_date_end"))
        horizon = pd.to_datetime(_col(df, "article_id").map(pub), errors="coerce") + pd.Timedelta(
            days=FUTURE_HORIZON_DAYS)
        bad = (start < pd.Timestamp(EARLIEST_EVENT_DATE)) | (start > horizon) | (end > horizon) | (end < start)
        bad = bad | (start.isna() & end.notna())
        return _positions(bad)

    return CrossCheck("events.plausible_dates", "events", ("event_date", "event_date_end", "article_id"),
                      f"event dates lie between {EARLIEST_EVENT_DATE.isoformat()} and the article's publication "
                      f"plus {FUTURE_HORIZON_DAYS} days, and event_date <= event_date_end", True, find)


def _date_order(table: str, start: str, end: str) -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df = frames[table]
        return _positions(_dates(_col(df, start)) > _dates(_col(df, end)))

    return CrossCheck(f"{table}.date_order", table, (start, end), f"{table}.{start} <= {end}", True, find)


def _canonical_actors() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df = frames["actors"]
        # Plain tuples: string concatenation in pandas turns a null country into a null key,
        # and every organisation (country null) would look like every other.
        keys = [(str(n).casefold().strip(), str(t), None if c is None or pd.isna(c) else str(c))
                for n, t, c in zip(_col(df, "name"), _col(df, "actor_type"), _col(df, "country"), strict=True)]
        seen: dict[tuple[str, str, str | None], int] = {}
        for k in keys:
            seen[k] = seen.get(k, 0) + 1
        return [i for i, k in enumerate(keys) if seen[k] > 1]

    return CrossCheck("actors.canonical", "actors", ("actor_id", "name", "actor_type", "country"),
                      "one canonical row per actor: no two actor ids share a name, type and country", False, find)


def _actor_id_convention() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        ids = _col(frames["actors"], "actor_id")
        return [i for i, v in enumerate(ids) if isinstance(v, str) and not ACTOR_ID.fullmatch(v)]

    # A warning: the declared pattern is the contract; this is the team's naming convention.
    return CrossCheck("actors.id_convention", "actors", ("actor_id",),
                      "actor ids follow the convention: ISO3, ISO3-SECTOR, a person's slug or an organisation's code",
                      False, find)


def _cluster_counts() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        clusters, events = frames["event_clusters"], frames["events"]
        counts = _col(events, "event_cluster_id").value_counts()
        n = _col(clusters, "event_cluster_id").map(counts).fillna(0)
        return _positions(n != _ints(clusters, "n_mentions"))

    return CrossCheck("event_clusters.n_mentions", "event_clusters", ("event_cluster_id", "n_mentions"),
                      "n_mentions equals the number of events assigned to the cluster", False, find)


def _event_actor_roles() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        ea, ev = frames["event_actors"], frames["events"]
        src = dict(zip(_col(ev, "event_id"), _col(ev, "source_actor_id"), strict=True))
        tgt = dict(zip(_col(ev, "event_id"), _col(ev, "target_actor_id"), strict=True))
        out = []
        for i, (e, a, r) in enumerate(zip(_col(ea, "event_id"), _col(ea, "actor_id"), _col(ea, "role"), strict=True)):
            expected = src if r == "source" else tgt if r == "target" else None
            if expected is not None and e in expected and expected[e] != a:
                out.append(i)
        return out

    return CrossCheck("event_actors.roles_match_events", "event_actors", ("event_id", "actor_id", "role"),
                      "a source or target in event_actors is the event's source_actor_id or target_actor_id",
                      False, find)


def _same_article(table: str, column: str, ref_table: str, ref_column: str, blocking: bool) -> CrossCheck:
    """A row and the row it points to (``table.column`` -> ``ref_table.ref_column``) share their article."""

    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df, ref = frames[table], frames[ref_table]
        article_of = dict(zip(_col(ref, ref_column), _col(ref, "article_id"), strict=True))
        if table == "event_actors":  # event_actors has no article_id of its own: its event's
            ev = frames["events"]
            own_of = dict(zip(_col(ev, "event_id"), _col(ev, "article_id"), strict=True))
            own = [own_of.get(e) for e in _col(df, "event_id")]
        else:
            own = list(_col(df, "article_id"))
        return [i for i, (mine, key) in enumerate(zip(own, _col(df, column), strict=True))
                if mine is not None and key in article_of and article_of[key] != mine]

    return CrossCheck(f"{table}.{column}.same_article", table, (column,),
                      f"the {ref_table} row that {table}.{column} names comes from the same article", blocking, find)


def _date_basis() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df = frames["events"]
        basis, tx, start = _col(df, "date_basis"), _col(df, "timex_id"), _col(df, "event_date")
        bad = ((basis == "timex") & tx.isna()) | ((basis == "none") & start.notna()) | (
            (basis != "none") & start.isna())
        if "date_via" in df:
            via = _col(df, "date_via").astype(object)
            expected = via.map(lambda v: "publication" if v == "publication" else "timex" if v in _VIA_TIMEX
                               else "none")
            bad = bad | (expected != basis.astype(object))
        return _positions(bad)

    return CrossCheck("events.date_basis", "events", ("date_basis", "timex_id", "event_date", "date_via"),
                      "date_basis agrees with the row: 'timex' names a timex_id, 'none' has no date, "
                      "any other basis has one; date_via says how the text or the publication dated it, or "
                      "why nothing did", True, find)


def _place_columns() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df = frames["events"]
        if "place_name" not in df:
            return []
        named = _col(df, "place_name").notna()
        parts = [_col(df, c).notna() for c in ("latitude", "longitude", "geo_precision", "place_basis")]
        bad_country = named & _col(df, "country").isna()
        bad = bad_country.copy()
        for part in parts:
            bad = bad | (named != part)
        precision = _ints(df, "geo_precision")
        basis = _col(df, "place_basis").astype(object)
        bad = bad | ((basis == "setting") & (precision != 3)).fillna(False)
        bad = bad | (named & _col(df, "geonameid").isna() & (precision != 3)).fillna(False)
        return _positions(bad)

    return CrossCheck("events.place_columns", "events",
                      ("place_name", "latitude", "longitude", "geo_precision", "place_basis", "country", "geonameid"),
                      "a placed event has its coordinates, precision, basis and country, and an unplaced one no "
                      "coordinates, precision or basis (a country alone may be known); the setting and a division "
                      "(no geonameid) are precision 3", True, find)


def _counts() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df = frames["events"]
        bad = pd.Series(False, index=df.index)
        for name in ("fatalities", "injured", "arrested"):
            if name not in df:
                continue
            value, qual = _col(df, name), _col(df, f"{name}_qualifier").astype(object)
            bad = bad | (value.notna() & (qual.isna() | (qual == "vague"))) | (
                value.isna() & qual.notna() & (qual != "vague"))
        if "arrested" in df:
            bad = bad | (_col(df, "arrested").notna() & (_col(df, "event_type").astype(object) != "COERCE"))
        return _positions(bad)

    return CrossCheck("events.counts", "events", ("fatalities", "injured", "arrested", "event_type"),
                      "a count has a qualifier and a vague count none; arrests are counted on COERCE events", True,
                      find)


def _place_in_gazetteer() -> CrossCheck:
    def find(frames: Frames, _texts: Mapping[str, str]) -> list[int]:
        df = frames["events"]
        if "place_name" not in df or not df["place_name"].notna().any():
            return []
        from curation.geo.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        seen: dict[tuple[Any, ...], bool] = {}
        bad: list[int] = []
        cols = ("place_name", "country", "admin1", "latitude", "longitude")
        for i, name, country, admin1, lat, lon in zip(df.index, *(df[c] for c in cols), strict=True):
            if pd.isna(name):
                continue
            key = (name, country, None if pd.isna(admin1) else admin1, round(float(lat), 3), round(float(lon), 3))
            if key not in seen:
                seen[key] = any(p.name == name and p.country == country and p.admin1 == key[2]
                                and abs(p.latitude - key[3]) < 0.01 and abs(p.longitude - key[4]) < 0.01
                                for p, _own in gaz.lookup(str(name)))
            if not seen[key]:
                bad.append(int(i))
        return bad

    return CrossCheck("events.place_in_gazetteer", "events", ("place_name", "country", "admin1", "latitude",
                                                             "longitude"),
                      "the place is the gazetteer's: its name, country, first-level division and coordinates "
                      "agree (admin1 lies in that country)", False, find)


# date_via values that rest on a timex of the text (date_basis 'timex').
_VIA_TIMEX = frozenset({"governed", "clause", "at_the_time", "same_event", "ordered", "told_past", "narrative"})


def cross_checks() -> list[CrossCheck]:
    """Every cross-table check, foreign keys from the declarations first."""
    checks = [foreign_key_check(t.name, fk.columns, fk.ref_table, fk.ref_columns)
              for t in TABLES.values() for fk in t.foreign_keys]
    checks.append(_article_text())
    for table, column in SPAN_TEXT.items():
        checks.append(_offsets(table))
        checks.append(_slice(table, column))
    checks.append(_slice("events", "trigger", "trigger_start", "trigger_end"))
    checks += [_same_article("events", "timex_id", "timexes", "timex_id", True),
               _same_article("event_actors", "mention_id", "mentions", "mention_id", False),
               _date_basis(), _not_after_publication(), _plausible_dates(),
               _date_order("timexes", "start_date", "end_date"),
               _date_order("actor_roles", "start_date", "end_date"), _canonical_actors(), _actor_id_convention(),
               _cluster_counts(), _event_actor_roles(), _place_columns(), _place_in_gazetteer(), _counts()]
    return checks


def article_texts(frames: Frames) -> dict[str, str]:
    """article_id -> text, for the checks and the examples."""
    arts = frames.get("articles")
    if arts is None or "article_id" not in arts.columns or "text" not in arts.columns:
        return {}
    return {a: t for a, t in zip(arts["article_id"], arts["text"], strict=True)
            if isinstance(a, str) and isinstance(t, str)}


def run_cross_checks(frames: Frames, texts: Mapping[str, str] | None = None, *,
                     only: Collection[str] | None = None) -> list[CheckResult]:
    """Run every cross-table check, collecting failures (a check that cannot run is a failure too).

    ``only`` limits the checks to those judging the tables named.
    """
    texts = article_texts(frames) if texts is None else texts
    results = []
    for chk in cross_checks():
        if only is not None and chk.table not in only:
            continue
        df = frames.get(chk.table)
        n = 0 if df is None else len(df)
        try:
            if df is None:
                raise KeyError(f"table {chk.table} is missing")
            rows = sorted(set(chk.find(frames, texts)))
            error = None
        except KeyError as exc:
            rows, error = [], str(exc.args[0]) if exc.args else str(exc)
        examples = make_examples(chk.table, df, rows, chk.columns, texts) if df is not None and rows else ()
        results.append(CheckResult(
            name=chk.name, table=chk.table, columns=chk.columns, kind="cross_table", description=chk.description,
            blocking=chk.blocking, success=not rows and error is None, n_rows=n, unexpected_count=len(rows),
            rows=tuple(rows), examples=examples, error=error))
    return results
