"""Commands: app."""

from __future__ import annotations

COMMANDS: list = []


def run_app(settings) -> None:  # replaced by the foundation work
    raise NotImplementedError
