"""Text formats of a timeline: a table that fits a terminal, csv and json.

Every format carries the sha256 of the dataset manifest the timeline came
from, and writes the same bytes for the same timeline: fixed column order,
"\\n" line ends, ISO dates, sorted JSON keys, no clocks.
"""

from __future__ import annotations

import io
import json
import math
import textwrap
import unicodedata
from typing import IO, Any

import pandas as pd

from curation.errors import Errors, TimelineError
from curation.terminal import inert
from curation.timelines.build import COLUMNS, DATE_COLUMNS, coerce, describe_query

FORMAT = "curation-timeline/1"
# Marks a date taken from the article's publication date, not from the text.
PUBLICATION_MARK = "*"
PUBLICATION_NOTE = "dated by the article's publication date (the text gives no date): in the week ending on it"


def date_cells(df: pd.DataFrame) -> list[str]:
    """Display dates, with the publication-date mark where the text gave no date."""
    basis = df["date_basis"].tolist() if "date_basis" in df else [None] * len(df)
    return [f"{as_text(d)} {PUBLICATION_MARK}" if b == "publication" else as_text(d)
            for d, b in zip(df["display_date"].tolist(), basis, strict=True)]


def timeline_sha(df: pd.DataFrame) -> str:
    """The manifest sha256 a timeline carries (attrs first, then its column)."""
    sha = df.attrs.get("manifest_sha256")
    if not sha and "manifest_sha256" in df and len(df):
        sha = df["manifest_sha256"].iloc[0]
    return str(sha or "")


def _width(text: str) -> int:
    """Columns a string takes in a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns with an ellipsis, then padded; controls made visible."""
    text = inert(" ".join(text.split()))
    if text.isascii():
        return text if len(text) == width else (text + " " * (width - len(text)) if len(text) < width
                                                else text[: width - 1] + "…")
    if _width(text) > width:
        out, used = [], 0
        for ch in text:
            w = _width(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - _width(text))


# The colour of each PLOVER quad class, on the page and in the PNG alike.
QUAD_COLOURS = {"verbal_cooperation": "#4c8fbd", "material_cooperation": "#2a6f3f",
                "verbal_conflict": "#d08a2d", "material_conflict": "#b8342b"}


def shorten(text: str, n: int) -> str:
    """``text`` cut to ``n`` characters, an ellipsis marking the cut."""
    return text if len(text) <= n else text[: n - 1] + "…"


def as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _header(n: int, sha: str, query: str, width: int) -> list[str]:
    """Comment lines naming the count, the query and the full manifest sha256, wrapped, never cut."""
    one = f"# timeline: {n} event{'s' if n != 1 else ''} · manifest sha256 {sha}"
    if len(one) <= width:
        lines = [one]
    else:
        lines = [f"# timeline: {n} event{'s' if n != 1 else ''}", "# manifest sha256:"]
        step = width - 2
        lines += [f"# {sha[i:i + step]}" for i in range(0, len(sha), step)]
    return [*lines, *textwrap.wrap(inert(f"query: {query}"), width, initial_indent="# ", subsequent_indent="#   ",
                                   break_on_hyphens=False)]


