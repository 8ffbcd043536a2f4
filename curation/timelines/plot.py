"""The timeline as a png plot made with matplotlib, byte-stable.

Same timeline, same bytes: the Agg canvas is used directly (no pyplot, no
global figure state), the style is matplotlib's default whatever the user's
matplotlibrc says, the font is the DejaVu Sans matplotlib ships, and the png
carries no "Software" or time stamp, only the manifest sha256 and the query
(in its text chunks and written on the figure).
"""

from __future__ import annotations

import io
import json
import warnings
from datetime import date
from typing import Any

import pandas as pd

from curation.timelines.axis import domain, marks
from curation.timelines.text import (
    PUBLICATION_MARK,
    PUBLICATION_NOTE,
    QUAD_COLOURS,
    as_text,
    shorten,
    timeline_sha,
)

MAX_ROWS = 150  # beyond this a png is unreadable; the html and csv hold everything


def to_png(df: pd.DataFrame, *, title: str = "Timeline") -> bytes:
    """The timeline's dated events on a time axis: dots for days, bars across coarser periods."""
    import matplotlib as mpl
    import matplotlib.style
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    sha = timeline_sha(df)
    ms = marks(df)
    shown = ms[:MAX_ROWS]
    n_rows = max(len(shown), 1)
    rc: dict[Any, Any] = {"font.family": "DejaVu Sans", "svg.hashsalt": "curation", "axes.titlesize": 12,
                          "font.size": 9}
    with warnings.catch_warnings(), matplotlib.style.context("default"), mpl.rc_context(rc):
        # A name in a script DejaVu Sans lacks is drawn as boxes, as every viewer of the png would see it;
        # matplotlib's warning per glyph would only flood the terminal.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        fig = Figure(figsize=(11, 1.6 + 0.26 * n_rows), dpi=100)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        labels = []
        for k, m in enumerate(shown):
            row = df.iloc[m.row]
            colour = QUAD_COLOURS.get(as_text(row["quad_class"]), "#666666")
            x0, x1 = date2num(m.start), date2num(m.end)
            if m.point:
                ax.plot([(x0 + x1) / 2], [k], "o", color=colour, markersize=6)
            else:
                ax.broken_barh([(x0, x1 - x0)], (k - 0.3, 0.6), facecolors=colour, alpha=0.45,
                               edgecolor=colour, linewidth=1.2)
            mark = f" {PUBLICATION_MARK}" if row["date_basis"] == "publication" else ""
            # One line per label: a line break in an actor's name would split it across two rows.
            labels.append(shorten(" ".join(f"{as_text(row['display_date'])}{mark} · {as_text(row['summary'])}"
                                           .split()), 70))
        if shown:
            lo, hi = domain(shown)
            ax.set_xlim(date2num(lo), date2num(hi))
            locator = AutoDateLocator()
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        else:
            ax.set_xlim(date2num(date(2000, 1, 1)), date2num(date(2001, 1, 1)))
            ax.text(0.5, 0.5, "No dated events match.", transform=ax.transAxes, ha="center", parse_math=False)
        # Labels are news text: "$" must not switch on mathtext.
        ax.set_yticks(range(len(labels)), labels=labels, parse_math=False)
        ax.set_ylim(n_rows - 0.5, -0.5)
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        n = len(df)
        undated = n - len(ms)
        note = f"{len(shown)} of {n} events shown" + (f" ({undated} undated)" if undated else "")
        # A title as long as the user's --actor list is cut, so that it never pushes the plot aside.
        ax.set_title(shorten(" ".join(title.split()), 90) + f" · {note}", loc="left", parse_math=False)
        note = f" · {PUBLICATION_MARK} {PUBLICATION_NOTE}" if (df["date_basis"] == "publication").any() else ""
        fig.text(0.01, 0.005, f"dataset manifest sha256 {sha} · dot: a day · bar: a coarser period{note}",
                 fontsize=7, color="#555555", parse_math=False)
        fig.tight_layout(rect=(0, 0.02, 1, 1))
        buf = io.BytesIO()
        query = json.dumps(df.attrs.get("query"), sort_keys=True)
        fig.savefig(buf, format="png", metadata={"Software": None, "Source": f"manifest sha256 {sha}",
                                                 "Description": f"curation timeline; query {query}"})
    return buf.getvalue()
