"""``curate evaluate actors GOLD [--json]``: actor mentions and links against a gold file.

The gold file holds one JSON object per line and article::

    {"article_id": "a0123...", "source": "datasets/samples/txt/01-x.txt",
     "mentions": [{"char_start": 10, "char_end": 24, "text": "Vladimir Putin", "actor_id": "vladimir-putin"}, ...]}

``source`` names the input the article is read from (a file; ``#L<n>``/``#R<n>``
for a record of a JSONL/CSV dump), relative to the working folder, the gold
file's folder or its parent. Articles are matched by ``article_id`` (the hash of
the text the pipeline computes), so a moved file still scores.

Scores:

* mention precision/recall/F1 on exact spans, and on overlapping spans
  (one-to-one, so one long mention cannot match two gold ones);
* linking accuracy over the exactly matched mentions: the actor id is equal
  (two nulls are equal: "an actor the dictionary does not know" is an answer;
  a gold id that the dictionary in use does not hold counts as null, so a gold
  file keeps canonical ids for actors a dictionary may add later);
* linked F1: span and actor id both right, over every mention;
* linking accuracy by the system's ``link_method`` (alias, demonym, metonym,
  role, unlinked), to see which rule errs.

A system mention counts as an actor mention when it is linked, or when its
label is PERSON, ORG, NORP or DICT: an unlinked GPE/LOC/FAC is a place
("talks in Moscow"), which the gold does not list as an actor (see
``gold/README.md``).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from curation.errors import Errors, EvaluationError
from curation.evaluate import f1
from curation.records import Article, Mention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated actor mention."""

    char_start: int
    char_end: int
    text: str
    actor_id: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """The annotated mentions of one article."""

    article_id: str
    source: str
    mentions: tuple[GoldMention, ...]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``curate evaluate actors``."""
    parser.add_argument("gold", help="gold file (JSON lines: article_id, source, mentions)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list every wrong or missed mention")
    parser.add_argument("--config", default=None, help="configuration TOML (model, actor files)")


def read_gold(path: str | Path) -> list[GoldArticle]:
    """Read and check a gold file; a bad line raises EvaluationError naming it."""
    p = Path(path)
    try:
        lines = p.read_text("utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(Errors.E100.format(path=p, line=0, detail=f"cannot read the file: {exc}")) from exc
    out = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            aid = str(obj["article_id"])
            source = str(obj["source"])
            mentions = tuple(GoldMention(int(m["char_start"]), int(m["char_end"]), str(m["text"]),
                                         m["actor_id"] if m["actor_id"] is None else str(m["actor_id"]))
                             for m in obj["mentions"])
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationError(Errors.E100.format(path=p, line=n, detail=f"bad record ({exc!r})")) from exc
        if aid in seen:
            raise EvaluationError(Errors.E100.format(path=p, line=n, detail=f"article {aid} appears twice"))
        seen.add(aid)
        spans = sorted((m.char_start, m.char_end) for m in mentions)
        for (s1, e1), (s2, e2) in itertools.pairwise(spans):
            if s2 < e1:
                raise EvaluationError(Errors.E100.format(path=p, line=n,
                                                         detail=f"mentions {s1}-{e1} and {s2}-{e2} overlap"))
        out.append(GoldArticle(aid, source, mentions))
    return out


def _resolve(source: str, gold_path: Path) -> Path:
    file_part = source.split("#", 1)[0]
    for base in (Path.cwd(), gold_path.parent, gold_path.parent.parent):
        cand = base / file_part
        if cand.is_file():
            return cand
    raise EvaluationError(Errors.E101.format(path=gold_path, source=source, detail="file not found"))


def load_articles(gold: Sequence[GoldArticle], gold_path: Path) -> dict[str, Article]:
    """The articles the gold names, read with the pipeline's own ingest (so ids and offsets agree)."""
    from curation.ingest import InputFile, parse, read_inputs

    files: dict[str, InputFile] = {}
    for g in gold:
        path = _resolve(g.source, gold_path)
        files.setdefault(str(path), InputFile(path, str(path)))
    articles: dict[str, Article] = {}
    for raw in read_inputs(files.values()):
        art = parse(raw, min_chars=1)
        if isinstance(art, Article):
            articles.setdefault(art.article_id, art)
    return articles


def is_actor_mention(m: Mention) -> bool:
    """Whether a system mention is an actor mention (an unlinked place is not)."""
    return m.actor_id is not None or m.entity_label not in PLACE_LABELS


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_sys if n_sys else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1(p, r), 4), "tp": tp}


