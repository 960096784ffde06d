"""Where parts run: a process pool on this machine or an existing Dask cluster."""

from __future__ import annotations

import os
import socket

from pipeline.batch.model import Task, WorkerSettings, one_line
from pipeline.batch.worker import process_task, worker_init
from pipeline.errors import InputError


class LocalBackend:
    """A process pool on this machine; its initializer loads the pipeline once per process."""

    def __init__(self, workers: int, settings: WorkerSettings) -> None:
        self.workers, self.settings = workers, settings
        # One BLAS thread per worker: N workers already use the N cores.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        self._pool = self._new_pool()

    def _new_pool(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),  # nothing inherited from the driver
            initializer=worker_init,
            initargs=(self.settings.config,),
        )

    @property
    def slots(self) -> int:
        return self.workers

    def submit(self, task: Task):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._pool.submit(process_task, task, self.settings)
        except BrokenProcessPool:  # a worker died earlier: carry on with a fresh pool
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(process_task, task, self.settings)

    def wait_first(self, futures: list) -> set:
        from concurrent.futures import FIRST_COMPLETED, wait

        return wait(futures, return_when=FIRST_COMPLETED).done

    @staticmethod
    def is_crash(exc: BaseException) -> bool:
        from concurrent.futures.process import BrokenProcessPool

        return isinstance(exc, BrokenProcessPool)

    def isolated(self) -> LocalBackend:
        return LocalBackend(1, self.settings)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskBackend:
    """An existing Dask distributed cluster; workers load the pipeline on their first part."""

    def __init__(self, address: str, settings: WorkerSettings, timeout: float) -> None:
        from distributed import Client

        self.settings = settings
        check_reachable(address, timeout)
        try:
            self.client = Client(address, timeout=f"{timeout}s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError(address, f"cannot reach the Dask scheduler: {one_line(exc)}") from None
        try:
            self.client.wait_for_workers(1, timeout=max(30.0, timeout))
        except (OSError, TimeoutError):
            self.client.close()
            raise InputError(address, "no Dask worker connected to the scheduler") from None
        self._nonce = os.urandom(4).hex()

    @property
    def slots(self) -> int:
        return max(1, sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values()))

    def submit(self, task: Task):
        key = f"ru-news-part-{task.part}-{self._nonce}"  # unique per run on a shared cluster
        return self.client.submit(process_task, task, self.settings, key=key, pure=False)

    def wait_first(self, futures: list) -> set:
        from distributed import wait

        with self.client.as_current():  # the client is not the process default
            return set(wait(futures, return_when="FIRST_COMPLETED").done)

    @staticmethod
    def is_crash(exc: BaseException) -> bool:
        from distributed import KilledWorker

        return isinstance(exc, KilledWorker)

    def isolated(self) -> _Borrowed:
        return _Borrowed(self)

    def close(self) -> None:
        self.client.close()


class _Borrowed:
    """The same cluster for the crash re-runs: closing it leaves the client open."""

    def __init__(self, backend: DaskBackend) -> None:
        self._backend = backend

    def __getattr__(self, name: str):
        return getattr(self._backend, name)

    def close(self) -> None:
        pass


def check_reachable(address: str, timeout: float) -> None:
    """Fail at once on a refused connection (Dask itself retries until its timeout)."""
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or not parts.port:
        return  # other transports (ucx, inproc): let Dask judge
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(address, f"cannot reach the Dask scheduler: {reason}") from None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
