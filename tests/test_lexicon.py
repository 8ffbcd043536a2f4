"""The trigger lexicon's own tests: rows are well formed and each category's examples are read as written.

The examples (``tests/data/lexicon_examples/<TYPE>.tsv``) are sentences the team wrote for the rows of
``curation/events/data/lexicon/<TYPE>.csv``: one per line, ``sentence<TAB>type<TAB>source<TAB>target``, where
source and target are the actor ids (or PLOVER country codes) expected, ``*`` for any and ``-`` for none. A line
whose type is ``NONE`` is a sentence that must give no event of the category named in its source column ("The
deal was killed by the board." NONE ASSAULT) - the word-sense tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from curation.events.lexicon import load_lexicon

EXAMPLES = Path(__file__).parent / "data" / "lexicon_examples"
PUB = date(2024, 3, 1)


def _examples() -> list[tuple[str, str, str, str, str]]:
    out = []
    for f in sorted(EXAMPLES.glob("*.tsv")):
        for k, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            assert len(parts) == 4, f"{f.name}:{k}: expected 4 tab-separated fields"
            out.append((f"{f.stem}:{k}", *parts))
    return out


def test_every_category_has_rows_cameo_codes_and_examples():
    lex = load_lexicon()
    used = {r.event_type for rules in lex.rules.values() for r in rules}
    assert used == set(lex.types)
    for rules in lex.rules.values():
        for r in rules:
            assert r.cameo[:2].isdigit() and 2 <= len(r.cameo) <= 4
    with_examples = {f.stem for f in EXAMPLES.glob("*.tsv")}
    assert with_examples, "no lexicon examples"


@pytest.fixture(scope="module")
def read():
    from curation.config import load_config
    from curation.ids import make_id, sha256_text
    from curation.pipeline import get_resources, process_article
    from curation.records import Article

    res = get_resources(load_config())

    def run(text: str):
        art = Article(article_id=make_id("a", text), source="t", text=text, text_sha256=sha256_text(text),
                      published=PUB, published_precision="day")
        return process_article(art, res.nlp(text), res).events
    return run


def _side_ok(want: str, actor_id: str | None, country: str | None) -> bool:
    if want == "*":
        return True
    if want == "-":
        return actor_id is None
    return want in (actor_id, country)


@pytest.mark.parametrize(("where", "sentence", "etype", "source", "target"), _examples(),
                         ids=[e[0] for e in _examples()])
def test_example(read, where, sentence, etype, source, target):
    events = read(sentence)
    if etype == "NONE":
        assert not [e for e in events if e.event_type == source], f"{where}: no {source} expected in {sentence!r}"
        return
    got = [(e.event_type, e.source_actor_id, e.source_country, e.target_actor_id, e.target_country) for e in events]
    assert any(t == etype and _side_ok(source, s, sc) and _side_ok(target, tg, tc) for t, s, sc, tg, tc in got), (
        f"{where}: {sentence!r} gave {got}")
