"""The yardstick: the smallest sensible Textual app (Header, Footer, one Static).

`benchmarks/run.py` measures its time to first screen beside pipeline-tui's,
in the same run, so the ratio does not depend on how busy the machine is.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Anna Berg")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
