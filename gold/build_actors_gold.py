"""Build gold/actors.jsonl from the hand annotation gold/actors.annotations.txt.

    .venv/bin/python gold/build_actors_gold.py            # write gold/actors.jsonl
    .venv/bin/python gold/build_actors_gold.py --check    # fail if the file is out of date

The annotation names each mention by a context in reading order; this script
finds the character offsets in the article text as the pipeline reads it, so
no offset is typed by hand. Ids keep the canonical slug even where the shipped
dictionary does not hold the actor yet; they are listed here, and the
evaluation scores them as null ("an actor the dictionary does not know") until
the dictionary gains that actor.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.actors.dictionary import load_dictionary  # noqa: E402
from curation.ingest import InputFile, parse, read_inputs  # noqa: E402
from curation.records import Article  # noqa: E402
from curation.segment import segment  # noqa: E402

ANNOTATIONS = ROOT / "gold" / "actors.annotations.txt"
GOLD = ROOT / "gold" / "actors.jsonl"


def read_annotations(path: Path) -> list[tuple[str, list[tuple[int, str, str | None]]]]:
    """(source, [(line number, context, actor id)]) per article block."""
    blocks: list[tuple[str, list[tuple[int, str, str | None]]]] = []
    for n, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        if line.startswith("## "):
            blocks.append((line[3:].strip(), []))
            continue
        context, sep, actor = line.rpartition(" | ")
        if not sep or not blocks:
            raise SystemExit(f"{path}:{n}: expected '<context> | <actor_id or null>'")
        actor = actor.strip()
        blocks[-1][1].append((n, context, None if actor == "null" else actor))
    return blocks


def article_for(source: str) -> Article:
    path = ROOT / source.split("#", 1)[0]
    for raw in read_inputs([InputFile(path, source.split("#", 1)[0])]):
        art = parse(raw, min_chars=1)
        if isinstance(art, Article) and art.source == source:
            return segment(art)
    raise SystemExit(f"no article for source {source}")


def locate(text: str, context: str, after: int) -> tuple[int, int]:
    """Offsets of the braced mention of ``context`` (or all of it), first at or after ``after``."""
    m = re.fullmatch(r"(.*?)\{(.+?)\}(.*)", context)
    pre, mention = (m.group(1), m.group(2)) if m else ("", context)
    plain = context.replace("{", "").replace("}", "")
    k = 0
    while (found := text.find(plain, k)) >= 0:
        start = found + len(pre)
        if start >= after:
            return start, start + len(mention)
        k = found + 1
    raise ValueError(f"context {context!r} not found after offset {after}")


def build(annotations: Path = ANNOTATIONS) -> list[dict[str, object]]:
    dic = load_dictionary()
    unknown: dict[str, int] = {}
    out = []
    for source, items in read_annotations(annotations):
        art = article_for(source)
        pos = 0
        mentions = []
        for n, context, actor in items:
            try:
                start, end = locate(art.text, context, pos)
            except ValueError as exc:
                raise SystemExit(f"{annotations}:{n}: {exc} in {source}") from exc
            if any(s < end and start < e for s, e, _ in art.excluded):
                raise SystemExit(f"{annotations}:{n}: {context!r} lies in boilerplate of {source}")
            if actor is not None and dic.actor(actor) is None:
                unknown[actor] = unknown.get(actor, 0) + 1
            mentions.append({"char_start": start, "char_end": end, "text": art.text[start:end], "actor_id": actor})
            pos = end
        out.append({"article_id": art.article_id, "source": source, "mentions": mentions})
    if unknown:
        print(f"{len(unknown)} annotated ids not in dictionary {dic.version} (scored as null): "
              + ", ".join(sorted(unknown)), file=sys.stderr)
    return out


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    parser.add_argument("--out", type=Path, default=GOLD)
    parser.add_argument("--check", action="store_true", help="fail if the output is out of date")
    args = parser.parse_args()
    gold = args.out
    records = build(args.annotations)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if args.check:
        if not gold.is_file() or gold.read_text("utf-8") != text:
            print(f"{gold} is out of date: run python gold/build_actors_gold.py", file=sys.stderr)
            return 1
        return 0
    gold.write_text(text, "utf-8")
    n = sum(len(r["mentions"]) for r in records)  # type: ignore[arg-type]
    print(f"wrote {gold}: {len(records)} articles, {n} mentions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
