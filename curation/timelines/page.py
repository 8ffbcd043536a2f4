"""The timeline as one self-contained html page that opens with no network.

Inline CSS and SVG only; a Content-Security-Policy forbids every fetch
(scripts, styles from elsewhere, images, fonts, connections), so the page
can be opened from an e-mail attachment or an air-gapped machine. All text
from the dataset is escaped: an article titled ``<script>...`` shows as
text. Events sit on a time axis; a day is a dot, a month or a year is a bar
across its whole period. Hovering a mark shows the evidence (SVG
``<title>``); the list below opens each event's evidence and source with
``<details>``, which needs no script.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from typing import Any

import pandas as pd

from curation.timelines.axis import domain, marks, ticks
from curation.timelines.build import describe_query
from curation.timelines.text import (
    PUBLICATION_MARK,
    PUBLICATION_NOTE,
    QUAD_COLOURS,
    as_text,
    shorten,
    timeline_sha,
)

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; "
       "connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'")
_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem auto;max-width:1100px;
color:#1d1d1f;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .3rem}
.meta{color:#555;font-size:.85rem;margin:.2rem 0}
code{font-size:.8rem;background:#f3f3f3;padding:.05rem .3rem;border-radius:3px;word-break:break-all}
.axis{overflow-x:auto;border:1px solid #ddd;border-radius:6px;margin:1rem 0;background:#fcfcfc}
svg text{font:11px system-ui,sans-serif;fill:#333}
svg .tick line{stroke:#e3e3e3}
svg .row line{stroke:#f0f0f0}
svg .span{fill-opacity:.35;stroke-width:1.5}
svg a:hover .span,svg a:hover circle{stroke:#000}
ol.events{list-style:none;padding:0}
ol.events li{border-bottom:1px solid #eee;padding:.35rem 0}
summary{cursor:pointer}
.date{display:inline-block;min-width:11rem;font-variant-numeric:tabular-nums;color:#333}
.type{display:inline-block;min-width:6.5rem;font-size:.75rem;font-weight:600;letter-spacing:.03em}
.q-verbal_cooperation{color:#4c8fbd}.q-material_cooperation{color:#2a6f3f}
.q-verbal_conflict{color:#b06f16}.q-material_conflict{color:#b8342b}
blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.8rem;border-left:3px solid #ccc;color:#333}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0 .3rem 1rem;font-size:.85rem}
dt{color:#666}dd{margin:0;word-break:break-word}
mark{background:#fff1b8;padding:0 .1rem}
abbr.basis{text-decoration:none;color:#888;cursor:help}
.legend span{margin-right:1rem;font-size:.8rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;vertical-align:middle;margin-right:.3rem}
"""
_LABEL_W, _PLOT_W, _ROW_H, _TOP = 330, 620, 20, 34
# An axis of more rows than this is a wall, not a picture; the list below
# still holds every event, and the page says how many the axis shows.
MAX_AXIS_ROWS = 1500


def _x(d: date, lo: date, hi: date) -> float:
    return _LABEL_W + 10 + (d - lo).days / max((hi - lo).days, 1) * _PLOT_W


def _svg(df: pd.DataFrame, records: list[dict[str, Any]]) -> str:
    ms = marks(df)[:MAX_AXIS_ROWS]
    if not ms:
        return ""
    lo, hi = domain(ms)
    height = _TOP + _ROW_H * len(ms) + 10
    width = _LABEL_W + _PLOT_W + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="events on a time axis">']
    parts.append('<g class="ticks">')
    for d, label in ticks(lo, hi):
        x = _x(d, lo, hi)
        parts.append(f'<g class="tick"><line x1="{x:.1f}" y1="{_TOP - 8}" x2="{x:.1f}" y2="{height - 6}"/>'
                     f'<text x="{x:.1f}" y="{_TOP - 14}" text-anchor="middle">{escape(label)}</text></g>')
    parts.append("</g>")
    for k, m in enumerate(ms):
        row = records[m.row]
        y = _TOP + _ROW_H * k + _ROW_H / 2
        colour = QUAD_COLOURS.get(as_text(row["quad_class"]), "#666")
        mark = f" {PUBLICATION_MARK}" if row["date_basis"] == "publication" else ""
        label = f"{as_text(row['display_date'])}{mark} · {as_text(row['summary'])}"
        tip = f"{label}\n“{as_text(row['evidence'])}”\n{as_text(row['publisher'])} {as_text(row['title'])}".strip()
        x0, x1 = _x(m.start, lo, hi), _x(m.end, lo, hi)
        if m.point:
            shape = f'<circle cx="{(x0 + x1) / 2:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
        else:
            shape = (f'<rect class="span" x="{x0:.1f}" y="{y - 6:.1f}" width="{max(x1 - x0, 4):.1f}" height="12" '
                     f'rx="3" fill="{colour}" stroke="{colour}"/>')
        parts.append(
            f'<g class="row"><line x1="{_LABEL_W + 10}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}"/>'
            f'<text x="{_LABEL_W}" y="{y + 4:.1f}" text-anchor="end">{escape(shorten(label, 52))}</text>'
            f'<a href="#{escape(as_text(row["event_cluster_id"]))}"><title>{escape(tip)}</title>{shape}</a></g>')
    parts.append("</svg>")
    return "".join(parts)


