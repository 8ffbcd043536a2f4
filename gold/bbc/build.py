"""Build the stand-off BBC events gold from the annotators' working files.

    .venv/bin/python gold/bbc/build.py FOLDER               # write gold/bbc/events.jsonl
    .venv/bin/python gold/bbc/build.py --check-only FOLDER  # check the working files, write nothing
    .venv/bin/python gold/bbc/build.py --show [PATH]        # print the gold back with the article text

A working file (see GUIDELINES.md, section 8) names every span by a short
quote with the span in braces; this script finds the character offsets in the
article text and writes only offsets, labels, the file's path and its sha256,
so no text of the articles is copied into the project. The articles are read
from ``../shared/data/news/bbc`` exactly as ``curate run`` reads a .txt file
(the whole file is the text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news" / "bbc"
GOLD = HERE / "events.jsonl"
LIST = HERE / "articles.tsv"
ISO3_FILE = ROOT / "curation" / "validate" / "iso3166_alpha3.txt"

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Modes of the PLOVER 2021 manual's tables (REQUEST and REJECT share theirs).
MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}
KINDS = ("PERSON", "STATE", "GOV", "MIL", "POLICE", "JUDICIARY", "LEGISLATURE", "PARTY", "IGO", "NGO", "COMPANY",
         "MEDIA", "UNION", "REBEL", "GROUP")
SECTORS = ("", "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "SPY", "UAF", "UNK", "BUS", "LAB", "JRN",
           "EDU", "MED", "REL", "SOC", "CVL", "ELI", "CRM", "REF", "AGR", "PRE")
INTERNATIONAL = ("UNO", "EUR", "IGO", "NGO", "MNC", "IMG", "ISM")
BASES = ("timex", "publication", "none")
MODALITIES = ("actual", "possible", "future", "conditional", "reported")
WHY = ("place", "month", "common noun", "part of another name", "title", "not an actor")


class GoldError(ValueError):
    """A working file that does not follow the guidelines."""


def _iso3() -> frozenset[str]:
    return frozenset(ln.strip() for ln in ISO3_FILE.read_text("utf-8").splitlines()
                     if ln.strip() and not ln.startswith("#"))


def articles() -> dict[str, str]:
    """path -> split, from articles.tsv."""
    out: dict[str, str] = {}
    for ln in LIST.read_text("utf-8").splitlines()[1:]:
        if ln.strip():
            path, split = ln.split("\t")[:2]
            out[path] = split
    return out


def _braced(quote: str, where: str) -> tuple[str, int, int]:
    """(plain quote, start, end of the braced part within it)."""
    m = re.fullmatch(r"(.*?)\{(.+?)\}(.*)", quote, flags=re.S)
    if m is None:
        raise GoldError(f"{where}: the quote {quote!r} has no {{braced}} span")
    pre, span, post = m.groups()
    if "{" in post or "}" in post:
        raise GoldError(f"{where}: the quote {quote!r} has more than one braced span")
    return pre + span + post, len(pre), len(pre) + len(span)


def _occurrences(text: str, plain: str) -> list[int]:
    out, k = [], 0
    while (i := text.find(plain, k)) >= 0:
        out.append(i)
        k = i + 1
    return out


def locate(text: str, quote: str, where: str, *, after: int = 0, near: int | None = None) -> tuple[int, int]:
    """Offsets of the braced span of ``quote``: the only occurrence, else the one nearest ``near``, else the
    first at or after ``after``."""
    plain, a, b = _braced(quote, where)
    hits = _occurrences(text, plain)
    if not hits:
        raise GoldError(f"{where}: quote {plain!r} not found in the article")
    if len(hits) > 1 and near is not None:
        i = min(hits, key=lambda h: abs(h + a - near))
    elif len(hits) > 1:
        later = [h for h in hits if h + a >= after]
        i = later[0] if later else hits[0]
    else:
        i = hits[0]
    return i + a, i + b


def _words(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text)]


def _actor(obj: Any, text: str, where: str, trigger: int, iso3: frozenset[str]) -> dict[str, Any] | None:
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise GoldError(f"{where}: an actor is an object or null, got {obj!r}")
    for key in ("name", "kind", "country", "sector"):
        if key not in obj:
            raise GoldError(f"{where}: actor {obj!r} lacks {key!r}")
    if obj["kind"] not in KINDS:
        raise GoldError(f"{where}: kind {obj['kind']!r} not one of {', '.join(KINDS)}")
    if obj["sector"] not in SECTORS:
        raise GoldError(f"{where}: sector {obj['sector']!r} not a PLOVER sector code")
    if obj["country"] is not None and obj["country"] not in iso3 and obj["country"] not in INTERNATIONAL:
        raise GoldError(f"{where}: country {obj['country']!r} is neither ISO 3166 alpha-3 nor {INTERNATIONAL}")
    span = None
    if obj.get("mention"):
        span = list(locate(text, obj["mention"], where, near=trigger))
    return {"span": span, "name": obj["name"], "kind": obj["kind"], "country": obj["country"],
            "sector": obj["sector"]}


def _actors(obj: Any, text: str, where: str, trigger: int, iso3: frozenset[str]) -> list[dict[str, Any]] | None:
    if obj is None:
        return None
    items = obj if isinstance(obj, list) else [obj]
    out = [a for o in items if (a := _actor(o, text, where, trigger, iso3)) is not None]
    return out or None


def build_article(work: dict[str, Any], split: str, iso3: frozenset[str], name: str) -> dict[str, Any]:
    """The stand-off record of one working file."""
    path = work.get("path")
    src = CORPUS / str(path)
    if not src.is_file():
        raise GoldError(f"{name}: no article {path!r} under {CORPUS}")
    raw = src.read_bytes()
    text = raw.decode("utf-8")
    events, ids = [], set()
    prev = 0
    leads = 0
    for k, ev in enumerate(work.get("events", []), 1):
        where = f"{name}: event {ev.get('id', k)}"
        eid = ev.get("id") or f"e{k}"
        if eid in ids:
            raise GoldError(f"{where}: duplicate id")
        ids.add(eid)
        if ev.get("type") not in TYPES:
            raise GoldError(f"{where}: type {ev.get('type')!r} is not a PLOVER 2021 category")
        mode = ev.get("mode") or None
        if mode is not None and mode not in MODES.get(ev["type"], ()):
            raise GoldError(f"{where}: mode {mode!r} is not a mode of {ev['type']} in the manual")
        cameo = ev.get("cameo") or None
        if cameo is not None and not re.fullmatch(r"[0-9]{2,4}", str(cameo)):
            raise GoldError(f"{where}: cameo {cameo!r} is not a 2-4 digit CAMEO code")
        t0, t1 = locate(text, ev["trigger"], where, after=prev)
        prev = t0
        date = ev.get("date") or {"basis": "none"}
        if date.get("basis") not in BASES:
            raise GoldError(f"{where}: date basis {date.get('basis')!r} not one of {BASES}")
        dspan = list(locate(text, date["timex"], where, near=t0)) if date.get("timex") else None
        if ev.get("polarity") not in ("asserted", "negated"):
            raise GoldError(f"{where}: polarity {ev.get('polarity')!r}")
        if ev.get("modality") not in MODALITIES:
            raise GoldError(f"{where}: modality {ev.get('modality')!r}")
        leads += bool(ev.get("lead"))
        events.append({
            "id": eid, "trigger": [t0, t1], "type": ev["type"], "mode": mode, "cameo": cameo,
            "source": _actors(ev.get("source"), text, where + " source", t0, iso3),
            "target": _actors(ev.get("target"), text, where + " target", t0, iso3),
            "reciprocal": bool(ev.get("reciprocal")), "lead": bool(ev.get("lead")),
            "background": bool(ev.get("background")), "same_as": ev.get("same_as") or None,
            "date": {"basis": date["basis"], "value": date.get("value"), "span": dspan},
            "polarity": ev["polarity"], "modality": ev["modality"],
        })
    if leads > 1:
        raise GoldError(f"{name}: {leads} events marked lead; mark exactly one")
    for ev in events:
        if ev["same_as"] is not None and ev["same_as"] not in ids:
            raise GoldError(f"{name}: event {ev['id']} is same_as unknown id {ev['same_as']!r}")
    names: list[dict[str, Any]] = []
    for k, nm in enumerate(work.get("names", []), 1):
        where = f"{name}: name {k}"
        label: dict[str, Any]
        if nm.get("name") is None:
            if nm.get("why") not in WHY:
                raise GoldError(f"{where}: a non-actor needs why in {WHY}")
            label = {"name": None, "why": nm["why"]}
        else:
            a = _actor({**nm, "mention": None}, text, where, 0, iso3)
            assert a is not None
            label = {k2: a[k2] for k2 in ("name", "kind", "country", "sector")}
        plain, a0, a1 = _braced(nm["mention"], where)
        if nm.get("all"):
            spans = [[s, s + a1 - a0] for s in _words(text, plain[a0:a1])]
            if not spans:
                raise GoldError(f"{where}: {plain[a0:a1]!r} does not occur as a word")
        else:
            spans = [list(locate(text, nm["mention"], where))]
        for s in spans:
            # A later, more specific entry replaces an earlier one on the same span.
            names = [n for n in names if n["span"] != s]
            names.append({"span": s, **label})
    names.sort(key=lambda n: n["span"])
    return {"path": path, "sha256": hashlib.sha256(raw).hexdigest(), "split": split,
            "annotator": work.get("annotator"), "n_chars": len(text), "events": events, "names": names}


def build(folder: Path) -> list[dict[str, Any]]:
    """Every working file of ``folder`` as a stand-off record, in articles.tsv order."""
    splits = articles()
    iso3 = _iso3()
    by_path: dict[str, dict[str, Any]] = {}
    errors = []
    for f in sorted(folder.glob("*.json")):
        try:
            work = json.loads(f.read_text("utf-8"))
            if work.get("path") not in splits:
                raise GoldError(f"{f.name}: path {work.get('path')!r} is not in articles.tsv")
            rec = build_article(work, splits[work["path"]], iso3, f.name)
        except (GoldError, ValueError, KeyError, TypeError) as exc:
            errors.append(f"{exc}" if isinstance(exc, GoldError) else f"{f.name}: {type(exc).__name__}: {exc}")
            continue
        by_path[rec["path"]] = rec
    if errors:
        raise GoldError("\n".join(errors))
    return [by_path[p] for p in splits if p in by_path]


def show(records: list[dict[str, Any]], only: str | None = None) -> None:
    """Print the gold with the article text, for review."""
    for rec in records:
        if only and only not in rec["path"]:
            continue
        text = (CORPUS / rec["path"]).read_text("utf-8")
        print(f"## {rec['path']} [{rec['split']}] annotator {rec['annotator']}")
        for ev in rec["events"]:
            t0, t1 = ev["trigger"]
            s0 = max(text.rfind(". ", 0, t0), text.rfind("\n", 0, t0)) + 1
            s1 = min(x for x in (text.find(". ", t1), text.find("\n", t1), len(text)) if x >= 0)

            def who(v: list[dict[str, Any]] | None) -> str:
                return "-" if not v else " + ".join(f"{a['name']}[{a['country']}/{a['sector'] or '-'}]" for a in v)
            flags = "".join(f" {f}" for f in ("lead", "background", "reciprocal") if ev[f])
            print(f"  {ev['id']} {ev['type']}{'/' + ev['mode'] if ev['mode'] else ''} "
                  f"{who(ev['source'])} -> {who(ev['target'])} [{ev['modality']}, {ev['polarity']}, "
                  f"{ev['date']['basis']} {ev['date']['value'] or ''}]{flags}")
            print(f"     {text[s0:t0].strip()} <<{text[t0:t1]}>> {text[t1:s1].strip()}")
        for nm in rec["names"]:
            s, e = nm["span"]
            print(f"  name {text[s:e]!r} @{s}: {nm['name'] or 'not an actor (' + nm['why'] + ')'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, help="folder of working files")
    ap.add_argument("--check-only", action="store_true", help="check the working files, write nothing")
    ap.add_argument("--show", nargs="?", const="", metavar="PATH", help="print the committed gold with the text")
    ap.add_argument("--out", type=Path, default=GOLD, help="stand-off file to write (default: events.jsonl; the "
                                                            "second annotations of the agreement sample go to "
                                                            "agreement.jsonl)")
    args = ap.parse_args(argv)
    if args.show is not None:
        show([json.loads(ln) for ln in GOLD.read_text("utf-8").splitlines() if ln.strip()], args.show or None)
        return 0
    if args.folder is None:
        ap.error("FOLDER is required unless --show")
    try:
        records = build(args.folder)
    except GoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    n_ev = sum(len(r["events"]) for r in records)
    print(f"{len(records)} articles, {n_ev} event rows, {sum(len(r['names']) for r in records)} name spans")
    if not args.check_only:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records),
                            "utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
