"""An unhandled exception in the app: the traceback to `error.log`, one line on the screen.

Textual prints the traceback with the local variables of every frame when the
app ends on an error; those hold what the user typed (goal texts, comments,
names) and end up on the screen and in the terminal's scrollback. The app
ends as before (everything typed is already saved), but the details go to the
owner-only log in the cache folder, as they do for the command line.
"""

from __future__ import annotations

from rich.text import Text

from pipeline_tui.errors import log_unexpected


class LoggedCrash:
    """Mixin for the App, before `App` in the bases (it replaces a Textual hook)."""

    def _handle_exception(self, error: Exception) -> None:
        log = log_unexpected(error)
        # What Textual's own handler does, minus the traceback with locals:
        # the first error is kept for the test harness, the app then closes.
        self._return_code = 1  # type: ignore[attr-defined]
        if self._exception is None:  # type: ignore[attr-defined]
            self._exception = error
            self._exception_event.set()  # type: ignore[attr-defined]
        where = f" (details in {log})" if log else ""
        line = f"pipeline-tui: unexpected error: {type(error).__name__}{where}"
        self._exit_renderables.append(Text(line))  # type: ignore[attr-defined]
        self._close_messages_no_wait()  # type: ignore[attr-defined]
