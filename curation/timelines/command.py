"""``curate timeline``: argument parsing for the timeline sub-command; the work is in the library."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from curation.errors import Errors, TimelineError
from curation.terminal import inert
from curation.timelines import FORMATS


def register(sub: Any) -> None:
    """Add the ``timeline`` sub-command to the ``curate`` sub-parsers ``sub``."""
    p = sub.add_parser(
        "timeline", help="build a timeline of a dataset's events (table, csv, json, html or png)",
        description="One row per real-world event (event cluster), sorted by date, with honest date precision, "
                    "a one-line summary, and the evidence and source of its best mention. Every output carries "
                    "the sha256 of the dataset's manifest.json; the same command on the same dataset writes "
                    "the same bytes.")
    p.add_argument("dataset", metavar="DATASET_DIR", help="dataset folder written by `curate run`")
    p.add_argument("--actor", action="append", default=[], metavar="X",
                   help="actor id, name or alias (repeatable); with --with, one side of the dyad")
    p.add_argument("--with", dest="with_", action="append", default=[], metavar="Y",
                   help="the other side of the dyad (repeatable): events between --actor and --with")
    p.add_argument("--type", action="append", default=[], metavar="T",
                   help="PLOVER event type (ASSAULT) or quad class (material_conflict); repeatable")
    p.add_argument("--from", dest="start", metavar="D", help="start: YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="D", help="end, inclusive: YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD")
    p.add_argument("--modality", action="append", default=[], metavar="M",
                   help="keep this modality (actual, possible, future, conditional, reported; repeatable; "
                        "default actual); 'all' keeps every one")
    p.add_argument("--min-confidence", type=str, metavar="F", help="lowest confidence kept, 0..1")
    p.add_argument("--include-negated", action="store_true", help="keep events reported as not having happened")
    p.add_argument("--include-undated", action="store_true", help="keep undated events (listed last)")
    p.add_argument("--exact", action="store_true",
                   help="match actors exactly: a state does not stand for its sectors and people")
    p.add_argument("--directed", action="store_true",
                   help="--actor is the source and --with the target (without --with: --actor is the source)")
    p.add_argument("--format", metavar="FMT",
                   help=f"one of {', '.join(FORMATS)} (default: from the --output or --check file's extension, "
                        "else table)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--width", type=int, metavar="N",
                   help="table width (default: the terminal's; 100 when writing a file)")
    p.add_argument("--check", metavar="FILE",
                   help="rebuild the timeline with these options and check FILE holds the same bytes; "
                        "exit 0 if so, 1 if not (and say whether the dataset or the options differ)")
    p.set_defaults(func=run_command, timeline_parser=p)


def run_command(args: argparse.Namespace) -> int:
    """Build the timeline the arguments ask for and write it."""
    from curation.timelines import render, timeline

    if args.width is not None and not WIDTHS[0] <= args.width <= WIDTHS[1]:
        raise TimelineError(Errors.E068.format(low=WIDTHS[0], high=WIDTHS[1], value=args.width))
    implied = _format_of(args.output or args.check)  # checked even with --format: x.xlsx is never csv inside
    fmt = args.format or implied
    if args.format and (args.output or args.check) and args.format in FORMATS and args.format != implied:
        raise TimelineError(Errors.E066.format(value=args.format, path=args.output or args.check, implied=implied))
    if fmt not in FORMATS:
        raise TimelineError(Errors.E077.format(value=fmt, allowed=", ".join(FORMATS)))
    if fmt == "png" and not (args.output or args.check) and sys.stdout.isatty():
        raise TimelineError(Errors.E077.format(value="png to a terminal", allowed=", ".join(FORMATS)))
    modalities: tuple[str, ...] | None = tuple(args.modality) or ("actual",)
    if modalities is not None and "all" in modalities:
        modalities = None
    if args.with_ and not args.actor:
        args.timeline_parser.error("--with names one side of a dyad; give the other side with --actor")
    kwargs: dict[str, Any] = {
        "types": args.type or None, "start": args.start, "end": args.end, "modalities": modalities,
        "min_confidence": args.min_confidence, "include_negated": args.include_negated,
        "include_undated": args.include_undated, "expand": not args.exact, "directed": args.directed,
    }
    if args.with_:
        kwargs["dyad"] = (args.actor, args.with_)
    elif args.actor:
        kwargs["actors"] = args.actor
    df = timeline(args.dataset, **kwargs)
    # A file gets a fixed width, so the same command writes the same bytes
    # whatever terminal it was typed in.
    to_file = bool(args.output or args.check)
    width = args.width or (100 if to_file else shutil.get_terminal_size((100, 24)).columns)
    data = render(df, fmt, width=width, title=_title(args))
    if args.check:
        return _check(Path(args.check), data, df.attrs["manifest_sha256"], args.dataset)
    if args.output:
        from curation.write import write_file_atomic

        try:
            write_file_atomic(Path(args.output), data)
        except OSError as exc:
            raise TimelineError(Errors.E069.format(path=args.output, detail=exc.strerror or exc)) from exc
    else:
        if fmt != "png" and sys.stdout.isatty():
            # A person reads it: no byte of the data may act as a terminal command (see curation.terminal).
            data = inert(data.decode("utf-8"), as_json=fmt in ("json", "geojson")).encode("utf-8")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


WIDTHS = (40, 1000)  # table and plot widths a terminal or a page can hold


_SUFFIXES = {".txt": "table", ".csv": "csv", ".json": "json", ".geojson": "geojson", ".html": "html", ".htm": "html",
             ".png": "png"}


def _format_of(path: str | None) -> str:
    """The format a file name implies (the terminal table without a file); an unknown extension is an error,
    not a table written under a name that promises a spreadsheet."""
    if not path:
        return "table"
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise TimelineError(Errors.E067.format(path=path, allowed=", ".join(sorted(_SUFFIXES))))
    return _SUFFIXES[suffix]


def _check(path: Path, rebuilt: bytes, sha: str, dataset: str) -> int:
    """Compare a timeline file with its rebuild; say why they differ when they do."""
    from curation.timelines.verify import carried_sha

    try:
        existing = path.read_bytes()
    except OSError as exc:
        print(f"curate: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 1
    if existing == rebuilt:
        print(f"{path}: rebuilt byte for byte from {dataset} (manifest sha256 {sha})")
        return 0
    found = carried_sha(existing)
    if found is None:
        print(f"{path}: carries no manifest sha256; it is not a timeline written by curate timeline", file=sys.stderr)
    elif found != sha:
        print(f"{path}: built from the dataset with manifest sha256 {found}; {dataset} now has {sha}. "
              "The dataset changed: rebuild the timeline, or check it against the dataset it came from.",
              file=sys.stderr)
    else:
        print(f"{path}: built from this dataset (manifest sha256 {sha}) but differs from the rebuild: "
              "other options (filters, format, width) or an edited file.", file=sys.stderr)
    return 1


def _title(args: argparse.Namespace) -> str:
    """A page or plot title from the query: "Timeline: RUS – UKR"."""
    if args.with_:
        sep = " → " if args.directed else " – "
        return f"Timeline: {', '.join(args.actor)}{sep}{', '.join(args.with_)}"
    if args.actor:
        return f"Timeline: {', '.join(args.actor)}"
    return "Timeline"
