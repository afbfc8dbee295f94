"""Commands: the TUI itself (bare `pipeline-tui`) and `demo`."""

from __future__ import annotations

import click

from pipeline_tui.config import Settings
from pipeline_tui.tui.run import run_app


@click.command()
@click.option("--reset", is_flag=True)
@click.pass_obj
def demo(settings: Settings, reset: bool) -> int:
    """Its help: `cli.help.demo` in the catalog."""
    from dataclasses import replace

    from pipeline_tui.config import demo_db_path, keep_database
    from pipeline_tui.demo import ORGANISATION, ensure_demo_database

    db = settings.db or str(demo_db_path())
    keep_database(db)  # (the demo's own, when --db is not given)
    # The demo's plans print under the demo organisation's name unless one is set.
    settings = replace(settings, organisation=settings.organisation or ORGANISATION)
    ensure_demo_database(db, settings, reset=reset)
    return run_app(settings.with_db(db))


COMMANDS = [demo]