def to_table(df: pd.DataFrame, *, width: int = 100) -> str:
    """The timeline as a fixed-width text table of at most ``width`` columns (at least 40).

    Date and article count keep their width; the summary takes the rest and
    is cut with "…" when it does not fit. The publisher (from 72 columns) and
    the event type (from 56) are shown when there is room.
    """
    width = max(int(width), 40)
    n = len(df)
    dates = date_cells(df)
    # The longest display date, a range of days across years, takes 38 columns;
    # it is cut only when the table would leave the summary no room.
    w_date = min(max([_width(d) for d in dates] + [4]), 38, max(width * 2 // 5, 16))
    w_type, w_n = 9, 4
    show_type, show_pub = width >= 56, width >= 72
    w_pub = min(max([_width(as_text(p)) for p in df["publisher"]] + [6]), 18) if show_pub else 0
    fixed = w_date + 2 + w_n + 2 + (w_type + 2 if show_type else 0) + (w_pub + 2 if show_pub else 0)
    w_sum = width - fixed
    if w_sum < 10:
        w_date_wanted = w_date
        w_date = max(w_date - (10 - w_sum), 8)
        w_sum = width - (fixed - w_date_wanted + w_date)

    def line(date_: str, type_: str, summary: str, arts: str, pub: str) -> str:
        cells = [_fit(date_, w_date)]
        if show_type:
            cells.append(_fit(type_, w_type))
        cells += [_fit(summary, w_sum), f"{arts:>{w_n}}"]
        if show_pub:
            cells.append(_fit(pub, w_pub))
        return "  ".join(cells).rstrip()

    header = _header(n, timeline_sha(df), describe_query(df.attrs.get("query")), width)
    lines = [*header, line("date", "type", "summary", "arts", "publisher"),
             line("─" * w_date, "─" * w_type, "─" * w_sum, "─" * w_n, "─" * w_pub)]
    for cell, row in zip(dates, df.itertuples(index=False), strict=True):
        lines.append(line(cell, as_text(row.event_type), as_text(row.summary), str(int(row.n_articles)),
                          as_text(row.publisher)))
    if not n:
        lines.append("(no events match)")
    if PUBLICATION_MARK in {c[-1:] for c in dates}:
        lines += textwrap.wrap(f"{PUBLICATION_MARK} {PUBLICATION_NOTE}", width, subsequent_indent="  ")
    return "\n".join(lines) + "\n"


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|...,
# @SUM(...)); OWASP's advice is a leading apostrophe, which spreadsheets show as text and do not run.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def _formula_safe(value: Any) -> Any:
    """A text cell a spreadsheet will not run: a leading ``'`` before a formula's first character (and
    before a leading ``'``, so that :func:`read_csv` can take exactly one off)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _formula_unsafe(value: Any) -> Any:
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def to_csv(df: pd.DataFrame) -> str:
    """The timeline as csv: every column, ISO dates, the manifest sha256 in its own column.

    Text cells that a spreadsheet would run as a formula are written with a
    leading apostrophe (see :data:`_FORMULA_START`); :func:`read_csv` removes it.
    """
    out = coerce(df)
    if not out["manifest_sha256"].notna().any() and timeline_sha(df):
        out["manifest_sha256"] = timeline_sha(df)
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(_formula_safe, na_action="ignore")
    for col in DATE_COLUMNS:
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    buf = io.StringIO()
    # RFC 4180's CRLF ends the records: the csv writer then quotes every cell holding a CR or an LF, so a
    # title with a lone CR (classic Mac text) stays one cell for pandas, spreadsheets and the csv module.
    out.to_csv(buf, index=False, lineterminator="\r\n", na_rep="")
    return buf.getvalue()


def read_csv(source: str | IO[str]) -> pd.DataFrame:
    """Read a timeline csv back with its dtypes (the inverse of :func:`to_csv`).

    Only empty fields are missing values: a title that reads "NA" or "null"
    stays text.
    """
    try:
        df = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[""])
    except (ValueError, OSError) as exc:
        raise TimelineError(Errors.E079.format(path=source, detail=exc)) from exc
    df = df.map(_formula_unsafe)
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise TimelineError(Errors.E079.format(path=source, detail=f"missing columns {', '.join(missing)}"))
    try:
        out = coerce(df)
    except (ValueError, TypeError) as exc:
        raise TimelineError(Errors.E079.format(path=source, detail=exc)) from exc
    out.attrs["manifest_sha256"] = timeline_sha(out)
    return out


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):  # numpy scalars
        return _json_value(value.item())
    return value


def to_json(df: pd.DataFrame) -> str:
    """The timeline as one JSON document: format, manifest sha256, the query and the events.

    One event per line inside ``events``, keys sorted: diffs of two timelines
    read event by event, and a large timeline is written without building the
    whole document in memory twice.
    """
    out = coerce(df)
    cols = [c for c in out.columns if c != "manifest_sha256"]
    columns = {c: out[c].tolist() for c in cols}
    lines = [json.dumps({c: _json_value(columns[c][i]) for c in cols}, sort_keys=True, ensure_ascii=False)
             for i in range(len(out))]
    head = {"format": FORMAT, "manifest_sha256": timeline_sha(df), "query": df.attrs.get("query"),
            "n_events": len(lines)}
    text = json.dumps(head, indent=2, sort_keys=True, ensure_ascii=False)
    events = "[]" if not lines else "[\n    " + ",\n    ".join(lines) + "\n  ]"
    return text[:-2] + f',\n  "events": {events}\n}}\n'


def to_geojson(df: pd.DataFrame) -> str:
    """The timeline as a GeoJSON FeatureCollection (RFC 7946): one Feature per event, its point at the
    event's place ([longitude, latitude], WGS84) and the timeline's columns as properties. An event with no
    place is kept, with a null geometry, so that the collection holds the whole timeline; ``n_placed`` says how
    many have a point. The manifest sha256 and the query ride along as foreign members."""
    out = coerce(df)
    cols = [c for c in out.columns if c not in ("manifest_sha256", "latitude", "longitude")]
    columns = {c: out[c].tolist() for c in cols}
    lats, lons = out["latitude"].tolist(), out["longitude"].tolist()
    lines = []
    placed = 0
    for i in range(len(out)):
        lat, lon = _json_value(lats[i]), _json_value(lons[i])
        geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        placed += geometry is not None
        props = {c: _json_value(columns[c][i]) for c in cols}
        lines.append(json.dumps({"type": "Feature", "geometry": geometry, "properties": props}, sort_keys=True,
                                ensure_ascii=False))
    head = {"type": "FeatureCollection", "format": FORMAT, "manifest_sha256": timeline_sha(df),
            "query": df.attrs.get("query"), "n_events": len(lines), "n_placed": placed}
    text = json.dumps(head, indent=2, sort_keys=True, ensure_ascii=False)
    features = "[]" if not lines else "[\n    " + ",\n    ".join(lines) + "\n  ]"
    return text[:-2] + f',\n  "features": {features}\n}}\n'
