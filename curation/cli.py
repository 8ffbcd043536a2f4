"""The ``curate`` command: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from curation.errors import CurationError, Errors
from curation.terminal import inert

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _cmd_run(args: argparse.Namespace) -> int:
    from curation.config import load_config
    from curation.pipeline import parse_date_arg, run

    config = load_config(args.config)
    published = parse_date_arg(args.published) if args.published else None
    cache: str | bool = False if args.no_cache else (args.cache or True)
    summary = run(args.inputs, args.out, published=published, config=config,
                  progress=None if not args.quiet else False, log=lambda s: print(inert(s), file=sys.stderr),
                  workers=_workers(args), scheduler=args.scheduler, cache=cache,
                  follow_symlinks=args.follow_symlinks)
    checked = summary.manifest.get("validation") or {}
    if checked and not checked.get("success", True) and not checked.get("passes_after_quarantine", False):
        # Rows were quarantined where that could fix things; what is left (a wrong type, a
        # missing column) makes the dataset itself suspect, so the run says so in its exit status.
        print(f"curate: the dataset was written but fails validation: see {checked.get('report')} in it.",
              file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from curation.validate import summary_lines, validate_dataset, write_report

    if args.report and Path(args.report).suffix.lower() not in (".html", ".htm"):
        from curation.errors import ValidationRunError

        # Checked before the work: the report is a web page, and a .pdf or .xlsx name would mislead.
        raise ValidationRunError(Errors.E063.format(path=args.report,
                                                    detail="the report is an HTML page; name the file .html"))
    result = validate_dataset(args.dataset)
    for note in result.notes:
        print(inert(f"curate: {note}"), file=sys.stderr)
    if args.report:
        write_report(result, Path(args.report))
    if args.json:
        print(inert(json.dumps(result.as_dict(), indent=2, sort_keys=True, ensure_ascii=False), as_json=True))
    else:
        print(inert("\n".join(summary_lines(result))))
    ok = result.strict_success if args.strict else result.success
    return EXIT_OK if ok else EXIT_FAIL


def _workers(args: argparse.Namespace) -> int:
    """--workers if given, else run.workers from the user's config file if it sets it, else all cores (0)."""
    if args.workers is not None:
        return int(args.workers)
    if args.config:
        import tomllib
        from pathlib import Path

        user = tomllib.loads(Path(args.config).read_text("utf-8"))  # already validated by load_config
        if "workers" in user.get("run", {}):
            return int(user["run"]["workers"])
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``curate`` and its sub-commands."""
    parser = argparse.ArgumentParser(prog="curate", description="Curate news articles into an event dataset.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run the curation job over articles and write a dataset")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file or folder (recursive) of articles")
    p.add_argument("--out", required=True, metavar="DATASET_DIR", help="dataset folder to write")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for articles that carry none")
    p.add_argument("--config", metavar="FILE", help="TOML file overriding the default configuration")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--follow-symlinks", action="store_true",
                   help="read symbolic links that lead out of the inputs (by default they are rejects)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="worker processes on this machine (0, the default: one per core; 1: no pool)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on the Dask cluster at ADDRESS (tcp://HOST:8786), or local:N to start one of N workers")
    cache = p.add_mutually_exclusive_group()
    cache.add_argument("--cache", metavar="DIR",
                       help="cache of per-article results for incremental runs (default: .cache/NAME beside --out)")
    cache.add_argument("--no-cache", action="store_true", help="process every article, keep no cache")
    p.set_defaults(func=_cmd_run)

    v = sub.add_parser("validate", help="validate a dataset folder; exit 0 when all checks hold, 1 when one fails")
    v.add_argument("dataset", metavar="DATASET_DIR", help="dataset folder written by curate run")
    v.add_argument("--report", metavar="FILE", help="also write the HTML report to FILE")
    v.add_argument("--json", action="store_true", help="print the full result as JSON instead of a summary")
    v.add_argument("--strict", action="store_true", help="warnings fail too")
    v.set_defaults(func=_cmd_validate)

    ev = sub.add_parser("evaluate", help="score an extractor against gold data")
    evsub = ev.add_subparsers(dest="what", required=True)
    from curation.evaluate import register

    register(evsub)

    from curation.timelines.command import register as register_timeline

    register_timeline(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CurationError as exc:
        print(inert(f"curate: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("curate: interrupted; the previous dataset is left as it was.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _quiet_pipe()
    except OSError as exc:
        # The system refused a read or a write the command needed (a full disk, a folder that went away):
        # its own words and the file, not a traceback.
        where = f": {exc.filename}" if exc.filename else ""
        print(inert(f"curate: {Errors.E006.format(detail=exc.strerror or exc, where=where)}"), file=sys.stderr)
        return EXIT_FAIL


def _quiet_pipe() -> int:
    """The reader of our output went away (`curate validate --json | head`): not an error of ours.

    Python would report the pipe again when it flushes stdout at exit; stdout points at nothing first.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141


if __name__ == "__main__":
    sys.exit(main())
