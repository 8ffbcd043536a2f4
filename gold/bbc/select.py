"""Choose the BBC articles of the events gold, and which of them are kept aside as the test split.

    .venv/bin/python gold/bbc/select.py            # print the list (gold/bbc/articles.tsv holds it)
    .venv/bin/python gold/bbc/select.py --write    # rewrite gold/bbc/articles.tsv

The choice is a hash of each file's path inside the corpus, not a reading of the
articles: 30 politics and 10 business articles, the first in sha256 order of
``"events-gold:" + path``; the first 8 politics and the first 2 business of those
are the test split, the others the development split. The corpus is
``../shared/data/news/bbc`` (MIT licensed; no text of it is copied into the project).
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "news" / "bbc"
LIST = Path(__file__).with_name("articles.tsv")
PLAN = (("politics", 30, 8), ("business", 10, 2))


def choose(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    """(path inside the corpus, split) for every chosen article, in hash order per section."""
    out: list[tuple[str, str]] = []
    for section, n, n_test in PLAN:
        paths = sorted(f"{section}/{p.name}" for p in (corpus / section).glob("*.txt"))
        ranked = sorted(paths, key=lambda p: hashlib.sha256(f"events-gold:{p}".encode()).hexdigest())
        out += [(p, "test" if i < n_test else "dev") for i, p in enumerate(ranked[:n])]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite gold/bbc/articles.tsv")
    args = ap.parse_args()
    rows = choose()
    text = "path\tsplit\n" + "".join(f"{p}\t{s}\n" for p, s in rows)
    if args.write:
        LIST.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
