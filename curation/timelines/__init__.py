"""Timelines for analysts: the dataset's events filtered, dated honestly, traceable, in several formats.

``curation.timeline(...)`` builds the DataFrame (see :func:`timeline`);
:func:`render` writes it as a terminal table, csv, json, an html page or a
png. Named ``timelines`` (plural) so that the package does not shadow the
function ``curation.timeline``.
"""

from __future__ import annotations

import pandas as pd

from curation.errors import Errors, TimelineError
from curation.timelines.build import COLUMNS, TimelineQuery, manifest_sha256, timeline
from curation.timelines.dates import display_date, parse_bound
from curation.timelines.text import read_csv, to_csv, to_geojson, to_json, to_table

FORMATS = ("table", "csv", "json", "geojson", "html", "png")


def render(df: pd.DataFrame, fmt: str, *, width: int = 100, title: str = "Timeline") -> bytes:
    """The timeline ``df`` in format ``fmt`` (one of :data:`FORMATS`), as bytes (text is UTF-8)."""
    if fmt == "table":
        return to_table(df, width=width).encode("utf-8")
    if fmt == "csv":
        return to_csv(df).encode("utf-8")
    if fmt == "json":
        return to_json(df).encode("utf-8")
    if fmt == "geojson":
        return to_geojson(df).encode("utf-8")
    if fmt == "html":
        from curation.timelines.page import to_html

        return to_html(df, title=title).encode("utf-8")
    if fmt == "png":
        from curation.timelines.plot import to_png

        return to_png(df, title=title)
    raise TimelineError(Errors.E077.format(value=fmt, allowed=", ".join(FORMATS)))


__all__ = [
    "COLUMNS", "FORMATS", "TimelineQuery", "display_date", "manifest_sha256", "parse_bound", "read_csv", "render",
    "timeline", "to_csv", "to_geojson", "to_json", "to_table",
]
