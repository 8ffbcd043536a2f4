"""Cost of the temporal stage next to spaCy's own time on the BBC news articles (issue 3).

    .venv/bin/python benchmarks/timex_speed.py [--limit N] [--dct YYYY-MM-DD] [BBC_DIR]

Prints the seconds spaCy takes to parse the articles, the seconds the
temporal stage takes on the parsed documents, and their ratio (the issue asks
for less than 0.25). Timings on a shared machine are noisy: run it twice.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.config import load_config  # noqa: E402 - after the path set-up above
from curation.nlp import load_nlp  # noqa: E402
from curation.timexes import find_timexes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the two times and their ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bbc", nargs="?", default=str(ROOT.parent / "shared" / "data" / "news" / "bbc"))
    ap.add_argument("--limit", type=int, default=0, help="first N articles in sorted order (0: all)")
    ap.add_argument("--dct", default="2005-03-31", help="publication date given to every article")
    args = ap.parse_args(argv)
    files = sorted(p for p in Path(args.bbc).rglob("*.txt") if p.is_file())
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no .txt articles under {args.bbc}", file=sys.stderr)
        return 1
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    dct = date.fromisoformat(args.dct)
    nlp = load_nlp(load_config().get("nlp", "model"))
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = sum(len(find_timexes(doc, article_id=str(i), dct=dct)) for i, doc in enumerate(docs))
    t_stage = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    print(f"articles {len(texts)}  characters {chars}  timexes {n}")
    print(f"spaCy         {t_spacy:8.2f} s")
    print(f"timex stage   {t_stage:8.2f} s")
    print(f"ratio         {t_stage / t_spacy:8.3f}  (target < 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
