"""Show how the events stage reads a text: ``python -m curation.explain "TEXT" [--published DATE]``.

For each sentence it prints the actor mentions, every lexicon rule that fired
(lemma, category, CAMEO code, file and line) with the heads of its source and
target, and the events that result (type, coded actors with PLOVER country and
sector, modality, polarity, date basis, lead and background flags). It runs the
same per-article function as ``curate run``; it is for people writing lexicon
rows and for users asking why a row is (or is not) in their dataset.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any


def _where(e: Any) -> str:
    """" @ Mosul, Nineveh, IRQ (trigger, precision 1)": the event's place, if any."""
    if e.place_name is None:
        return ""
    name = ", ".join(x for x in (e.place_name, e.admin1 if e.admin1 != e.place_name else None, e.country) if x)
    return f" @ {name} ({e.place_basis}, precision {e.geo_precision})"


def explain(text: str, published: date | None = None, *, title: str | None = None, parse: bool = False) -> str:
    """The report for ``text`` as one string."""
    from curation.config import load_config
    from curation.events.arguments import MentionIndex
    from curation.events.lexicon import load_lexicon
    from curation.events.quotes import attribute
    from curation.events.semantics import classifier
    from curation.events.speech import with_speech
    from curation.events.structure import frames
    from curation.ids import make_id, sha256_text
    from curation.pipeline import get_resources, process_article
    from curation.records import Article
    from curation.segment import masked_text, segment

    res = get_resources(load_config())
    art = segment(Article(article_id=make_id("a", text), source="explain", text=text, title=title,
                          text_sha256=sha256_text(text), published=published,
                          published_precision="day" if published else None))
    doc = res.nlp(masked_text(art))
    result = process_article(art, doc, res)
    lexicon = load_lexicon()
    classify = classifier(MentionIndex(result.mentions, res.dictionary), lexicon)
    quotations = attribute(doc)
    out: list[str] = []
    for si, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        out.append(f"[{si}] {sent.text.strip()}")
        ms = [m for m in result.mentions if m.sentence_idx == si]
        if ms:
            out.append("  mentions: " + "; ".join(f"{m.text} -> {m.actor_id or '-'} ({m.link_method})" for m in ms))
        found = with_speech(sent, lexicon, classify, list(frames(sent, lexicon, classify)), quotations)
        for fr in found:
            r = fr.rule
            out.append(f"  rule {r.lemma}/{r.pos} -> {r.event_type} {r.cameo}{' ' + r.mode if r.mode else ''} "
                       f"({r.file}:{r.line}, {fr.kind}) sources={[t.text for t in fr.sources]} "
                       f"targets={[t.text for t in fr.targets]}")
        for e in (e for e in result.events if e.sentence_idx == si):
            flags = "".join(f" {f}" for f, on in (("lead", e.is_lead), ("background", e.is_background)) if on)
            out.append(f"  EVENT {e.event_type} {e.cameo_code}{' ' + e.mode if e.mode else ''} [{e.trigger}] "
                       f"{e.source_actor_id} ({e.source_country}/{e.source_sector}) -> {e.target_actor_id} "
                       f"({e.target_country}/{e.target_sector}) {e.modality} {e.polarity} {e.date_basis} "
                       f"{e.event_date or ''}{'..' + str(e.event_date_end) if e.event_date_end != e.event_date else ''}"
                       f" ({e.date_via}){_where(e)} conf={e.confidence}{flags}")
        if parse:
            for t in sent:
                out.append(f"      {t.i} {t.text} {t.lemma_} {t.pos_} {t.tag_} {t.dep_} <- {t.head.i} {t.ent_type_}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m curation.explain", description=__doc__.split("\n\n")[0])
    ap.add_argument("text", help="the text to read (an article or a sentence)")
    ap.add_argument("--published", type=date.fromisoformat, default=None, help="publication date YYYY-MM-DD")
    ap.add_argument("--title", default=None, help="the article's headline")
    ap.add_argument("--parse", action="store_true", help="also print spaCy's parse of each sentence")
    args = ap.parse_args(argv)
    sys.stdout.write(explain(args.text, args.published, title=args.title, parse=args.parse) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
