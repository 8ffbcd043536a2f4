"""Execution engines: where the per-article work runs.

The job hands batches of articles to a pure function (see
:func:`curation.pipeline.work_batch`); an engine decides where that function
runs:

- :class:`InProcess` runs it in the calling process (``--workers 1``);
- :class:`ProcessPool` runs it in N worker processes on this machine
  (``--workers N``), started with ``forkserver`` (``spawn`` where there is no
  forkserver) so that a worker never inherits the parent's memory or threads;
- :class:`DaskCluster` runs it on a Dask distributed cluster
  (``--scheduler ADDRESS``, or ``--scheduler local:N`` to start a
  ``LocalCluster`` of N single-threaded worker processes).

Workers load spaCy once each: the function looks its resources up through a
per-process ``lru_cache``. :func:`ordered_map` keeps a bounded number of
batches in flight (memory stays flat however long the input is) and yields
results in input order, so what is written never depends on which worker
finished first: every engine writes the same bytes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from curation.errors import Errors, SchedulerError

T = TypeVar("T")
A = TypeVar("A")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

LOCAL_PREFIX = "local:"


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int) -> int:
    """Worker processes for ``workers`` (0 means one per core)."""
    if workers < 0:
        raise SchedulerError(Errors.E080.format(value=workers))
    return cpu_count() if workers == 0 else workers


class Handle(Protocol[R_co]):
    """A submitted piece of work."""

    def result(self) -> R_co: ...


class Engine(Protocol):
    """Somewhere to run a picklable function over picklable items."""

    @property
    def name(self) -> str: ...

    @property
    def slots(self) -> int:  # how many items can run at once
        ...

    def submit(self, fn: Callable[[T], R], item: T) -> Handle[R]: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class _Ready:
    value: Any

    def result(self) -> Any:
        return self.value


class InProcess:
    """Runs the work in the calling process, at once."""

    name = "in-process"
    slots = 1

    def submit(self, fn: Callable[[T], R], item: T) -> Handle[R]:
        """Run ``fn(item)`` now."""
        return _Ready(fn(item))

    def close(self) -> None:
        """Nothing to release."""


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork would copy the parent's loaded model and any threads it holds
    # (tqdm's monitor, pyarrow's pools) into the children: unsafe and
    # wasteful. forkserver starts each worker from a clean server process.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


class ProcessPool:
    """N worker processes on this machine; each loads its resources once (``warm`` at start)."""

    def __init__(self, workers: int, *, warm: Callable[[], object] | None = None) -> None:
        self.slots = workers
        self.name = f"process-pool:{workers}"
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                         initializer=warm)

    def submit(self, fn: Callable[[T], R], item: T) -> Handle[R]:
        """Queue ``fn(item)`` on the pool."""
        return _PoolHandle(self._pool.submit(fn, item))

    def close(self) -> None:
        """Stop the workers (waiting for none: results already taken are all we need)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True, slots=True)
class _PoolHandle(Generic[R]):
    future: Future[R]

    def result(self) -> R:
        try:
            return self.future.result()
        except BrokenProcessPool as exc:
            raise SchedulerError(Errors.E086.format(detail=exc)) from exc


class DaskCluster:
    """A Dask distributed cluster: an existing scheduler's address, or ``local:N``."""

    def __init__(self, address: str, *, timeout: str = "30s") -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # a required dependency, but say so plainly if it is missing
            raise SchedulerError(Errors.E083.format(detail=exc)) from exc
        self._cluster: Any = None
        try:
            if address.startswith(LOCAL_PREFIX):
                n = _local_workers(address)
                # One thread per worker: spaCy's pipe is CPU-bound and holds the
                # GIL, so threads in one worker would only take turns.
                self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR,
                                             # The scheduler's HTTP server still binds port 8787 without a
                                             # dashboard; a free port keeps two clusters on one machine apart.
                                             scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"})
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout=timeout)
        except SchedulerError:
            raise
        except Exception as exc:  # by design: dask raises OSError, TimeoutError, ValueError ... for a bad address
            if self._cluster is not None:
                self._cluster.close()
            raise SchedulerError(Errors.E081.format(address=address, detail=f"{type(exc).__name__}: {exc}")) from exc
        threads = self._client.nthreads()
        self.slots = max(1, sum(threads.values()))
        self.name = f"dask:{address}"

    def submit(self, fn: Callable[[T], R], item: T) -> Handle[R]:
        """Send ``fn(item)`` to the cluster (``pure=False``: every batch is its own task)."""
        return _DaskHandle(self._client.submit(fn, item, pure=False))

    def close(self) -> None:
        """Disconnect, and stop the cluster if this engine started it."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


@dataclass(frozen=True, slots=True)
class _DaskHandle(Generic[R]):
    future: Any

    def result(self) -> R:
        from distributed import KilledWorker

        try:
            return self.future.result()
        except KilledWorker as exc:
            # Dask already retried the task on other workers before giving up.
            raise SchedulerError(Errors.E086.format(detail=exc)) from exc


def _local_workers(address: str) -> int:
    value = address[len(LOCAL_PREFIX):]
    if not value.isdigit() or int(value) < 0:
        raise SchedulerError(Errors.E084.format(address=address))
    return resolve_workers(int(value))


def check_scheduler(address: str, *, timeout: float = 10.0) -> None:
    """Raise E084 or E081 now, before any work, when ``address`` cannot be a cluster this run will use.

    ``local:N`` must name a number of workers; a scheduler address must accept a TCP connection. A run
    small enough for one batch never starts the cluster, so without this check a wrong address would
    pass unnoticed until the first large run.
    """
    if address.startswith(LOCAL_PREFIX):
        _local_workers(address)
        return
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port or 8786
    except ValueError as exc:  # a port that is not a number
        raise SchedulerError(Errors.E081.format(address=address, detail=exc)) from exc
    if parts.scheme not in ("tcp", "tls", "ws", "wss") or not host:
        raise SchedulerError(Errors.E084.format(address=address))
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        raise SchedulerError(Errors.E081.format(address=address, detail=exc.strerror or exc)) from exc


def make_engine(*, workers: int = 1, scheduler: str | None = None,
                warm: Callable[[], object] | None = None) -> Engine:
    """The engine for ``--workers`` / ``--scheduler`` (a scheduler wins over workers)."""
    if scheduler:
        return DaskCluster(scheduler)
    n = resolve_workers(workers)
    if n == 1:
        return InProcess()
    return ProcessPool(n, warm=warm)


def ordered_map(engine: Engine, fn: Callable[[A], R], items: Iterable[tuple[T, A | None]], *,
                window: int | None = None) -> Iterator[tuple[T, R | None]]:
    """``(tag, fn(payload))`` for every ``(tag, payload)``, in input order, at most ``window`` in flight.

    A payload of None means there is nothing to do for that tag (e.g. every
    article of the batch came from the cache): it yields ``(tag, None)`` in
    its place. The window (default: twice the engine's slots, so no worker
    waits while the parent writes) is what bounds memory: items are pulled
    from the input only as results are taken.
    """
    pending: deque[tuple[T, Handle[R] | None]] = deque()
    for tag, payload in items:
        pending.append((tag, None if payload is None else engine.submit(fn, payload)))
        while len(pending) >= (window or 2 * max(1, engine.slots)):
            done, handle = pending.popleft()
            yield done, None if handle is None else handle.result()
    while pending:
        done, handle = pending.popleft()
        yield done, None if handle is None else handle.result()
