"""Build a timeline: event clusters filtered by actors, dyad, type, dates and factuality.

One row per event cluster (a real-world event, deduplicated across sentences
and articles), joined to its best mention in ``events`` for the evidence and
to ``articles`` for the source, so every row can be traced to a sentence and
cited. Each timeline carries the sha256 of the dataset's ``manifest.json``,
so that it can be rebuilt and checked against the dataset it came from.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from curation.errors import Errors, TimelineError
from curation.timelines.actors import ActorIndex
from curation.timelines.dates import PRECISION_RANK, display_date, parse_bound
from curation.timelines.summary import summarize
from curation.write import MANIFEST, file_sha256, manifest_text
from schemas.tables import EVENT_TYPES, MODALITIES, PRECISIONS, QUAD_CLASSES

NEEDED_TABLES = ("event_clusters", "events", "articles", "actors")

# The columns of a timeline, in order, with their pandas dtypes; the csv
# reader restores exactly these, so a timeline survives a round trip.
COLUMNS: dict[str, Any] = {
    "date": "datetime64[s]",
    "date_end": "datetime64[s]",
    "precision": pd.CategoricalDtype(list(PRECISIONS)),
    "display_date": "str",
    "date_basis": "str",
    "event_type": pd.CategoricalDtype(list(EVENT_TYPES)),
    "quad_class": pd.CategoricalDtype(list(QUAD_CLASSES)),
    "source_actor_id": "str",
    "source_actor": "str",
    "target_actor_id": "str",
    "target_actor": "str",
    "summary": "str",
    "modality": pd.CategoricalDtype(list(MODALITIES)),
    "polarity": pd.CategoricalDtype(["asserted", "negated"]),
    "confidence": "float64",
    "n_articles": "int64",
    "n_mentions": "int64",
    "n_sources": "int64",
    "country": "str",
    "evidence": "str",
    "trigger": "str",
    "trigger_offset": "Int64",
    "location": "str",
    "place_name": "str",
    "admin1": "str",
    "latitude": "float64",
    "longitude": "float64",
    "geonameid": "Int64",
    "geo_precision": "Int64",
    "place_basis": "str",
    "title": "str",
    "publisher": "str",
    "url": "str",
    "published": "datetime64[s]",
    "article_source": "str",
    "publishers": "str",
    "article_ids": "str",
    "event_cluster_id": "str",
    "best_event_id": "str",
    "article_id": "str",
    "manifest_sha256": "str",
}
# What each column means, for the docs and the csv/json reader's users.
COLUMN_DOCS: dict[str, str] = {
    "date": "First day of the event's date interval (event_clusters.event_date).",
    "date_end": "Last day of the interval; equals date for a day-precision event.",
    "precision": "Precision of the date: day, week, month, quarter, season, year ...",
    "display_date": "The date as it should be read: the whole period its precision covers ('2022', "
                    "'March 2025', '24 February 2022'), a range when it spans several, 'undated' when none.",
    "date_basis": "What the date comes from: 'timex', a date written in the text; 'publication', the "
                  "article's publication date because the text gives none (the event happened in the week ending on "
                  "it: date and date_end span that week); 'none'.",
    "event_type": "PLOVER event category.",
    "quad_class": "Verbal/material cooperation/conflict.",
    "source_actor_id": "Actor that did the event (id of the actors table).",
    "source_actor": "Canonical name of the source actor.",
    "target_actor_id": "Actor the event was done to.",
    "target_actor": "Canonical name of the target actor.",
    "summary": "One line: who did what to whom, with the event's factuality ('may attack', "
               "'did not attack', 'reportedly attacked').",
    "modality": "actual, possible, future, conditional or reported.",
    "polarity": "asserted or negated.",
    "confidence": "Confidence of the cited mention.",
    "n_articles": "Distinct articles reporting the event.",
    "n_mentions": "Event mentions (sentences) reporting it.",
    "n_sources": "Distinct publishers reporting it.",
    "country": "Country where the event took place, when stated.",
    "evidence": "The sentence of the cited mention, exactly as in the article.",
    "trigger": "The word or phrase of the cited mention that expresses the event.",
    "trigger_offset": "Offset of the trigger in the evidence sentence (evidence[trigger_offset:][:len(trigger)]).",
    "location": "Place of the event as the cited mention writes it.",
    "place_name": "The cited mention's place in the gazetteer (GeoNames): a town, a province or a country.",
    "admin1": "First-level division of the place (a province, a US state; England, Scotland ...).",
    "latitude": "Latitude of the place (WGS84).",
    "longitude": "Longitude of the place (WGS84).",
    "geonameid": "GeoNames id of the town or country (empty for a division).",
    "geo_precision": "1 the event is in the town itself, 2 near it or in a part of it, 3 only the province, "
                     "region or country is known (ACLED's geo-precision).",
    "place_basis": "Where the place comes from: 'trigger' or 'clause' (what the text says of this event), "
                   "'dateline' (the article's dateline), 'setting' (the state the article is about: a fallback).",
    "title": "Headline of the cited article.",
    "publisher": "Publisher of the cited article.",
    "url": "URL of the cited article.",
    "published": "Publication date of the cited article.",
    "article_source": "Input file (and record) the cited article was read from.",
    "publishers": "Every publisher reporting the event, '; '-separated, sorted.",
    "article_ids": "Every article reporting the event, space-separated: the cited one first, then by id.",
    "event_cluster_id": "Id of the event in the event_clusters table.",
    "best_event_id": "Id of the cited mention in the events table: the cluster's best one, or its most "
                     "confident member still present when validation quarantined the best.",
    "article_id": "Id of the cited article in the articles table.",
    "manifest_sha256": "sha256 of the dataset's manifest.json: the dataset the timeline was built from.",
}
DATE_COLUMNS = tuple(c for c, t in COLUMNS.items() if t == "datetime64[s]")
# The place of the cited mention (events table), as geocoded by the job.
PLACE_COLUMNS = ("place_name", "admin1", "latitude", "longitude", "geonameid", "geo_precision", "place_basis")


@dataclass(frozen=True, slots=True)
class TimelineQuery:
    """A timeline query after validation, with the actor ids its filters resolved to."""

    actors: tuple[str, ...] = ()
    dyad: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    types: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    modalities: tuple[str, ...] | None = ("actual",)
    min_confidence: float | None = None
    include_negated: bool = False
    include_undated: bool = False
    expand: bool = True
    directed: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The query as plain JSON-ready values (dates as ISO strings)."""
        d = asdict(self)
        for k in ("start", "end"):
            d[k] = d[k].isoformat() if d[k] else None
        for k, v in d.items():
            if isinstance(v, tuple):
                d[k] = [list(x) if isinstance(x, tuple) else x for x in v]
        return d


