"""Autosave: every answer goes to the database as it is given, in order, off the UI thread.

There is no save button. A rating or a pick is queued at once; a text field is
queued 0.4 s after the last keystroke, and at the latest 0.9 s after the first
unsaved one while typing goes on, and at once when the field is left. One
writer thread takes the queue in order (so "abc" never lands after "abcd"),
replacing a queued write with a newer one for the same field.

A write that fails because the database cannot take it *now* (another program
holds the lock past the busy timeout, the disk is full, the file went
read-only) is not dropped: it stays at the head of the queue and is tried again
with growing pauses, everything queued behind it waits, and the state says how
many answers are not saved yet. While any are waiting they are also kept in
the recovery journal (`recovery.py`), so that a killed program offers them back
at the next start; so is a write still under way after `JOURNAL_AFTER` seconds
(waiting for another program's lock, or for a database server that does not
answer), before it has failed even once. Any other failure goes to the write's own `failed` callback
on the UI thread. `flush()` empties everything it can before the app exits.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline_tui.errors import StorageError
from pipeline_tui.ops import Op

IDLE_DELAY = 0.4
MAX_DELAY = 0.9
TICK = 0.1
# Pauses between tries of a write the database refused for a passing reason (seconds).
RETRY_PAUSES = (0.25, 0.5, 1.0, 2.0, 4.0)
# A write still under way after this long (seconds) is kept in the recovery journal while
# it goes on: it may wait up to the busy timeout (15 s) for a lock, and a program killed
# meanwhile must still offer the answer back. A write that lands at once is never journaled.
JOURNAL_AFTER = 0.5

Write = Callable[[], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass
class Job:
    """One queued write. `op` (with `scope`, the conversation) makes it recoverable."""

    key: str
    write: Write
    done: Done | None = None
    failed: Failed | None = None
    op: Op | None = None
    scope: int | None = None
    label: str = ""
    seq: int = 0
    # Something the user said (a rating, a comment, a goal...); False for a write that only
    # keeps the app's place (the step the conversation is at): written and retried as any
    # other, but not counted as an answer waiting.
    answer: bool = True


@dataclass(frozen=True)
class SaveState:
    """What the save indicator shows: nothing waiting, writing, or failing and retrying."""

    unsaved: int = 0  # answers given but not yet in the database
    failing: str = ""  # the StorageError reason while writes are being retried, else ""
    waiting: int = 0  # writes not yet in the database, answers or not (a step moved)

    @property
    def saved(self) -> bool:
        return self.unsaved == 0 and self.waiting == 0


@dataclass
class _Pending:
    job: Job
    first: float
    last: float


@dataclass
class _Retry:
    tries: int = 0
    reason: str = ""
    error: StorageError | None = field(default=None)


def transient(error: BaseException) -> StorageError | None:
    """The StorageError when `error` is one that may pass (lock, full disk...), else None."""
    if isinstance(error, StorageError) and error.transient:
        return error
    return None


class Saver:
    """Ordered background writes with debouncing for text and retries for passing failures.

    `call_soon(fn, value)` must run `fn(value)` on the UI thread without blocking
    the caller (the app posts itself a message), so that `flush()` on the UI
    thread can never deadlock with the writer; `on_state` receives a `SaveState`
    (on the UI thread). `journal(jobs)` is called on the writer thread with every
    job not yet written whenever that set changes while writes are failing (and on a
    timer thread once a write is still under way after `JOURNAL_AFTER`), and with []
    once they are all written.
    """

    def __init__(
        self,
        call_soon: Callable[..., Any],
        on_state: Callable[[SaveState], None],
        journal: Callable[[list[Job]], None] | None = None,
    ) -> None:
        self._call_soon = call_soon
        self._on_state = on_state
        self._journal = journal
        self._queue: OrderedDict[str, Job] = OrderedDict()
        self._pending: dict[str, _Pending] = {}
        self._lock = threading.Condition()
        self._busy: Job | None = None
        # Written, but its result not yet handed to the UI thread: still shown from the job.
        self._landed: dict[str, Job] = {}
        self._closed = False
        self._retry = _Retry()
        self._journaled = False
        # Held while the journal is written and while it is decided whether it must be: the
        # writer thread and the slow-write timer both write it.
        self._journal_lock = threading.Lock()
        # Sequence numbers: of the last write queued, and of the last one finished.
        # Writes finish in the order they were queued (a replaced one takes a new
        # number at the end), so every write numbered up to `written` is done.
        self.queued = 0
        self.written = 0
        self._thread: threading.Thread | None = None

    # UI thread

    def save(self, job: Job) -> None:
        """Queue a write now (a rating, a pick); a queued write for the same key is replaced."""
        self._pending.pop(job.key, None)
        self._enqueue(job)

    def schedule(self, job: Job) -> None:
        """Queue a text write after typing pauses (see module docstring)."""
        now = time.monotonic()
        pending = self._pending.get(job.key)
        first = pending.first if pending else now
        self._pending[job.key] = _Pending(job, first, now)
        self._state()

    def commit(self, key: str) -> None:
        """The field was left: queue its pending write now."""
        pending = self._pending.pop(key, None)
        if pending is not None:
            self._enqueue(pending.job)

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
            self._enqueue(self._pending.pop(key).job)

    def pending_value(self, key: str) -> Job | None:
        """The newest write for `key` not yet in the database (typed, queued or retrying)."""
        with self._lock:
            if key in self._pending:
                return self._pending[key].job
            if key in self._queue:
                return self._queue[key]
            if self._busy is not None and self._busy.key == key:
                return self._busy
            return self._landed.get(key)

    def amend(self, key: str, op: Op, label: str) -> None:
        """What the journal keeps of the write for `key` not yet in the database, when the
        user has said more since it was queued (the title typed while the new goal waits
        for a lock); the write itself runs as queued. A journal already written is
        written again."""
        job = self.pending_value(key)
        if job is None:
            return
        with self._journal_lock:
            job.op, job.label = op, label
            if self._journaled:
                self._write_journal_held()

    @property
    def unsaved(self) -> int:
        """Answers given and not yet in the database (a step moved is no answer)."""
        return sum(1 for job in self.unsaved_jobs() if job.answer)

    @property
    def waiting(self) -> int:
        """Writes not yet in the database, answers or not."""
        return len(self.unsaved_jobs())

    @property
    def failing(self) -> str:
        """The reason writes are being retried ("busy", "full"...), or "" when they are not."""
        return self._retry.reason

    def unsaved_jobs(self) -> list[Job]:
        """Every write not yet in the database, oldest first."""
        with self._lock:
            jobs = [self._busy] if self._busy is not None else []
            jobs += [job for job in self._queue.values() if job is not self._busy]
        return jobs + [p.job for p in self._pending.values()]

    def shown(self, scope: int) -> dict[str, Job]:
        """The newest write per key of conversation `scope` whose result the UI has not yet
        taken in (typed, queued, being written, or just written): what it should show."""
        with self._lock:
            jobs = [*self._landed.values()]
            if self._busy is not None:
                jobs.append(self._busy)
            jobs += self._queue.values()
        jobs += [p.job for p in self._pending.values()]
        return {job.key: job for job in jobs if job.scope == scope}

    @property
    def idle(self) -> bool:
        """Nothing typed, queued, being written, or written but not yet seen by the UI."""
        with self._lock:
            return not self._pending and not self._queue and self._busy is None and not self._landed

    def discard(self, scope: int) -> list[Job]:
        """Drop every write for conversation `scope` (it no longer exists); returns them."""
        dropped = [p.job for key, p in list(self._pending.items()) if p.job.scope == scope]
        for job in dropped:
            self._pending.pop(job.key, None)
        with self._lock:
            for key, job in list(self._queue.items()):
                if job.scope == scope and job is not self._busy:
                    dropped.append(self._queue.pop(key))
            self._lock.notify_all()
        self._state()
        return dropped

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything pending and wait for it; True when all was written."""
        for key in list(self._pending):
            self._enqueue(self._pending.pop(key).job)
        deadline = time.monotonic() + timeout
        with self._lock:
            self._lock.notify_all()  # a retry pause ends early: try once more now
            while self._queue or self._busy is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def close(self, timeout: float = 2.0) -> None:
        """Write what can be written and stop the writer; writes the database still refuses
        stay in the queue (`unsaved_jobs`), for the caller to keep in the journal."""
        self.flush(timeout=timeout)
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=timeout)

    # internals

    def _state(self) -> None:
        jobs = self.unsaved_jobs()
        answers = sum(1 for job in jobs if job.answer)
        state = SaveState(answers, self._retry.reason, len(jobs))
        with contextlib.suppress(Exception):  # the UI is gone: nothing to tell
            self._on_state(state)

    def _post_state(self) -> None:
        """From the writer thread: have the UI thread say the state as it is when the
        message is read. A state taken here could be older than an answer given since
        (all saved, while a new rating already waits) and would overwrite it."""
        with contextlib.suppress(Exception):
            self._call_soon(self._tell_state, None)

    def _tell_state(self, _: object) -> None:
        self._state()

    def _enqueue(self, job: Job) -> None:
        with self._lock:
            self.queued += 1
            job.seq = self.queued
            if self._queue.get(job.key) is not self._busy:
                self._queue.pop(job.key, None)
            self._queue[job.key] = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
                self._thread.start()
            self._lock.notify_all()
        self._state()

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._lock.wait()
                if not self._queue and self._closed:
                    return
                key = next(iter(self._queue))
                job = self._queue[key]
                self._busy = job
            slow = threading.Timer(JOURNAL_AFTER, self._journal_slow, (job,))
            slow.daemon = True
            slow.start()
            try:
                result = job.write()
            except BaseException as exc:
                slow.cancel()
                error = transient(exc)
                if error is not None and self._closed:
                    with self._lock:  # stays queued: the app keeps it in the journal
                        self._busy = None
                        self._lock.notify_all()
                    return
                if error is not None:
                    self._failed_for_now(job, error)
                    continue
                self._finish(job, job.failed, exc)
            else:
                slow.cancel()
                self._finish(job, job.done, result)

    def _journal_slow(self, job: Job) -> None:
        """Timer thread: `job` is still being written; keep what waits in the journal."""
        with self._journal_lock:
            with self._lock:
                still = self._busy is job and not self._closed
            if still:
                self._write_journal_held()

    def _failed_for_now(self, job: Job, error: StorageError) -> None:
        """Keep the write at the head of the queue and pause before trying it again."""
        retry = self._retry
        retry.tries += 1
        first = not retry.reason
        retry.reason, retry.error = error.reason, error
        pause = RETRY_PAUSES[min(retry.tries - 1, len(RETRY_PAUSES) - 1)]
        with self._lock:
            self._busy = None
            self._lock.notify_all()
        self._write_journal()
        if first or retry.tries % 4 == 0:
            self._post_state()
        with self._lock:
            # A newer write for the same field replaces this one meanwhile; flush() wakes us.
            self._lock.wait(pause)

    def _finish(self, job: Job, callback: Callable[[Any], None] | None, value: Any) -> None:
        with self._lock:
            self._busy = None
            if self._queue.get(job.key) is job:
                del self._queue[job.key]
                self._landed[job.key] = job
            self.written = max(self.written, job.seq)
            settled = not self._queue
            self._lock.notify_all()
        recovered = bool(self._retry.reason) and settled
        if settled:
            self._retry = _Retry()
        with self._journal_lock:
            if self._journaled and (settled or self._retry.reason):
                self._write_journal_held()
        try:
            self._call_soon(self._handed_over, (job, callback, value))
            if settled or recovered:
                self._post_state()
        except Exception:  # the app has stopped; the write itself is done
            pass

    def _handed_over(self, item: tuple[Job, Callable[[Any], None] | None, Any]) -> None:
        """UI thread: the write's result (or error) reaches its owner; from now on the owner
        shows it, not the job."""
        job, callback, value = item
        try:
            if callback is not None:
                callback(value)
        finally:
            with self._lock:
                if self._landed.get(job.key) is job:
                    del self._landed[job.key]

    def _write_journal(self) -> None:
        with self._journal_lock:
            self._write_journal_held()

    def _write_journal_held(self) -> None:
        if self._journal is None:
            return
        jobs = [job for job in self.unsaved_jobs() if job.op is not None]
        with contextlib.suppress(Exception):  # a journal that cannot be written: keep retrying
            self._journal(jobs)
            self._journaled = bool(jobs)
