"""Time the actor linker on the embedded sample articles (spaCy's parse excluded).

    .venv/bin/python benchmarks/actors_speed.py [--repeat 5]

Prints the dictionary load time and the linker's time per pass and per token.
Timings on a shared machine are noisy: compare runs made side by side.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.actors import find_mentions, load_dictionary  # noqa: E402
from curation.config import load_config  # noqa: E402
from curation.ingest import discover, parse, read_inputs  # noqa: E402
from curation.nlp import load_nlp  # noqa: E402
from curation.records import Article  # noqa: E402
from curation.segment import masked_text, segment  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    t0 = time.perf_counter()
    dic = load_dictionary()
    t1 = time.perf_counter()
    arts = [segment(a) for raw in read_inputs(discover([ROOT / "datasets" / "samples"]))
            if isinstance(a := parse(raw), Article)]
    nlp = load_nlp(load_config().get("nlp", "model"))
    docs = list(nlp.pipe(masked_text(a) for a in arts))
    t2 = time.perf_counter()
    for _ in range(args.repeat):
        for a, doc in zip(arts, docs, strict=True):
            find_mentions(doc, article_id=a.article_id, published=a.published, dictionary=dic)
    per_pass = (time.perf_counter() - t2) / args.repeat
    n = sum(len(d) for d in docs)
    print(f"load_dictionary {t1 - t0:.2f} s; find_mentions {per_pass * 1000:.0f} ms per pass over "
          f"{len(arts)} articles ({n} tokens), {per_pass / n * 1e6:.0f} us per token")
    return 0


if __name__ == "__main__":
    sys.exit(main())
