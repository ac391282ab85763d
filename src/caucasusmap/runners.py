"""Where the linking runs: this process, a local process pool, or a Dask cluster.

Linking a batch of documents is a pure unit of work
(:func:`caucasusmap.index.link_files`: file paths in, linked columns out), so
every runner runs the very same function; the caller writes each result into
the store as it arrives. A runner's :meth:`map` yields ``(batch number,
result)`` in completion order and keeps only a few batches in flight, so
memory stays bounded however large the corpus.

* :class:`LocalRunner` — in this process (one worker) or a pool of spawned
  processes (spawn, not fork: safe to start from the app's worker thread).
* :class:`DaskRunner` — a Dask cluster: an existing scheduler
  (``--scheduler tcp://host:8786``) or, with no address, a local cluster it
  starts and stops itself. The workers must see the corpus folder at the same
  path (a shared file system); the results come back to this process, which
  writes the store. Dask is an optional extra (``caucasusmap[cluster]``).

Cancelling: ``map(..., cancelled=f)`` calls ``func(spec, batch,
cancelled=...)``, and the work stops within a document, not only between
batches. In this process ``f`` itself is passed down. For a pool or a cluster
a watcher thread here asks ``f()`` every :data:`POLL_SECONDS` and, once it
says yes, sets one shared flag that every worker's ``cancelled`` reads: a
``multiprocessing`` Event handed to the pool's processes when they start (a
semaphore read, no round trip), or a ``distributed.Event`` on the cluster's
scheduler (asked at most every :data:`POLL_SECONDS` per worker). The linker
asks between the windows of a long document and between its own steps, so a
worker stops within one window and raises
:class:`~caucasusmap.errors.Cancelled`, which :meth:`map` raises here.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from .errors import Cancelled, MissingLibraryError

__all__ = ["LocalRunner", "DaskRunner", "runner_from_options", "POLL_SECONDS"]

POLL_SECONDS = 0.1
"""How often the caller's ``cancelled()`` is asked while workers run (and a
Dask worker asks the scheduler's flag at most)."""