def score(gold: Sequence[GoldArticle], system: Mapping[str, Sequence[Mention]]) -> dict[str, Any]:
    """Mention P/R/F1 (exact and overlap), linking accuracy and linked F1, with every error listed."""
    n_gold = n_sys = tp = ov = linked_ok = linked_tp = 0
    errors: list[dict[str, Any]] = []
    by_method: dict[str, list[int]] = {}  # link_method -> [matched, correct]
    for g in gold:
        sys_m = [m for m in system.get(g.article_id, ()) if is_actor_mention(m)]
        n_gold += len(g.mentions)
        n_sys += len(sys_m)
        by_span = {(m.char_start, m.char_end): m for m in sys_m}
        gold_spans = {(m.char_start, m.char_end) for m in g.mentions}
        used: set[tuple[int, int]] = set()
        for gm in g.mentions:
            got = by_span.get((gm.char_start, gm.char_end))
            if got is not None:
                tp += 1
                used.add((got.char_start, got.char_end))
                tally = by_method.setdefault(got.link_method, [0, 0])
                tally[0] += 1
                if got.actor_id == gm.actor_id:
                    linked_ok += 1
                    linked_tp += 1
                    tally[1] += 1
                else:
                    errors.append({"article_id": g.article_id, "kind": "link", "text": gm.text,
                                   "span": [gm.char_start, gm.char_end], "gold": gm.actor_id, "system": got.actor_id})
                continue
            errors.append({"article_id": g.article_id, "kind": "missed", "text": gm.text,
                           "span": [gm.char_start, gm.char_end], "gold": gm.actor_id})
        for m in sys_m:
            if (m.char_start, m.char_end) not in gold_spans:
                errors.append({"article_id": g.article_id, "kind": "spurious", "text": m.text,
                               "span": [m.char_start, m.char_end], "system": m.actor_id, "label": m.entity_label})
        # Overlap: greedy one-to-one pairing in text order.
        free = sorted(sys_m, key=lambda m: m.char_start)
        for gm in sorted(g.mentions, key=lambda m: m.char_start):
            for k, m in enumerate(free):
                if m.char_start < gm.char_end and gm.char_start < m.char_end:
                    ov += 1
                    del free[k]
                    break
    return {
        "articles": len(gold), "gold_mentions": n_gold, "system_mentions": n_sys,
        "mention": _prf(tp, n_sys, n_gold),
        "mention_overlap": _prf(ov, n_sys, n_gold),
        "linking": {"accuracy": round(linked_ok / tp, 4) if tp else 0.0, "correct": linked_ok, "n": tp},
        "linked": _prf(linked_tp, n_sys, n_gold),
        "linking_by_method": {k: {"n": v[0], "accuracy": round(v[1] / v[0], 4) if v[0] else 0.0}
                              for k, v in sorted(by_method.items())},
        "errors": errors,
    }


def evaluate(gold_path: str | Path, *, config_path: str | None = None) -> dict[str, Any]:
    """Run the per-article work on the gold's articles and score the actor mentions."""
    from curation.config import load_config
    from curation.pipeline import get_resources, process_batch

    path = Path(gold_path)
    gold = read_gold(path)
    articles = load_articles(gold, path)
    missing = [g for g in gold if g.article_id not in articles]
    if missing:
        raise EvaluationError(Errors.E101.format(path=path, source=missing[0].source,
                                                 detail=f"no article with id {missing[0].article_id} "
                                                        "(the text changed since the gold was written?)"))
    resources = get_resources(load_config(config_path))
    results = process_batch([articles[g.article_id] for g in gold], resources)
    # Actors made from the text (link_method "generated") are not dictionary links: scored as "an actor the
    # dictionary does not know", like the gold's ids the dictionary lacks.
    system = {r.article.article_id: tuple(replace(m, actor_id=None) if m.link_method == "generated" else m
                                          for m in r.mentions) for r in results}
    dic = resources.dictionary
    unknown: set[str] = set()
    if dic is not None:
        gold = [_known_ids(g, dic, unknown) for g in gold]
    scores = score(gold, system)
    scores["gold_ids_not_in_dictionary"] = sorted(unknown)
    if dic is not None:
        scores["dictionary"] = {"name": dic.name, "version": dic.version, "sha256": dic.sha256, **dic.stats()}
    return scores


def _known_ids(g: GoldArticle, dic: Any, unknown: set[str]) -> GoldArticle:
    """The gold article with ids the dictionary does not hold set to null (noted in ``unknown``)."""
    out = []
    for m in g.mentions:
        if m.actor_id is not None and dic.actor(m.actor_id) is None:
            unknown.add(m.actor_id)
            m = GoldMention(m.char_start, m.char_end, m.text, None)
        out.append(m)
    return GoldArticle(g.article_id, g.source, tuple(out))


def _lines(scores: dict[str, Any], show_errors: bool) -> Iterable[str]:
    m, o, lk, ld = scores["mention"], scores["mention_overlap"], scores["linking"], scores["linked"]
    yield f"articles {scores['articles']}   gold mentions {scores['gold_mentions']}   " \
          f"system mentions {scores['system_mentions']}"
    yield f"mentions (exact)    P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
    yield f"mentions (overlap)  P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}"
    yield f"linking accuracy    {lk['accuracy']:.3f}  ({lk['correct']}/{lk['n']} matched mentions)"
    yield f"linked (span+id)    P {ld['precision']:.3f}  R {ld['recall']:.3f}  F1 {ld['f1']:.3f}"
    yield "linking by method   " + "  ".join(f"{k} {v['accuracy']:.3f} (n={v['n']})"
                                            for k, v in scores["linking_by_method"].items())
    if scores.get("gold_ids_not_in_dictionary"):
        yield f"gold ids not in the dictionary (scored as null): {len(scores['gold_ids_not_in_dictionary'])}"
    if "dictionary" in scores:
        d = scores["dictionary"]
        yield f"dictionary {d['name']} {d['version']}: {d['states']} states, {d['organisations']} organisations, " \
              f"{d['people']} people, {d['person_roles']} person roles, {d['aliases']} aliases"
    if show_errors:
        for e in scores["errors"]:
            yield f"  {e['kind']:<9} {e['article_id']} {e['span']} {e['text']!r} gold={e.get('gold')} " \
                  f"system={e.get('system')}"


def run(args: argparse.Namespace) -> int:
    """Entry point of ``curate evaluate actors``."""
    scores = evaluate(args.gold, config_path=args.config)
    if args.json:
        if not args.errors:
            scores = {k: v for k, v in scores.items() if k != "errors"}
        print(json.dumps(scores, indent=2, sort_keys=True))
    else:
        for line in _lines(scores, args.errors):
            print(line)
    return 0
