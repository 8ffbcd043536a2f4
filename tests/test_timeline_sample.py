"""Timelines on the sample dataset curated from the embedded articles.

The extractors improve in parallel, so these tests check properties that
must hold whatever rows they produce, not particular rows.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import curation
from curation.cli import main
from curation.timelines import read_csv, render

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(sample_dataset: Path) -> Path:
    return sample_dataset


def test_whole_sample_timeline_is_sorted_traceable_and_honest(sample: Path) -> None:
    ds = curation.load(sample)
    df = curation.timeline(ds, modalities=None, include_negated=True, include_undated=True)
    assert len(df) == len(ds.event_clusters)
    dated = df[df["date"].notna()]
    assert dated["date"].is_monotonic_increasing
    assert df["date"].notna().tolist() == sorted(df["date"].notna().tolist(), reverse=True)  # undated last
    assert df["evidence"].notna().all() and df["article_id"].notna().all()
    texts = ds.articles.set_index("article_id")["text"]
    for row in df.itertuples():
        if row.precision in ("month", "quarter", "season", "year", "decade", "century"):
            assert not row.display_date.startswith("1 "), row
        # The evidence is a sentence of the article it is cited from.
        assert row.evidence in texts.loc[row.article_id]


def test_sample_dyad_timeline_in_every_format(sample: Path, tmp_path: Path) -> None:
    clusters = curation.load(sample, tables=["event_clusters"]).event_clusters
    actual = clusters[(clusters["modality"] == "actual") & (clusters["polarity"] == "asserted")
                      & clusters["event_date"].notna()]
    pairs = Counter(tuple(sorted((s, t))) for s, t in zip(actual["source_actor_id"], actual["target_actor_id"],
                                                          strict=True) if isinstance(s, str) and isinstance(t, str))
    if not pairs:
        pytest.skip("the sample dataset has no dated dyadic event yet (actor linking not merged)")
    (a, b), n = pairs.most_common(1)[0]
    df = curation.timeline(sample, dyad=(a, b), expand=False)
    assert len(df) == n
    for fmt in ("table", "csv", "json", "html"):
        out = tmp_path / f"t.{'txt' if fmt == 'table' else fmt}"
        assert main(["timeline", str(sample), "--actor", a, "--with", b, "--exact", "--format", fmt,
                     "--output", str(out), "--width", "100"]) == 0
        assert df.attrs["manifest_sha256"] in out.read_text("utf-8")
    back = read_csv(io.StringIO((tmp_path / "t.csv").read_text("utf-8")))
    pd.testing.assert_frame_equal(back, df)
    assert json.loads((tmp_path / "t.json").read_text("utf-8"))["n_events"] == n
    assert render(df, "png").startswith(b"\x89PNG")


@pytest.mark.browser
def test_sample_timeline_page_in_chromium(sample: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    from curation.timelines.axis import marks
    from curation.timelines.page import MAX_AXIS_ROWS
    from tests.timeline_browser import headless_chromium, open_file, requested_urls

    df = curation.timeline(sample, modalities=None, include_undated=True)
    if df.empty:
        pytest.skip("the sample dataset has no events yet")
    page = tmp_path / "sample.html"
    page.write_bytes(render(df, "html"))
    with headless_chromium() as driver:
        open_file(driver, page)
        shown = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "ol.events span.summary")]
        assert shown == list(df["summary"])
        # Every coarser-than-a-day event on the axis is a bar; every day a dot.
        ms = marks(df)[:MAX_AXIS_ROWS]
        assert len(driver.find_elements(By.CSS_SELECTOR, "section.axis rect.span")) == sum(not m.point for m in ms)
        assert len(driver.find_elements(By.CSS_SELECTOR, "section.axis circle")) == sum(m.point for m in ms)
        assert all(m.point == (p in ("minute", "hour", "day")) for m, p in
                   zip(ms, df["precision"].astype(object).iloc[[m.row for m in ms]], strict=True) if isinstance(p, str))
        assert all(u.startswith("file://") for u in requested_urls(driver))
