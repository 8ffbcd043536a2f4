"""The extractors' cost next to spaCy's: parse N BBC articles, then run the timex, actor and event stages on them.

    .venv/bin/python benchmarks/extractors_share.py [--limit 300] [--repeat 3]

Both parts run in this one process on the same texts, so the share does not
depend on the machine's speed of the moment: spaCy's ``nlp.pipe`` over the
masked texts (as ``curate run`` parses them), then, on those docs, the work of
``process_article`` (timexes, mentions and their links, actors made from the
text, events). Issue 13's target: the extractors under 25 % of spaCy's time.
Each part keeps its fastest of ``--repeat`` rounds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.config import load_config  # noqa: E402
from curation.ingest import discover, parse, read_inputs  # noqa: E402
from curation.pipeline import get_resources, process_article  # noqa: E402
from curation.records import Article  # noqa: E402
from curation.segment import masked_text, segment  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "news" / "bbc"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300, help="articles (in file order over the sections)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    arts = []
    for raw in read_inputs(discover([args.corpus])):
        art = parse(raw, min_chars=1)
        if isinstance(art, Article):
            arts.append(segment(art))
        if len(arts) >= args.limit:
            break
    res = get_resources(load_config())
    texts = [masked_text(a) for a in arts]
    spacy_s, extract_s = [], []
    docs = []
    events = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(res.nlp.pipe(texts, batch_size=16))
        spacy_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        events = sum(len(process_article(a, d, res).events) for a, d in zip(arts, docs, strict=True))
        extract_s.append(time.perf_counter() - t0)
    sp, ex = min(spacy_s), min(extract_s)
    words = sum(1 for d in docs for t in d if not (t.is_punct or t.is_space))
    print(f"{len(arts)} articles, {words} words, {events} events")
    print(f"spaCy nlp.pipe   {sp:7.2f} s   (rounds: {', '.join(f'{x:.2f}' for x in spacy_s)})")
    print(f"extractors       {ex:7.2f} s   (rounds: {', '.join(f'{x:.2f}' for x in extract_s)})")
    share = ex / sp
    print(f"extractors / spaCy = {share:.3f}  ({'meets' if share < 0.25 else 'misses'} target < 0.25)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