class _Watch:
    """While open, asks ``cancelled()`` every :data:`POLL_SECONDS` in a
    thread and calls ``on_cancel()`` once it says yes; closing calls
    ``on_cancel()`` too unless the work finished (so workers still running
    when the caller stops reading results stop as well)."""

    def __init__(self, cancelled: Callable[[], bool] | None, on_cancel: Callable[[], None]):
        self.cancelled, self.on_cancel = cancelled, on_cancel
        self.finished = False
        self._stop = threading.Event()
        self._fired = threading.Lock()
        self._done = False
        self._thread = None
        if cancelled is not None:
            self._thread = threading.Thread(target=self._run, name="caucasusmap-cancel-watch", daemon=True)
            self._thread.start()

    def _fire(self) -> None:
        with self._fired:
            if not self._done:
                self._done = True
                self.on_cancel()

    def _run(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            if self.cancelled():
                self._fire()
                return

    def close(self) -> None:
        self._stop.set()
        if not self.finished:
            self._fire()
        if self._thread is not None:
            self._thread.join()


_worker_flag = None  # the pool's Event, in each pool process


def _set_worker_flag(flag) -> None:
    global _worker_flag
    _worker_flag = flag


def _in_pool(func: Callable, spec, batch):
    """Runs ``func`` in a pool process with the pool's cancel flag."""
    return func(spec, batch, cancelled=_worker_flag.is_set)


def _raise_if(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled("cancelled")


class LocalRunner:
    """Runs batches here (``workers`` ≤ 1) or in a pool of processes."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, int(workers))

    def map(self, func: Callable, spec, batches: Sequence, *,
            cancelled: Callable[[], bool] | None = None) -> Iterator[tuple[int, object]]:
        """``(batch number, func(spec, batch))`` in completion order; with
        ``cancelled``, ``func`` is called with ``cancelled=`` too (see the
        module docstring) and :class:`~caucasusmap.errors.Cancelled` is
        raised once it says yes."""
        if self.workers == 1 or len(batches) <= 1:
            for k, batch in enumerate(batches):
                _raise_if(cancelled)
                yield k, (func(spec, batch) if cancelled is None else func(spec, batch, cancelled=cancelled))
            return
        context = multiprocessing.get_context("spawn")
        flag = context.Event() if cancelled is not None else None
        pool = ProcessPoolExecutor(min(self.workers, len(batches)), mp_context=context,
                                   **({"initializer": _set_worker_flag, "initargs": (flag,)} if flag else {}))

        def submit(batch):
            return pool.submit(_in_pool, func, spec, batch) if flag else pool.submit(func, spec, batch)

        watch = _Watch(cancelled, flag.set if flag else lambda: None)
        try:
            pending = {}
            queue = iter(enumerate(batches))
            for k, batch in queue:
                pending[submit(batch)] = k
                if len(pending) >= self.workers * 2:
                    break
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    k = pending.pop(fut)
                    result = fut.result()
                    _raise_if(cancelled)
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending[submit(nxt[1])] = nxt[0]
                    yield k, result
            watch.finished = True
        finally:
            watch.close()
            pool.shutdown(wait=True, cancel_futures=True)


def _dask():
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise MissingLibraryError("running on a Dask cluster needs dask and distributed, which are not installed; "
                                  "install them with: pip install 'caucasusmap[cluster]'") from None
    import distributed

    return distributed


class DaskRunner:
    """Runs batches on a Dask cluster: the scheduler at ``address``, or a
    local cluster of ``workers`` single-threaded worker processes started
    (and stopped) here when no address is given."""

    def __init__(self, address: str | None = None, workers: int = 2, *, timeout: float = 30.0):
        self.address = address
        self.workers = max(1, int(workers))
        self.timeout = timeout

    def _client(self):
        distributed = _dask()
        if self.address:
            try:
                client = distributed.Client(self.address, timeout=self.timeout)
            except OSError as exc:
                from .errors import CaucasusmapError

                raise CaucasusmapError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None
            self.workers = max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
            return client, None
        cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                           host="127.0.0.1", dashboard_address=None, silence_logs=40)
        return distributed.Client(cluster), cluster

    def map(self, func: Callable, spec, batches: Sequence, *,
            cancelled: Callable[[], bool] | None = None) -> Iterator[tuple[int, object]]:
        """As :meth:`LocalRunner.map`, on the cluster."""
        distributed = _dask()
        client, cluster = self._client()
        watch = None
        try:
            spec_future = client.scatter(spec, broadcast=True)
            flag = None
            if cancelled is not None:
                flag = distributed.Event(f"caucasusmap-cancel-{uuid.uuid4().hex}", client=client)
                watch = _Watch(cancelled, flag.set)

            def submit(batch):
                if flag is None:
                    return client.submit(func, spec_future, batch, pure=False)
                return client.submit(_on_dask_worker, func, spec_future, batch, flag.name, pure=False)

            queue = iter(enumerate(batches))
            ahead = self.workers * 2
            keys = {}
            done = distributed.as_completed()
            for k, batch in queue:
                fut = submit(batch)
                keys[fut.key] = k
                done.add(fut)
                if len(keys) >= ahead:
                    break
            for fut in done:
                k = keys.pop(fut.key)
                result = fut.result()
                fut.release()
                _raise_if(cancelled)
                nxt = next(queue, None)
                if nxt is not None:
                    f2 = submit(nxt[1])
                    keys[f2.key] = nxt[0]
                    done.add(f2)
                yield k, result
            if watch is not None:
                watch.finished = True
        finally:
            if watch is not None:
                watch.close()
            client.close()
            if cluster is not None:
                cluster.close()


def _on_dask_worker(func: Callable, spec, batch, flag_name: str):
    """Runs ``func`` on a Dask worker, asking the scheduler's cancel flag
    at most every :data:`POLL_SECONDS`."""
    import distributed

    flag = distributed.Event(flag_name)
    last = [0.0, False]

    def cancelled() -> bool:
        now = time.monotonic()
        if not last[1] and now - last[0] >= POLL_SECONDS:
            last[0], last[1] = now, flag.is_set()
        return last[1]

    return func(spec, batch, cancelled=cancelled)


def runner_from_options(scheduler: str | None = None, workers: int | None = None, dask: bool = False):
    """The runner a command asks for: ``scheduler`` (a Dask address) or
    ``dask`` (a local Dask cluster of ``workers``) or else a local pool of
    ``workers`` processes (None: decided by the corpus size)."""
    if scheduler or dask:
        return DaskRunner(scheduler, workers or 2)
    if workers is None:
        return None
    return LocalRunner(workers)
