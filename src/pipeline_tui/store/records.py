"""The repository's records live in `pipeline_tui.records` (pure data, below `core`);
this name stays for code written against `store.records`."""

from pipeline_tui.records import *  # noqa: F403
