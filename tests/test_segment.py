"""Segment: site boilerplate is recognised by general rules and kept out of extraction."""

from __future__ import annotations

import pytest

from curation.records import Article
from curation.segment import find_excluded, masked_text, segment
from tests.conftest import require_shared


def _kinds(text: str) -> dict[str, str]:
    spans, _, _ = find_excluded(text)
    return {text[s:e]: k for s, e, k in spans}


@pytest.mark.parametrize(
    "line",
    ["Read also:", "You may also like", "Leave a Comment", "Latest Posts", "Editors' Picks", "Share this article",
     "Subscribe to our newsletter", "Home  World  Politics  Opinion", "by Staff Correspondents",
     "Tags: Ukraine, Russia", "© 2025 Example Media. All rights reserved."],
)
def test_boilerplate_lines(line: str) -> None:
    text = f"{line}\n\nThe minister said on Monday that the talks had failed and would not resume soon.\n"
    if line in ("You may also like", "Leave a Comment", "Latest Posts", "Editors' Picks"):
        text = "The minister said on Monday that the talks had failed and would not resume soon.\n\n" + line + "\n"
    assert _kinds(text).get(line) == "boilerplate"


def test_teaser_after_read_also_and_footer_to_end() -> None:
    text = ("Troops crossed the border on Friday, officials said.\n\nRead also:\n\n"
            "Minister Resigns Over Arms Deal Scandal\n\nThe fighting continued into the night.\n\n"
            "You may also like\n\nA site that brings you the news from everywhere.\n")
    kinds = _kinds(text)
    assert kinds["Minister Resigns Over Arms Deal Scandal"] == "boilerplate"
    assert kinds["A site that brings you the news from everywhere."] == "boilerplate"
    assert "The fighting continued into the night." not in kinds
    assert "Troops crossed the border on Friday, officials said." not in kinds


def test_masking_keeps_offsets() -> None:
    text = "Home  News  World\n\nLeaders met in Geneva on Tuesday and agreed a truce.\n\nLeave a Comment\n"
    art = segment(Article(article_id="a0", source="x", text=text))
    masked = masked_text(art)
    assert len(masked) == len(text)
    assert "Leaders met in Geneva" in masked and "Leave a Comment" not in masked and "Home" not in masked


def test_seed_article_boilerplate_excluded() -> None:
    seed_dir = require_shared("seed")
    text = next(seed_dir.glob("*.txt")).read_text("utf-8")
    spans, title, byline = find_excluded(text)
    excluded = " ".join(text[s:e] for s, e, k in spans if k == "boilerplate")
    for chrome in ("Read also:", "You may also like", "Leave a Comment", "Editors' Picks", "Latest Posts"):
        assert chrome in excluded
    assert "Mineral Rights" in excluded  # the teaser headline after "Read also:"
    assert "brings you the latest news" in excluded  # site footer
    assert title is not None and "Conversation with Vladimir Putin" in title
    assert byline is not None and "Correspondents" in byline
    body = masked_text(segment(Article(article_id="a0", source="seed", text=text)))
    assert "90-minute phone conversation" in body


def test_a_paragraph_opening_with_home_is_not_a_breadcrumb() -> None:
    # "Home Secretary ..." and "Home loans ..." open sentences of the article; a breadcrumb trail has no
    # sentence-final stop (issue 13: a BBC lead paragraph about the Home Secretary was dropped as site chrome).
    text = ("UK plan to deport suspects\n\nDeals are being sought with several countries.\n\n"
            "Home Secretary Maria Lopez told a newspaper she hoped agreement could be reached.\n\n"
            "Home > World > Europe\n")
    masked = masked_text(segment(Article(article_id="a", source="t", text=text)))
    assert "Home Secretary Maria Lopez told" in masked
    assert "Home > World" not in masked
    # a headline opening with "Home" is the headline, not a trail
    spans, title, _ = find_excluded("Home loan approvals rising again\n\nLenders approved more loans in May.\n")
    assert title == "Home loan approvals rising again" and [k for *_, k in spans] == ["heading"]
