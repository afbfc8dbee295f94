"""Keys typed while `pipeline-tui` starts act as they would a moment later.

People start the app and type at once: a name to search for, or ctrl+o for the overview.
Until the people list had the focus, keys typed then went astray (the overview's key
became a search); names typed at once must search, whatever letter they start with.
"""

from __future__ import annotations

from .conftest import Terminal


def test_keys_typed_at_start_act_on_the_list(terminal: Terminal) -> None:
    terminal.start("--lang", "en", "demo")  # the first start builds the demo organisation
    terminal.keys("C-o")
    terminal.wait_for("Overview", "Per unit", timeout=30)
    terminal.keys("C-q")

    again = Terminal(terminal.env, width=terminal.width, height=terminal.height)
    try:
        again.start("--lang", "en", "demo")  # now the quick path: the list from the file
        again.type("Emil")
        shown = again.wait_for("Emil Jeppesen", "1 of 28", timeout=30)
        assert "Per unit" not in shown  # the list, not the overview ("Overview" is a footer key)
    finally:
        again.close()
