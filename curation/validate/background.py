"""Validation in a process of its own, started while the articles are still being processed.

Importing great-expectations and building its context costs seconds of CPU
whatever the size of the corpus (about 4.7 s on the 2-core reference machine).
``curate run`` validates only at the end, when every table is written; done
in the run's own process, that fixed cost would come after the extraction and
add to the run's time. A :class:`BackgroundValidator` is started while the
articles are still being processed, at a moment when a core is free: at once
when the work runs in the run's own process (one worker leaves the other
cores idle) or on a cluster elsewhere; once the input is all read when a
local pool has every core busy (its workers are then on their last batches,
and cores come free one by one). Its process imports great-expectations,
then waits. At the end the run sends it the staging folder; it reads the
tables there, validates them, moves failing rows to quarantine, writes the
report into the folder and answers with the manifest entry, the summary line
and the row counts (:class:`curation.validate.stage.StagedOutcome`). The
tables never travel between the processes, and the run's own process never
holds them.

The outcome is exactly what validating in the run's process gives: the same
function runs on the same files (a test compares the bytes).
"""

from __future__ import annotations

import contextlib
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from curation.engine import _mp_context
from curation.errors import Errors, ValidationRunError
from curation.validate.stage import StagedOutcome, validate_staged


def _serve(conn: Connection) -> None:
    """The validation process: get great-expectations ready, then answer one request."""
    from curation.validate.expectations import prepare_context

    # A failure here is left for the request below to meet again and report, in the usual place.
    with contextlib.suppress(Exception):
        prepare_context()
    try:
        request = conn.recv()
    except EOFError:  # the run ended without validating (all cached, or it failed): nothing to do
        return
    if request is None:
        return
    staging, counts = request
    try:
        reply: tuple[str, Any] = ("ok", validate_staged(Path(staging), counts))
    except BaseException as exc:  # by design: every failure goes back to the run, which raises it there
        reply = ("error", exc)
    try:
        conn.send(reply)
    except Exception as exc:  # an exception that cannot be pickled: send its text
        conn.send(("error", ValidationRunError(f"{type(reply[1]).__name__}: {reply[1]}"[:2000])
                   if reply[0] == "error" else exc))
    conn.close()


class BackgroundValidator:
    """A validation process, started now and used once by :meth:`validate`."""

    def __init__(self) -> None:
        ctx: Any = _mp_context()  # as for the worker pool: never fork a process that may hold threads
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), name="curation-validate", daemon=True)
        self._proc.start()
        child.close()
        self._used = False

    def validate(self, staging: Path, counts: dict[str, int]) -> StagedOutcome:
        """Validate the staging folder in the validation process (see :func:`validate_staged`)."""
        self._used = True
        try:
            self._conn.send((str(staging), dict(counts)))
            status, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            code = self._proc.exitcode
            raise ValidationRunError(Errors.E087.format(
                detail=f"{type(exc).__name__}; exit code {code}" if code is not None else type(exc).__name__)) from exc
        if status == "error":
            raise value
        return value

    def abort(self) -> None:
        """Stop the process now, even mid-validation: the run failed and its staging folder is about to go,
        and a validation still writing there would leave part of it behind."""
        self._used = False  # close() then terminates it, as it does a process that was never used
        self.close()

    def close(self) -> None:
        """Stop the process: at once if it was never used (it may still be importing), else once it has answered."""
        self._conn.close()
        if not self._used:
            self._proc.terminate()
        self._proc.join(timeout=30)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
