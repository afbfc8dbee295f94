"""Commands: the TUI itself (bare `pipeline-tui`) and `demo`."""

from __future__ import annotations

import click

from pipeline_tui.config import Settings


def run_app(settings: Settings) -> None:
    """Open the TUI, painting the first screen before the storage layer has loaded.

    For a local SQLite file at the current schema the people list is read with
    the stdlib and the layer names come from the content cache; otherwise (a
    new, old or server database, or no cache yet) storage and content are
    opened here first, so that a database that must be refused is refused with
    a message and exit code 2 before the screen changes.
    """
    from pipeline_tui.packs.light import layer_names
    from pipeline_tui.store.home import read_people_rows
    from pipeline_tui.tui.services import Services

    path = settings.db_path
    rows = read_people_rows(path) if path is not None else None
    names = layer_names(settings.content_dir, settings.language)
    services = Services(settings, initial_rows=rows, layer_names=names)
    if rows is None or names is None:
        services.load()
    # Deferred: Textual is imported only by the command that opens the TUI.
    from pipeline_tui.tui.app import PipelineApp

    try:
        PipelineApp(services).run()
    finally:
        services.close()


@click.command()
@click.option("--reset", is_flag=True, help="Throw away the demo database and make a new one.")
@click.pass_obj
def demo(settings: Settings, reset: bool) -> None:
    """Open the app on a demo organisation (made on first use).

    The demo database lives in the user data directory, or at --db when given.
    """
    from pipeline_tui.config import demo_db_path
    from pipeline_tui.demo import ensure_demo_database

    db = settings.db or str(demo_db_path())
    ensure_demo_database(db, settings, reset=reset)
    run_app(settings.with_db(db))


COMMANDS = [demo]
