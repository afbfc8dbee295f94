"""Commands: content."""

from __future__ import annotations

COMMANDS: list = []
