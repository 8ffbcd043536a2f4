"""Validation's peak memory as the corpus grows: a dataset's tables replicated k times, validated as a run does.

    python benchmarks/validation_memory.py DATASET [--copies 1 4 16] [--group N]

DATASET is a dataset folder written by ``curate run`` (for the BBC corpus:
``curate run ../shared/data/news/bbc --out /tmp/bbc_ds --workers 2 --no-cache
--published 2005-06-30``). Copy k of every article gets a line appended to
its text, so a new hash and article id, and every other id of its rows is
moved by the same offset, so foreign keys still resolve; actors, their roles
and rejects are shared. Each size is staged as a run stages it and validated
in a fresh process (``validate_staged``, what ``curate run`` calls), which
prints its peak resident memory and time. Extraction is not run: this
measures validation alone, at sizes the extraction benchmark cannot reach in
minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_ID = re.compile(r"^([a-z]+)([0-9a-f]{16})$")
SHARED = ("actors", "actor_roles", "rejects")


def _shift(value: Any, k: int) -> Any:
    """An id of copy ``k``: the same prefix, the 16 hex digits moved by ``k`` (copy 1 keeps its ids)."""
    if k == 1 or not isinstance(value, str):
        return value
    m = _ID.match(value)
    if not m:
        return value
    return m.group(1) + format((int(m.group(2), 16) + k * 0x9E3779B97F4A7C15) % (1 << 64), "016x")


def replicate(src: Path, dest: Path, copies: int) -> dict[str, int]:
    """Stage ``copies`` copies of the dataset at ``src`` under ``dest``; the row counts."""
    from curation.spool import write_sorted
    from curation.tables import build_table
    from curation.validate.frames import read_raw_table
    from schemas import TABLES

    rows = {n: (read_raw_table(src, n) or build_table(n, [])).to_pylist() for n in TABLES}
    out: dict[str, list[dict[str, Any]]] = {n: [] for n in TABLES}
    for n in SHARED:
        out[n] = rows[n]
    for k in range(1, copies + 1):
        article = {}
        for a in rows["articles"]:
            a = dict(a)
            if k > 1:
                a["text"] = f"{a['text']}\n\n(Edition {k}.)"
                digest = hashlib.sha256(a["text"].encode("utf-8")).hexdigest()
                article[a["article_id"]] = "a" + digest[:16]
                a.update(article_id="a" + digest[:16], text_sha256=digest, n_chars=len(a["text"]))
            out["articles"].append(a)
        for n in TABLES:
            if n in SHARED or n == "articles":
                continue
            for r in rows[n]:
                r = {c: article.get(v, v) if c == "article_id" else
                     (_shift(v, k) if c.endswith("_id") and not c.endswith("actor_id") else v)
                     for c, v in r.items()}
                out[n].append(r)
    dest.mkdir(parents=True)
    counts = {}
    for n in TABLES:
        table = build_table(n, out[n])
        write_sorted(dest, n, [table])
        counts[n] = table.num_rows
    return counts


def _child(staging: Path, counts: dict[str, int], group: int | None) -> None:
    from curation.validate.stage import validate_staged

    t0 = time.perf_counter()
    outcome = validate_staged(staging, counts, per_group=group)
    seconds = time.perf_counter() - t0
    # VmHWM, not ru_maxrss: Linux carries the parent's high-water mark across fork and exec into
    # ru_maxrss, and the parent held the replicated rows.
    status = Path("/proc/self/status").read_text()
    peak = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak, "summary": outcome.summary.strip()}))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dataset", type=Path)
    p.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    p.add_argument("--group", type=int, default=None, help="articles per validation group (default: the run's)")
    p.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        _child(Path(args.child[0]), json.loads(args.child[1]), args.group)
        return 0
    from curation.validate.groups import GROUP_ARTICLES

    print(f"validation groups of {args.group or GROUP_ARTICLES} articles")
    first = None
    with tempfile.TemporaryDirectory(prefix="valmem-") as tmp:
        for k in args.copies:
            staging = Path(tmp) / f"x{k}"
            counts = replicate(args.dataset, staging, k)
            cmd = [sys.executable, __file__, str(args.dataset), "--child", str(staging), json.dumps(counts)]
            if args.group:
                cmd += ["--group", str(args.group)]
            res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
            first = first or res
            print(f"x{k}: {counts['articles']:,} articles, {sum(counts.values()):,} rows: "
                  f"validation {res['seconds']:.1f} s, peak {res['peak_rss_mb']:.0f} MB "
                  f"(x{res['peak_rss_mb'] / first['peak_rss_mb']:.2f} of x{args.copies[0]})")
            print(f"   {res['summary']}")
            shutil.rmtree(staging)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