def _seconds(values: pd.Series) -> pd.Series:
    """``values`` (dates, datetimes or ISO date strings) as datetime64[s], which holds years 1 to 9999.

    pandas' own parsing goes through nanoseconds (years 1677 to 2262) and guesses formats; a
    timeline of the Peloponnesian war or of a date a text put in year 9999 must read back all the same.
    """
    import numpy as np

    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.astype("datetime64[s]")

    def one(v: Any) -> Any:
        if v is None or v is pd.NaT or (isinstance(v, float) and v != v) or v == "":
            return np.datetime64("NaT", "s")
        if isinstance(v, str):
            return np.datetime64(date.fromisoformat(v[:10]), "s")
        if isinstance(v, pd.Timestamp):
            return v.to_datetime64().astype("datetime64[s]")
        return np.datetime64(v, "s")

    return pd.Series(np.array([one(v) for v in values], dtype="datetime64[s]"), index=values.index)


def coerce(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with exactly the timeline columns, in order, with their declared dtypes."""
    out = pd.DataFrame(index=pd.RangeIndex(len(df)))
    for col, dtype in COLUMNS.items():
        values = df[col].reset_index(drop=True) if col in df else pd.Series([None] * len(df), dtype=object)
        if dtype == "datetime64[s]":
            out[col] = _seconds(values)
        elif dtype == "Int64":
            out[col] = pd.to_numeric(values).astype("Int64")
        elif dtype == "str":
            out[col] = values.astype(object).where(values.notna(), None).astype("str")
        else:
            out[col] = values.astype(dtype)
    return out


def manifest_sha256(dataset: Any) -> str:
    """sha256 of the dataset's ``manifest.json`` bytes.

    For a loaded dataset, the file is hashed only while it still holds the
    manifest that was loaded (a dataset rewritten since is another dataset);
    otherwise the loaded manifest is serialized as
    :func:`curation.write.write_dataset` writes it, which gives the same bytes.
    """
    if isinstance(dataset, (str, Path)):
        return file_sha256(Path(dataset) / MANIFEST)
    manifest = getattr(dataset, "manifest", None)
    path = getattr(dataset, "path", None)
    if path is not None and (Path(path) / MANIFEST).is_file():
        data = (Path(path) / MANIFEST).read_bytes()
        if manifest is None or json.loads(data) == manifest:
            return hashlib.sha256(data).hexdigest()
    if manifest is None:
        return ""
    return hashlib.sha256(manifest_text(manifest).encode("utf-8")).hexdigest()


def _frames(dataset: Any) -> Mapping[str, pd.DataFrame]:
    if isinstance(dataset, (str, Path)):
        from curation.loader import load, read_manifest

        root = Path(dataset)
        if (root / "manifest.json").is_file():
            listed = {rel.split("/", 1)[0] for rel in read_manifest(root).get("files") or {}}
            for name in NEEDED_TABLES:
                # A table its manifest never listed: a dataset older than the table. One it lists and
                # that is gone is a damaged dataset, which load reports (E046).
                if not (root / name).is_dir() and name not in listed:
                    raise TimelineError(Errors.E078.format(path=root, table=name))
        return load(root, tables=NEEDED_TABLES)  # E040 when there is no dataset at all
    for name in NEEDED_TABLES:
        if name not in dataset:
            raise TimelineError(Errors.E078.format(path=getattr(dataset, "path", "(in memory)"), table=name))
    return dataset


def _strings(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _types(values: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for v in values:
        t = v.strip()
        if t.upper() in EVENT_TYPES:
            out.append(t.upper())
        elif t.lower() in QUAD_CLASSES:
            out.append(t.lower())
        else:
            raise TimelineError(Errors.E074.format(value=v, allowed=", ".join(EVENT_TYPES),
                                                   quads=", ".join(QUAD_CLASSES)))
    return tuple(dict.fromkeys(out))


def _modalities(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    out = []
    for v in _strings(values):
        if v.strip().lower() not in MODALITIES:
            raise TimelineError(Errors.E075.format(value=v, allowed=", ".join(MODALITIES)))
        out.append(v.strip().lower())
    return tuple(dict.fromkeys(out))


def _confidence(value: Any) -> float | None:
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError) as exc:
        raise TimelineError(Errors.E076.format(value=value)) from exc
    if not 0.0 <= f <= 1.0:
        raise TimelineError(Errors.E076.format(value=value))
    return f


def timeline(
    dataset: Any,
    *,
    actors: str | Iterable[str] | None = None,
    dyad: tuple[str | Iterable[str], str | Iterable[str]] | None = None,
    types: str | Iterable[str] | None = None,
    start: Any = None,
    end: Any = None,
    modalities: Sequence[str] | None = ("actual",),
    min_confidence: float | None = None,
    include_negated: bool = False,
    include_undated: bool = False,
    expand: bool = True,
    directed: bool = False,
) -> pd.DataFrame:
    """A timeline of the dataset's events: one row per event cluster, sorted by date.

    ``dataset`` is a dataset folder or a dataset loaded with :func:`curation.load`.
    Filters combine with AND:

    - ``actors``: ids, names or aliases; an event matches when its source or
      its target is one of them (only its source when ``directed`` and no
      ``dyad`` is given);
    - ``dyad=(a, b)``: events between ``a`` and ``b`` (each side an actor or a
      list of actors), in either direction unless ``directed`` (then ``a`` is
      the source and ``b`` the target);
    - ``expand`` (default): a state matches its sectors (RUS: RUS-GOV, RUS-MIL
      ...) and the actors coded with it as country;
    - ``types``: PLOVER categories (ASSAULT) or quad classes (material_conflict);
    - ``start``/``end``: dates or "YYYY", "YYYY-MM", "YYYY-Qn", "YYYY-MM-DD";
      an event is kept when its date interval overlaps [start, end], so a
      year-precision event is not lost from a window inside its year;
    - ``modalities``: kept modalities (None for all; default only "actual");
    - ``min_confidence``: lowest confidence of the cluster's best mention;
    - ``include_negated``/``include_undated``: keep negated or undated events
      (undated ones are listed last).

    Columns: see :data:`COLUMNS`. ``df.attrs`` holds ``manifest_sha256`` and
    the resolved ``query``.
    """
    frames = _frames(dataset)
    sha = manifest_sha256(dataset)
    index = ActorIndex.from_frame(frames["actors"])
    d0, d1 = parse_bound(start, end=False, what="start"), parse_bound(end, end=True, what="end")
    if d0 and d1 and d0 > d1:
        raise TimelineError(Errors.E073.format(start=d0, end=d1))
    actor_q = _strings(actors)
    dyad_q = None
    if dyad is not None:
        a, b = dyad
        dyad_q = (_strings(a), _strings(b))
    query = TimelineQuery(
        actors=tuple(sorted(index.matcher(actor_q, expand=expand))) if actor_q else (),
        dyad=(tuple(sorted(index.matcher(dyad_q[0], expand=expand))),
              tuple(sorted(index.matcher(dyad_q[1], expand=expand)))) if dyad_q else None,
        types=_types(_strings(types)), start=d0, end=d1, modalities=_modalities(modalities),
        min_confidence=_confidence(min_confidence), include_negated=include_negated,
        include_undated=include_undated, expand=expand, directed=directed,
    )
    clusters = _filter(frames["event_clusters"], query)
    df = _join(clusters, frames["events"], frames["articles"], index, sha)
    df.attrs["manifest_sha256"] = sha
    df.attrs["query"] = query.as_dict()
    return df


def _filter(cl: pd.DataFrame, q: TimelineQuery) -> pd.DataFrame:
    keep = pd.Series(True, index=cl.index)
    src, tgt = cl["source_actor_id"], cl["target_actor_id"]
    # With expansion, a state also stands for every actor an event codes with it as country (a person the
    # dictionary does not hold, a company of that country): issue 13, people stay people.
    src_c = cl["source_country"] if q.expand and "source_country" in cl else pd.Series(None, index=cl.index)
    tgt_c = cl["target_country"] if q.expand and "target_country" in cl else pd.Series(None, index=cl.index)

    def side(ids: list[str], actor: pd.Series, country: pd.Series) -> pd.Series:
        states = [i for i in ids if len(i) == 3 and i.isupper()]
        return actor.isin(ids) | (country.isin(states) if states else False)

    if q.actors:
        ids = list(q.actors)
        # Directed with no dyad: what the actors did, not what was done to them.
        keep &= side(ids, src, src_c) if q.directed and q.dyad is None else (
            side(ids, src, src_c) | side(ids, tgt, tgt_c))
    if q.dyad is not None:
        a, b = list(q.dyad[0]), list(q.dyad[1])
        forward = side(a, src, src_c) & side(b, tgt, tgt_c)
        keep &= forward if q.directed else forward | (side(b, src, src_c) & side(a, tgt, tgt_c))
    if q.types:
        keep &= cl["event_type"].astype(object).isin(q.types) | cl["quad_class"].astype(object).isin(q.types)
    if q.modalities is not None:
        keep &= cl["modality"].astype(object).isin(q.modalities)
    if not q.include_negated:
        keep &= cl["polarity"].astype(object) == "asserted"
    if q.min_confidence is not None:
        keep &= cl["confidence"] >= q.min_confidence
    dated = cl["event_date"].notna()
    if q.start is not None or q.end is not None:
        first = pd.to_datetime(cl["event_date"])
        last = pd.to_datetime(cl["event_date_end"]).fillna(first)
        inside = pd.Series(True, index=cl.index)
        if q.start is not None:
            inside &= last >= pd.Timestamp(q.start)
        if q.end is not None:
            inside &= first <= pd.Timestamp(q.end)
        # Undated events cannot be placed in a window; they are kept (and
        # listed last) only when asked for.
        keep &= (dated & inside) | (~dated & q.include_undated)
    elif not q.include_undated:
        keep &= dated
    return cl[keep.fillna(False).astype(bool)]


def _evidence_event(cl: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """The mention each cluster cites: its best one, or, when validation quarantined that row, the
    most confident member still in ``events`` (so a row keeps evidence and a source)."""
    present = set(events["event_id"].tolist())
    best = cl["best_event_id"].astype(object)
    missing = ~best.isin(present)
    if not missing.any() or "event_cluster_id" not in events:
        return best
    members = events[events["event_cluster_id"].notna()].sort_values(
        ["confidence", "char_start", "event_id"], ascending=[False, True, True], kind="stable")
    fallback = members.drop_duplicates("event_cluster_id").set_index("event_cluster_id")["event_id"]
    return best.where(~missing, cl["event_cluster_id"].map(fallback).astype(object))


_BASIS_RANK = {"timex": 0, "publication": 1, "none": 2}


def _reporting(cl: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per cluster: every reporting article id and publisher (GDELT's sources, by name), and what
    its date comes from (the basis of the members that carry the cluster's date, a written date first)."""
    empty = {"event_cluster_id": pd.Series(dtype=object), "article_ids": [], "publishers": [], "date_basis": []}
    if "event_cluster_id" not in events:
        return pd.DataFrame(empty)
    events = events[events["event_cluster_id"].isin(cl["event_cluster_id"])]  # the clusters asked for only
    when = dict(zip(cl["event_cluster_id"].tolist(),
                    zip(cl["event_date"].tolist(), cl["date_precision"].astype(object).tolist(), strict=True),
                    strict=True))
    publisher = dict(zip(articles["article_id"].tolist(), articles["publisher"].tolist(), strict=True))
    arts: dict[str, set[str]] = {}
    basis: dict[str, tuple[int, str]] = {}
    for cid, aid, d, p, b in zip(events["event_cluster_id"].tolist(), events["article_id"].tolist(),
                                 events["event_date"].tolist(), events["date_precision"].astype(object).tolist(),
                                 events["date_basis"].astype(object).tolist(), strict=True):
        if cid not in when:
            continue
        arts.setdefault(cid, set()).add(aid)
        d0, p0 = when[cid]
        same = (pd.isna(d) and pd.isna(d0)) or (d == d0 and p == p0)
        rank = (0 if same else 10) + _BASIS_RANK.get(str(b), 3)
        if cid not in basis or rank < basis[cid][0]:
            basis[cid] = (rank, str(b))
    out = []
    for cid in sorted(arts):
        pubs = sorted({p for a in arts[cid] if isinstance(p := publisher.get(a), str) and p})
        out.append((cid, " ".join(sorted(arts[cid])), "; ".join(pubs) or None, basis[cid][1]))
    return pd.DataFrame(out, columns=["event_cluster_id", "article_ids", "publishers", "date_basis"])


def _cited_first(cited: Any, ids: Any) -> str | None:
    if not isinstance(ids, str):
        return cited if isinstance(cited, str) else None
    rest = [i for i in ids.split() if i != cited]
    return " ".join([cited, *rest] if isinstance(cited, str) else rest)


def _join(cl: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame, index: ActorIndex,
          sha: str) -> pd.DataFrame:
    cl = cl.assign(best_event_id=_evidence_event(cl, events))
    events = events.assign(**{c: None for c in PLACE_COLUMNS if c not in events.columns})  # older datasets
    ev = events[["event_id", "article_id", "evidence", "trigger", "location_text", *PLACE_COLUMNS]].rename(
        columns={"event_id": "best_event_id", "location_text": "location"})
    ev["trigger_offset"] = (events["trigger_start"] - events["char_start"]).astype("Int64")
    art = articles[["article_id", "title", "publisher", "url", "published", "source"]].rename(
        columns={"source": "article_source"})
    df = cl.merge(ev, on="best_event_id", how="left").merge(art, on="article_id", how="left")
    df = df.merge(_reporting(cl, events, articles), on="event_cluster_id", how="left")
    df["article_ids"] = [_cited_first(c, ids) for c, ids in zip(df["article_id"], df["article_ids"], strict=True)]
    df = df.rename(columns={"event_date": "date", "event_date_end": "date_end", "date_precision": "precision"})
    prec = df["precision"].astype(object).tolist()
    # Many events share a date and an actor: compute each display once (a
    # timeline of 100,000 events has a few thousand distinct ones).
    dates: dict[tuple[Any, Any, Any], str] = {}
    shown = []
    for key in zip(df["date"].tolist(), df["date_end"].tolist(), prec, strict=True):
        if key not in dates:
            dates[key] = display_date(key[0], key[1], key[2] if isinstance(key[2], str) else None)
        shown.append(dates[key])
    df["display_date"] = shown
    src, tgt = df["source_actor_id"].tolist(), df["target_actor_id"].tolist()
    ids = {a for a in (*src, *tgt) if isinstance(a, str)}
    names = {a: index.display_name(a) for a in ids}
    phrases = {a: index.phrase(a) for a in ids}
    df["source_actor"] = [names.get(a) if isinstance(a, str) else None for a in src]
    df["target_actor"] = [names.get(a) if isinstance(a, str) else None for a in tgt]
    df["summary"] = [
        summarize(str(t), phrases.get(s) if isinstance(s, str) else None,
                  phrases.get(g) if isinstance(g, str) else None, modality=str(m), polarity=str(p))
        for t, s, g, m, p in zip(df["event_type"].tolist(), src, tgt, df["modality"].tolist(),
                                 df["polarity"].tolist(), strict=True)
    ]
    df["manifest_sha256"] = sha
    df["_undated"] = df["date"].isna()
    df["_rank"] = [PRECISION_RANK.get(p, 99) if isinstance(p, str) else 99 for p in prec]
    df = df.sort_values(["_undated", "date", "_rank", "date_end", "event_type", "event_cluster_id"],
                        kind="stable", na_position="last")
    return coerce(df)


def describe_query(query: Mapping[str, Any] | None) -> str:
    """A query (``df.attrs["query"]``) in words: "dyad RUS, RUS-MIL ↔ UKR · actual only · ..."."""
    if not query:
        return "all events"

    def ids(values: Sequence[str], most: int = 6) -> str:
        # An expanded state may stand for dozens of ids; the json holds them all.
        shown = ", ".join(values[:most])
        return shown + (f" (+{len(values) - most} more)" if len(values) > most else "")

    parts = []
    if query.get("actors"):
        role = " as source" if query.get("directed") and not query.get("dyad") else ""
        parts.append("actors " + ids(query["actors"]) + role)
    if query.get("dyad"):
        a, b = query["dyad"]
        parts.append(f"dyad {ids(a)} {'→' if query.get('directed') else '↔'} {ids(b)}")
    if query.get("types"):
        parts.append("types " + ", ".join(query["types"]))
    if query.get("start") or query.get("end"):
        parts.append(f"from {query.get('start') or 'the start'} to {query.get('end') or 'the end'}")
    mods = query.get("modalities")
    parts.append("every modality" if mods is None else "modality " + ", ".join(mods))
    if query.get("min_confidence") is not None:
        parts.append(f"confidence ≥ {query['min_confidence']}")
    parts.append("negated kept" if query.get("include_negated") else "negated left out")
    parts.append("undated kept" if query.get("include_undated") else "undated left out")
    if not query.get("expand", True):
        parts.append("exact actors")
    return " · ".join(parts)


def column_dictionary() -> str:
    """The timeline columns as a markdown page (name, dtype, meaning): docs/timelines.md.

    Regenerate with ``python -m curation.timelines > docs/timelines.md``.
    """
    lines = [
        "# Timeline columns", "",
        "Generated from `curation/timelines/build.py` (`COLUMNS`, `COLUMN_DOCS`) by",
        "`python -m curation.timelines > docs/timelines.md`; a test fails when they drift apart.",
        "`curation.timeline(...)` returns these columns in this order, `curate timeline --format csv|json`",
        "writes them, and `curation.timelines.read_csv` reads a csv back with these dtypes.",
        "The csv ends its records with CRLF (RFC 4180), so a cell holding a line break is quoted; a text",
        "cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab, a CR or `'`)",
        "is written with a leading `'`, which `read_csv` takes off. Dates run from year 1 to 9999.", "",
        "| column | dtype | meaning |", "| --- | --- | --- |"]
    for name, dtype in COLUMNS.items():
        shown = "category" if isinstance(dtype, pd.CategoricalDtype) else str(dtype)
        lines.append(f"| `{name}` | {shown} | {COLUMN_DOCS[name]} |")
    return "\n".join(lines) + "\n"
