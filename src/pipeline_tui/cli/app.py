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

    from pipeline_tui.config import ENV_DB, demo_db_path, describe, keep_database, sqlite_path
    from pipeline_tui.demo import ORGANISATION, ensure_demo_database
    from pipeline_tui.errors import UserError

    given = click.get_current_context().find_root().params.get("db")
    if given is None and settings.db is not None and sqlite_path(settings.db) is None:
        # PIPELINE_TUI_DB set for every command names the department's server: an empty one
        # (its first day) got the demo organisation built into it.
        raise UserError(
            f"{ENV_DB} names a database server ({describe(settings.db)}): pipeline-tui demo "
            "builds its organisation on a server only into a database named with --db; "
            f"nothing was changed (for the demo's own file: {ENV_DB}= pipeline-tui demo)",
            "demo_server_from_env",
            db=describe(settings.db),
        )
    db = settings.db or str(demo_db_path())
    keep_database(db)  # (the demo's own, when --db is not given)
    # The demo's plans print under the demo organisation's name unless one is set.
    settings = replace(settings, organisation=settings.organisation or ORGANISATION)
    ensure_demo_database(db, settings, reset=reset)
    return run_app(settings.with_db(db))


COMMANDS = [demo]