def _evidence(row: dict[str, Any]) -> str:
    """The evidence sentence, escaped, with its trigger marked where the offsets say it is."""
    text, trigger, at = as_text(row["evidence"]), as_text(row["trigger"]), row.get("trigger_offset")
    if trigger and isinstance(at, int) and text[at:at + len(trigger)] == trigger:
        return (f"{escape(text[:at])}<mark>{escape(trigger)}</mark>{escape(text[at + len(trigger):])}")
    return escape(text)


def _mark(row: dict[str, Any]) -> str:
    if row["date_basis"] != "publication":
        return ""
    return f' <abbr class="basis" title="{escape(PUBLICATION_NOTE)}">{PUBLICATION_MARK}</abbr>'


def _source(row: dict[str, Any]) -> str:
    items = []
    title, url = as_text(row["title"]), as_text(row["url"])
    if title:
        items.append(("article", escape(title)))
    if as_text(row["publisher"]):
        items.append(("publisher", escape(as_text(row["publisher"]))))
    if pd.notna(row["published"]):
        items.append(("published", escape(pd.Timestamp(row["published"]).strftime("%Y-%m-%d"))))
    if url:
        # Only web addresses become links (no javascript: or data: urls from a hostile feed).
        if url.startswith(("https://", "http://")):
            items.append(("url", f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>'))
        else:
            items.append(("url", escape(url)))
    items.append(("input", escape(as_text(row["article_source"]))))
    reported = f"{int(row['n_articles'])} article(s), {int(row['n_mentions'])} mention(s)"
    if as_text(row["publishers"]):
        reported += f": {escape(as_text(row['publishers']))}"
    items.append(("reported by", reported))
    items.append(("dated by", "the article's publication date: the text gives no date"
                  if row["date_basis"] == "publication" else
                  "a date written in the text" if row["date_basis"] == "timex" else "no date"))
    if as_text(row["location"]):
        items.append(("place", escape(as_text(row["location"]))))
    items.append(("factuality", escape(f"{as_text(row['modality'])}, {as_text(row['polarity'])}")))
    items.append(("confidence", f"{float(row['confidence']):.2f}"))
    actors = f"{as_text(row['source_actor_id']) or '—'} → {as_text(row['target_actor_id']) or '—'}"
    items.append(("actors", escape(actors)))
    items.append(("ids", escape(f"cluster {as_text(row['event_cluster_id'])}, event {as_text(row['best_event_id'])}")))
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items) + "</dl>"


def to_html(df: pd.DataFrame, *, title: str = "Timeline") -> str:
    """The timeline as one self-contained html page (see the module docstring)."""
    sha = timeline_sha(df)
    n = len(df)
    undated = int(df["date"].isna().sum()) if n else 0
    query = df.attrs.get("query")
    records = df.to_dict("records")
    rows = []
    for row in records:
        quad = as_text(row["quad_class"])
        rows.append(
            f'<li id="{escape(as_text(row["event_cluster_id"]))}"><details><summary>'
            f'<span class="date">{escape(as_text(row["display_date"]))}{_mark(row)}</span> '
            f'<span class="type q-{escape(quad)}">{escape(as_text(row["event_type"]))}</span> '
            f'<span class="summary">{escape(as_text(row["summary"]))}</span></summary>'
            f'<blockquote>{_evidence(row)}</blockquote>{_source(row)}</details></li>')
    legend = "".join(f'<span><i class="swatch" style="background:{c}"></i>{escape(q.replace("_", " "))}</span>'
                     for q, c in QUAD_COLOURS.items())
    svg = _svg(df, records)
    on_axis = min(n - undated, MAX_AXIS_ROWS)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f'<meta name="curation-manifest-sha256" content="{escape(sha)}">',
        f"<title>{escape(title)} · {n} event{'s' if n != 1 else ''}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="meta">{n} event{"s" if n != 1 else ""}'
        + (f", {undated} undated (listed, not on the axis)" if undated else "")
        + (f"; the axis shows the first {on_axis}, the list all of them" if on_axis < n - undated else "")
        + "</p>",
        f'<p class="meta">Dataset manifest sha256 <code id="manifest-sha256">{escape(sha)}</code></p>',
    ]
    if query is not None:
        parts.append(f'<p class="meta">Query: {escape(describe_query(query))}</p>')
        parts.append(f'<details class="meta"><summary>query as data</summary><code id="query">'
                     f'{escape(json.dumps(query, sort_keys=True))}</code></details>')
    parts.append("</header>")
    if svg:
        parts.append(f'<section class="axis">{svg}</section>')
        parts.append(f'<p class="legend">{legend}<span>dot: a day · bar: a week, month, quarter or year, '
                     "drawn across its whole period</span></p>")
    if (df["date_basis"] == "publication").any():
        parts.append(f'<p class="meta">{PUBLICATION_MARK} {escape(PUBLICATION_NOTE)}</p>')
    parts.append(f'<ol class="events">{"".join(rows)}</ol>' if rows else "<p>No events match.</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
