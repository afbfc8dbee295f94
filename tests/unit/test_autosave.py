"""The autosave queue on its own (no app): order, retries of passing failures, never dropped.

Writes here are plain functions; the real repository and app are exercised by
the UI and end-to-end tests. What is checked: a write the database refuses for a
passing reason is tried again until it lands, nothing queued behind it jumps the
queue, a newer value for the same field replaces the waiting one, the state
never says saved while anything waits, and the journal holds exactly the writes
not yet saved.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from pipeline_tui.errors import StorageError, UserError
from pipeline_tui.ops import Op
from pipeline_tui.tui.autosave import JOURNAL_AFTER, Job, Saver, SaveState


class Harness:
    def __init__(self) -> None:
        self.states: list[SaveState] = []
        self.journal: list[list[str]] = []
        self.done: list[Any] = []
        self.failed: list[BaseException] = []
        self.lock = threading.Lock()
        self.saver = Saver(self.call_soon, self.states.append, self.keep)

    def call_soon(self, fn, value) -> None:  # the UI thread, at once
        with self.lock:
            fn(value)

    def keep(self, jobs: list[Job]) -> None:
        self.journal.append([job.key for job in jobs])

    def job(self, key: str, write) -> Job:
        return Job(key, write, self.done.append, self.failed.append, Op("rating", {}), 1, key)


def test_a_write_refused_for_now_is_retried_in_order_and_never_dropped() -> None:
    h = Harness()
    landed: list[str] = []
    refusals = {"count": 3}

    def locked_then_fine() -> str:
        if refusals["count"]:
            refusals["count"] -= 1
            raise StorageError("busy", "busy")
        landed.append("a")
        return "a"

    def later() -> str:
        landed.append("b")
        return "b"

    h.saver.save(h.job("a", locked_then_fine))
    h.saver.save(h.job("b", later))
    assert h.saver.flush(timeout=10)
    assert landed == ["a", "b"], "the write behind the refused one jumped the queue"
    assert h.done == ["a", "b"] and h.failed == []
    failing = [s for s in h.states if s.failing]
    assert failing and all(not s.saved for s in failing)
    assert h.states[-1] == SaveState(0, "")
    assert ["a", "b"] in h.journal, "the waiting writes were not kept"
    assert h.journal[-1] == [], "the journal still holds writes that were saved"


def test_a_newer_value_replaces_the_waiting_one() -> None:
    h = Harness()
    stored: list[int] = []
    gate = threading.Event()

    def write(value: int):
        def run() -> int:
            if not gate.is_set():
                raise StorageError("the disk is full", "full")
            stored.append(value)
            return value

        return run

    h.saver.save(h.job("rating:x", write(3)))
    time.sleep(0.1)  # refused at least once
    h.saver.save(h.job("rating:x", write(5)))
    assert h.saver.unsaved == 1
    assert h.saver.pending_value("rating:x") is not None
    gate.set()
    assert h.saver.flush(timeout=10)
    assert stored == [5]


def test_a_refused_write_for_good_goes_to_its_own_failure_path() -> None:
    h = Harness()

    def refused() -> None:
        raise UserError("not allowed", "signed")

    h.saver.save(h.job("k", refused))
    assert h.saver.flush(timeout=5)
    assert [type(e) for e in h.failed] == [UserError]
    assert h.saver.idle and h.saver.unsaved == 0


def test_flush_says_when_not_everything_could_be_written() -> None:
    h = Harness()

    def always_locked() -> None:
        raise StorageError("busy", "busy")

    h.saver.save(h.job("k", always_locked))
    assert not h.saver.flush(timeout=0.5)
    assert h.saver.unsaved == 1 and h.saver.failing == "busy"
    assert [job.key for job in h.saver.unsaved_jobs()] == ["k"]
    h.saver.close(timeout=0.5)  # the writer stops; the write stays, to be kept in the journal
    assert h.failed == [] and [job.key for job in h.saver.unsaved_jobs()] == ["k"]


def test_a_write_still_under_way_is_kept_in_the_journal() -> None:
    """A write that waits (another program's lock, up to the 15 s busy timeout; a database
    server that does not answer) is in the journal before it has failed even once: killed
    meanwhile (kill -9), the program offers the answer back at the next start. Found by
    hand: an answer typed while another program held SQLite's lock was lost by a kill
    during the wait, the recovery folder empty. A write that lands at once is never kept."""
    h = Harness()
    h.saver.save(h.job("quick", lambda: "ok"))
    assert h.saver.flush(timeout=5)
    time.sleep(JOURNAL_AFTER + 0.3)
    assert h.journal == [], "a write that landed at once was journaled"

    gate = threading.Event()

    def waits_for_the_lock() -> str:
        gate.wait(10)
        return "landed"

    h.saver.save(h.job("slow", waits_for_the_lock))
    deadline = time.monotonic() + JOURNAL_AFTER + 2
    while not h.journal and time.monotonic() < deadline:
        time.sleep(0.05)
    assert h.journal == [["slow"]], "the answer under way was not kept in the journal"
    gate.set()
    assert h.saver.flush(timeout=5)
    assert h.journal[-1] == [], "the journal still holds the answer once it landed"
    assert h.done[-1] == "landed" and h.failed == []


def test_a_state_posted_by_the_writer_never_outlives_a_newer_answer() -> None:
    """The writer tells the UI thread "all saved" by a message; if the user answers again
    before that message is read, the screen must say the new answer waits, not "Saved"
    (found in a real terminal: the first rating after a save showed ✓ Saved while the
    database was locked)."""
    posted: list[tuple[Any, Any]] = []
    states: list[SaveState] = []
    saver = Saver(lambda fn, value: posted.append((fn, value)), states.append)
    gate = threading.Event()

    saver.save(Job("first", lambda: "ok", None, None, Op("rating", {}), 1, "first"))
    deadline = time.monotonic() + 5
    while saver.written < 1 and time.monotonic() < deadline:  # written; the UI not told yet
        time.sleep(0.01)
    assert saver.written == 1 and posted

    saver.save(Job("second", gate.wait, None, None, Op("rating", {}), 1, "second"))
    assert states[-1] == SaveState(1, "", 1)
    for fn, value in list(posted):  # the UI thread now reads the writer's messages
        fn(value)
    assert not states[-1].saved, f"said saved while an answer waited: {states[-1]}"
    gate.set()
    assert saver.flush(timeout=5)
    saver.close()


def test_a_write_that_is_no_answer_waits_but_is_not_counted_as_one() -> None:
    """Two ratings and the step moved to, refused by the database: 2 answers wait (the
    step move counted as a third), yet nothing is said to be saved until all three are."""
    h = Harness()
    gate = threading.Event()

    def refused_until_open() -> str:
        if not gate.is_set():
            raise StorageError("the database is read-only", "readonly")
        return "ok"

    h.saver.save(h.job("rating:a", refused_until_open))
    h.saver.save(h.job("rating:b", refused_until_open))
    step = h.job("conversation:step", refused_until_open)
    step.answer = False
    h.saver.save(step)
    assert h.saver.unsaved == 2
    last = h.states[-1]
    assert (last.unsaved, last.waiting, last.saved) == (2, 3, False)
    h.saver.discard(1)
    only_step = Harness()
    only_step.saver.save(step)
    assert only_step.saver.unsaved == 0 and not only_step.states[-1].saved
    gate.set()
    assert h.saver.flush(timeout=5) and only_step.saver.flush(timeout=5)
    assert only_step.states[-1].saved
    h.saver.close()
    only_step.saver.close()
