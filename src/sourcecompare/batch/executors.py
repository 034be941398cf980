"""Where the topics run, chosen by name from :data:`EXECUTORS`.

``local``
    Worker processes on this machine, each a one-process :mod:`concurrent.futures` executor
    (started with ``spawn``, its garbage collector set as the command's: :mod:`.._gc`),
    handed one topic at a time.  Workers live for the whole batch,
    so each loads the heavy resources once.  A worker that dies breaks only its own executor:
    it is replaced by a new worker and the topic it was comparing runs again; a topic whose
    worker died ``max_attempts`` times is given up (failed, ``WorkerDied``).
``dask``
    A Dask distributed cluster (``distributed.Client``: a scheduler address such as
    ``tcp://host:8786``, a ``LocalCluster``, or a ``Client``).  Dask places the topics, keeps
    its workers (and so their resources) for the whole batch and runs again the topics of a
    worker that dies; a topic whose workers died too often (the scheduler's
    ``allowed-failures``) comes back as ``KilledWorker`` and is recorded as failed.  A topic's
    attempts are one more than the workers that died holding it, as the scheduler counts them
    (asked of the scheduler as each topic finishes; 1 when it will not run code).

Each executor yields ``(outcome, attempts)`` as topics finish, in the order they finish.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from ..errors import BatchError, UnknownComponent
from .work import Outcome, Task, error_record, run_topic

__all__ = [
    "EXECUTORS",
    "DaskCluster",
    "Executor",
    "LocalPool",
    "default_workers",
    "make_executor",
]

log = logging.getLogger(__name__)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class Executor(Protocol):
    """Runs tasks and yields their outcomes (with the attempts each took) as they finish."""

    def run(self, tasks: Sequence[Task]) -> Generator[tuple[Outcome, int], None, None]: ...

    def describe(self) -> str: ...


def _died(task: Task, what: str) -> Outcome:
    return Outcome(
        topic=task.topic.id,
        key=task.key,
        status="failed",
        error={
            "type": "WorkerDied",
            "file": None,
            "line": None,
            "reason": what,
        },
    )


def _failed(task: Task, exc: BaseException) -> Outcome:
    return Outcome(topic=task.topic.id, key=task.key, status="failed", error=error_record(exc))


class LocalPool:
    """A local pool of ``workers`` processes, each its own one-process executor, so that a
    worker that dies takes nothing else with it: it is replaced, and its topic runs again."""

    def __init__(self, workers: int | None = None, max_attempts: int = 3) -> None:
        if workers is not None and workers < 1:
            raise BatchError(None, f"workers must be at least 1, not {workers}")
        if max_attempts < 1:
            raise BatchError(None, f"max_attempts must be at least 1, not {max_attempts}")
        self.workers = workers or default_workers()
        self.max_attempts = max_attempts

    def describe(self) -> str:
        return f"local pool of {self.workers} worker{'s' if self.workers != 1 else ''}"

    @staticmethod
    def _worker() -> ProcessPoolExecutor:
        import multiprocessing

        from .. import _gc

        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_gc.one_job,  # a worker runs topics and nothing else
        )

    @staticmethod
    def _stop(workers: Sequence[ProcessPoolExecutor], finished: bool) -> None:
        if finished:
            for worker in workers:
                worker.shutdown(wait=True, cancel_futures=True)
            return
        # left early (interrupted, or the caller stopped reading): end the workers now rather
        # than wait for their topics; those topics have no record yet and run again next time
        processes = [
            process
            for worker in workers
            for process in dict(getattr(worker, "_processes", None) or {}).values()
        ]
        for worker in workers:
            worker.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(10)

    def run(self, tasks: Sequence[Task]) -> Generator[tuple[Outcome, int], None, None]:
        queue = deque(tasks)
        attempts: dict[str, int] = {}
        workers = [self._worker() for _ in range(min(self.workers, len(queue)))]
        free = list(range(len(workers)))
        in_flight: dict[Future[Outcome], tuple[int, Task]] = {}
        finished = False
        try:
            while queue or in_flight:
                while queue and free:
                    slot, task = free.pop(), queue.popleft()
                    attempts[task.topic.id] = attempts.get(task.topic.id, 0) + 1
                    try:
                        fut = workers[slot].submit(run_topic, task)
                    except BrokenProcessPool:  # died idle: replace it, then hand the topic on
                        workers[slot].shutdown(wait=False, cancel_futures=True)
                        workers[slot] = self._worker()
                        fut = workers[slot].submit(run_topic, task)
                    in_flight[fut] = (slot, task)
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for fut in done:
                    slot, task = in_flight.pop(fut)
                    n = attempts[task.topic.id]
                    try:
                        outcome = fut.result()
                    except BrokenProcessPool:
                        log.warning("the worker comparing %s died (attempt %d)", task.topic.id, n)
                        workers[slot].shutdown(wait=False, cancel_futures=True)
                        workers[slot] = self._worker()
                        free.append(slot)
                        if n >= self.max_attempts:
                            why = f"a worker died while comparing this topic ({n} attempts)"
                            yield _died(task, why), n
                        else:
                            queue.appendleft(task)
                        continue
                    except Exception as exc:  # the outcome could not come back
                        free.append(slot)
                        yield _failed(task, exc), n
                        continue
                    free.append(slot)
                    yield outcome, n
            finished = True
        finally:
            self._stop(workers, finished)


class DaskCluster:
    """A Dask distributed cluster: an address, a cluster object or a ``Client``."""

    def __init__(self, scheduler: Any) -> None:
        if scheduler is None:
            raise BatchError(None, "the dask executor needs a scheduler (tcp://host:8786)")
        self.scheduler = scheduler

    def describe(self) -> str:
        where = self.scheduler if isinstance(self.scheduler, str) else type(self.scheduler).__name__
        return f"dask cluster {where}"

    def _client(self) -> tuple[Any, bool]:
        try:
            from distributed import Client
        except ImportError as err:
            raise BatchError(
                None,
                "a Dask cluster needs the distributed package: pip install 'sourcecompare[batch]'",
            ) from err
        if isinstance(self.scheduler, Client):
            return self.scheduler, False
        try:
            return Client(self.scheduler, set_as_default=False), True
        except (OSError, TimeoutError) as err:
            raise BatchError(
                None, f"cannot reach the Dask scheduler {self.scheduler}: {err}"
            ) from err

    @staticmethod
    def _deaths(client: Any, key: str) -> int | None:
        """How many workers died holding ``key`` (the scheduler's own count, which its
        ``allowed-failures`` is checked against), or ``None`` when the scheduler cannot say
        (a scheduler that refuses to run code)."""

        def suspicious(dask_scheduler: Any, key: str) -> int | None:  # runs on the scheduler
            ts = dask_scheduler.tasks.get(key)
            return None if ts is None else int(ts.suspicious)

        try:
            found = client.run_on_scheduler(suspicious, key=key)
        except Exception as exc:  # the count is a nicety: the result is not lost
            log.debug("the scheduler did not say how often %s was retried: %s", key, exc)
            return None
        return found if isinstance(found, int) else None

    def run(self, tasks: Sequence[Task]) -> Generator[tuple[Outcome, int], None, None]:
        from distributed import KilledWorker, as_completed

        client, owned = self._client()
        futures: dict[Any, Task] = {}
        try:
            run = uuid.uuid4().hex[:8]
            for task in tasks:
                fut = client.submit(run_topic, task, key=f"sourcecompare-{task.topic.id}-{run}")
                futures[fut] = task
            for fut in as_completed(list(futures), loop=client.loop):
                task = futures.pop(fut)
                deaths = self._deaths(client, fut.key)
                try:
                    outcome = fut.result()
                except KilledWorker as exc:
                    why = f"workers died while comparing this topic ({exc})"
                    yield _died(task, why), deaths or 0
                    continue
                except Exception as exc:
                    yield _failed(task, exc), 1 + (deaths or 0)
                    continue
                finally:
                    fut.release()
                yield outcome, 1 + (deaths or 0)
        finally:
            if futures:
                client.cancel(list(futures))
            if owned:
                client.close()


#: executor name -> implementation
EXECUTORS: dict[str, type[LocalPool] | type[DaskCluster]] = {
    "local": LocalPool,
    "dask": DaskCluster,
}


def make_executor(
    name: str | None,
    *,
    workers: int | None = None,
    scheduler: Any = None,
    max_attempts: int = 3,
) -> Executor:
    """The executor called ``name`` (default: ``dask`` when a scheduler is given, else
    ``local``)."""
    chosen = name or ("dask" if scheduler is not None else "local")
    if chosen not in EXECUTORS:
        raise UnknownComponent("executor", chosen, list(EXECUTORS))
    if chosen == "dask":
        if workers is not None:
            raise BatchError(None, "workers are for the local pool; a Dask cluster has its own")
        return DaskCluster(scheduler)
    if scheduler is not None:
        raise BatchError(None, "a scheduler is for the dask executor, not the local pool")
    return LocalPool(workers, max_attempts)
