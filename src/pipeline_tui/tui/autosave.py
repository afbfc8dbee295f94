"""Autosave: every answer goes to the database as it is given, in order, off the UI thread.

There is no save button. A rating or a pick is queued at once; a text field is
queued 0.4 s after the last keystroke, and at the latest 0.9 s after the first
unsaved one while typing goes on, and at once when the field is left. One
writer thread takes the queue in order (so "abc" never lands after "abcd"),
replacing a queued write with a newer one for the same field. Results and
errors come back to the UI thread through callbacks. `flush()` empties
everything before the app exits.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

IDLE_DELAY = 0.4
MAX_DELAY = 0.9
TICK = 0.1

Write = Callable[[], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass
class _Job:
    write: Write
    done: Done | None
    failed: Failed | None
    seq: int = 0


@dataclass
class _Pending:
    job: _Job
    first: float
    last: float


class Saver:
    """Ordered background writes with debouncing for text.

    `call_soon(fn, value)` must run `fn(value)` on the UI thread without blocking
    the caller (the app posts itself a message), so that `flush()` on the UI
    thread can never deadlock with the writer; `on_state` receives "pending",
    "saving", "saved" or ("error", message).
    """

    def __init__(
        self,
        call_soon: Callable[..., Any],
        on_state: Callable[[Any], None],
    ) -> None:
        self._call_soon = call_soon
        self._on_state = on_state
        self._queue: OrderedDict[str, _Job] = OrderedDict()
        self._pending: dict[str, _Pending] = {}
        self._lock = threading.Condition()
        self._busy = False
        self._closed = False
        # Sequence numbers: of the last write queued, and of the last one finished.
        # Writes finish in the order they were queued (a replaced one takes a new
        # number at the end), so every write numbered up to `written` is done.
        self.queued = 0
        self.written = 0
        self._thread: threading.Thread | None = None

    # UI thread

    def save(self, key: str, write: Write, done: Done | None = None, failed: Failed | None = None):
        """Queue a write now (a rating, a pick); a queued write for `key` is replaced."""
        self._pending.pop(key, None)
        self._enqueue(key, _Job(write, done, failed))

    def schedule(
        self, key: str, write: Write, done: Done | None = None, failed: Failed | None = None
    ) -> None:
        """Queue a text write after typing pauses (see module docstring)."""
        now = time.monotonic()
        pending = self._pending.get(key)
        first = pending.first if pending else now
        self._pending[key] = _Pending(_Job(write, done, failed), first, now)
        self._state("pending")

    def commit(self, key: str) -> None:
        """The field was left: queue its pending write now."""
        pending = self._pending.pop(key, None)
        if pending is not None:
            self._enqueue(key, pending.job)

    def tick(self) -> None:
        """Called every TICK seconds by the app: queue the text writes that are due."""
        if not self._pending:
            return
        now = time.monotonic()
        due = [
            key
            for key, p in self._pending.items()
            if now - p.last >= IDLE_DELAY or now - p.first >= MAX_DELAY
        ]
        for key in due:
            self._enqueue(key, self._pending.pop(key).job)

    @property
    def idle(self) -> bool:
        with self._lock:
            return not self._pending and not self._queue and not self._busy

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything pending and wait for it; True when all was written."""
        for key in list(self._pending):
            self._enqueue(key, self._pending.pop(key).job)
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._queue or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def close(self) -> None:
        self.flush()
        with self._lock:
            self._closed = True
            self._lock.notify_all()

    # internals

    def _state(self, state: Any) -> None:
        with contextlib.suppress(Exception):  # the UI is gone: nothing to tell
            self._on_state(state)

    def _enqueue(self, key: str, job: _Job) -> None:
        with self._lock:
            self.queued += 1
            job.seq = self.queued
            self._queue.pop(key, None)
            self._queue[key] = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
                self._thread.start()
            self._lock.notify_all()
        self._state("saving")

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._lock.wait()
                if not self._queue and self._closed:
                    return
                _key, job = self._queue.popitem(last=False)
                self._busy = True
            try:
                result = job.write()
            except BaseException as exc:
                self._finish(job, job.failed, exc, error=exc)
            else:
                self._finish(job, job.done, result)

    def _finish(
        self, job: _Job, callback: Callable[[Any], None] | None, value: Any, error=None
    ) -> None:
        with self._lock:
            self._busy = False
            self.written = job.seq
            settled = not self._queue
            self._lock.notify_all()
        try:
            if callback is not None:
                self._call_soon(callback, value)
            if error is not None:
                self._call_soon(self._on_state, ("error", str(error)))
            elif settled and not self._pending:
                self._call_soon(self._on_state, "saved")
        except Exception:  # the app has stopped; the write itself is done
            pass
