"""Agreement between two annotators on the articles coded twice (``agreement.jsonl`` against ``events.jsonl``).

    .venv/bin/python gold/bbc/agreement.py

The second annotation is scored as if it were a system's output, with the
scorer of ``curate evaluate events`` (sentence = the span between sentence
ends around the trigger), so the figures read like the extractor's: how far
two people following the guidelines agree is the ceiling to compare it with.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from curation.evaluate.standoff import (  # noqa: E402
    DEFAULT_CORPUS,
    Counts,
    SysActor,
    SysEvent,
    gold_rows,
    norm_name,
    score_article,
    score_links,
)

_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+|\n+")


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    """The span between the sentence ends around ``pos``."""
    starts = [0] + [m.end() for m in _END.finditer(text)]
    start = max(s for s in starts if s <= pos)
    later = [s for s in starts if s > pos]
    return start, (later[0] if later else len(text))


def _actor(a: dict[str, Any] | None) -> SysActor | None:
    if a is None:
        return None
    return SysActor(norm_name(a["name"]), frozenset({norm_name(a["name"])}), a["country"], a["sector"] or None)


def as_system(rec: dict[str, Any], text: str) -> list[SysEvent]:
    """A gold record's rows read as a system's events."""
    return [SysEvent(sentence=sentence_of(text, g.trigger), trigger=g.trigger, event_type=g.event_type,
                     source=_actor(g.source), target=_actor(g.target), is_lead=g.lead, is_background=g.background,
                     basis=g.basis, polarity=g.polarity, modality=g.modality, confidence=1.0, text="")
            for g in gold_rows(rec)]


def main() -> int:
    lines = (HERE / "events.jsonl").read_text("utf-8").splitlines()
    main_gold = {json.loads(ln)["path"]: json.loads(ln) for ln in lines}
    counts = Counts()
    for ln in (HERE / "agreement.jsonl").read_text("utf-8").splitlines():
        second = json.loads(ln)
        first = main_gold[second["path"]]
        text = (DEFAULT_CORPUS / second["path"]).read_text("utf-8")
        score_article(gold_rows(first), as_system(second, text), counts, second["path"])
        mentions = [(n["span"][0], n["span"][1], "", _actor(n)) for n in second["names"] if n["name"]]
        score_links(first["names"], mentions, counts, second["path"])
    out = counts.as_dict()
    print(f"{out['articles']} articles coded twice: first annotator {out['gold_rows']} rows, "
          f"second {out['system_rows']}")
    for k in ("tuple", "detection"):
        print(f"{k:<10} P {out[k]['precision']:.3f}  R {out[k]['recall']:.3f}  F1 {out[k]['f1']:.3f}")
    print(f"both actors agree when both coded the event: {out['both_actors_right_when_detected']:.3f}")
    print(f"lead agrees: {out['lead_marked']:.3f} of {out['articles_with_lead']} articles")
    print(f"names: referent agrees on {out['linking']['precision']:.3f} of {out['linking']['judged']} "
          "spans both listed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
