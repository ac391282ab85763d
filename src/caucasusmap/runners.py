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
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from .errors import MissingLibraryError

__all__ = ["LocalRunner", "DaskRunner", "runner_from_options"]


class LocalRunner:
    """Runs batches here (``workers`` ≤ 1) or in a pool of processes."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, int(workers))

    def map(self, func: Callable, spec, batches: Sequence) -> Iterator[tuple[int, object]]:
        if self.workers == 1 or len(batches) <= 1:
            for k, batch in enumerate(batches):
                yield k, func(spec, batch)
            return
        pool = ProcessPoolExecutor(min(self.workers, len(batches)), mp_context=multiprocessing.get_context("spawn"))
        try:
            pending = {}
            queue = iter(enumerate(batches))
            for k, batch in queue:
                pending[pool.submit(func, spec, batch)] = k
                if len(pending) >= self.workers * 2:
                    break
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    k = pending.pop(fut)
                    result = fut.result()
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending[pool.submit(func, spec, nxt[1])] = nxt[0]
                    yield k, result
        finally:
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

    def map(self, func: Callable, spec, batches: Sequence) -> Iterator[tuple[int, object]]:
        distributed = _dask()
        client, cluster = self._client()
        try:
            spec_future = client.scatter(spec, broadcast=True)
            queue = iter(enumerate(batches))
            ahead = self.workers * 2
            keys = {}
            done = distributed.as_completed()
            for k, batch in queue:
                fut = client.submit(func, spec_future, batch, pure=False)
                keys[fut.key] = k
                done.add(fut)
                if len(keys) >= ahead:
                    break
            for fut in done:
                k = keys.pop(fut.key)
                result = fut.result()
                fut.release()
                nxt = next(queue, None)
                if nxt is not None:
                    f2 = client.submit(func, spec_future, nxt[1], pure=False)
                    keys[f2.key] = nxt[0]
                    done.add(f2)
                yield k, result
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def runner_from_options(scheduler: str | None = None, workers: int | None = None, dask: bool = False):
    """The runner a command asks for: ``scheduler`` (a Dask address) or
    ``dask`` (a local Dask cluster of ``workers``) or else a local pool of
    ``workers`` processes (None: decided by the corpus size)."""
    if scheduler or dask:
        return DaskRunner(scheduler, workers or 2)
    if workers is None:
        return None
    return LocalRunner(workers)
