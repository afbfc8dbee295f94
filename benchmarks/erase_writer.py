"""The other session during `person erase`: a separate process saving a rating every few
milliseconds through the repository, as the app's autosave does, until told to stop.

    python benchmarks/erase_writer.py DB CONVERSATION EXPECTATION

Prints "ready" once it saves. A first line on stdin starts the measurement (the saves
before it are not counted), a second line (or the end of stdin) stops it: it prints the
longest wait of one save meanwhile, in milliseconds, and how many saves it made.
"""

import sys
import threading
import time

from pipeline_tui.store.repository import open_repository


def main() -> None:
    db, conversation, expectation = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    repo = open_repository(db)
    stop = threading.Event()
    waits: list[float] = []

    def keep_saving() -> None:
        index = 0
        while not stop.is_set():
            start = time.perf_counter()
            repo.conversations.set_rating(conversation, expectation, "manager", score=1 + index % 5)
            waits.append(time.perf_counter() - start)
            index += 1
            if index == 1:
                print("ready", flush=True)
            time.sleep(0.005)

    saver = threading.Thread(target=keep_saving)
    saver.start()
    sys.stdin.readline()
    waits.clear()
    sys.stdin.readline()
    stop.set()
    saver.join()
    repo.close()
    print(f"{max(waits) * 1000:.1f} {len(waits)}", flush=True)


main()
