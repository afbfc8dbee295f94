"""Opening the TUI: the first screen painted before the storage layer and Textual load.

`launch` (the bare `pipeline-tui`) and the CLI's commands that open the app come here;
Textual is imported only inside `run_app`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline_tui.config import Settings

if TYPE_CHECKING:
    from pipeline_tui.tui.services import Services


def run_app(settings: Settings, *, invitation_id: int | None = None) -> int:
    """Open the TUI, painting the first screen before the storage layer has loaded; the
    app's exit code (2 when it had to stop on a damaged database).

    With `invitation_id` (a preparation link's session under `pipeline-tui serve`) the
    app shows only that invitation's preparation, once the link is checked again here.
    """
    preparation = None
    if invitation_id is None:
        services = prepare(settings)
    else:
        from pipeline_tui.tui.services import Services

        services = Services(settings)
        services.load()
        try:
            preparation = services.repo().invitations.get(invitation_id)
        except BaseException:
            services.close()
            raise
    # Deferred: Textual is imported only when the TUI opens.
    from pipeline_tui.tui.app import PipelineApp

    try:
        app = PipelineApp(services, preparation=preparation)
        app.run()
        if app.exit_message:
            print(app.exit_message, file=sys.stderr)
        return app.return_code or 0
    finally:
        services.close()


def prepare(settings: Settings, lines: int | None = None) -> Services:
    """What the first screen needs, read before Textual starts.

    For a local SQLite file at the current schema the first `lines` × 2 people
    (a screenful and some; the terminal's height by default) are read with the
    stdlib, the rest follows once the screen shows, and the layer names come
    from the content cache; otherwise (a new, old or server database, or no
    cache yet) storage and content are opened here first, so that a database
    that must be refused is refused with a message and exit code 2 before the
    screen changes.
    """
    from pipeline_tui.packs.light import kind_names, layer_names, yearly_kinds
    from pipeline_tui.store.home import read_people_head
    from pipeline_tui.tui.services import Services

    path = settings.db_path
    if path is not None:
        refuse_read_only(path)
    count = 2 * (lines or shutil.get_terminal_size().lines)
    yearly = yearly_kinds(settings.content_dir)
    head = read_people_head(path, count, yearly) if path is not None else None
    rows, total = head if head is not None else (None, None)
    names = layer_names(settings.content_dir, settings.language)
    services = Services(
        settings,
        initial_rows=rows,
        initial_total=total,
        layer_names=names,
        yearly_kinds=yearly,
        kind_names=kind_names(settings.content_dir),
    )
    if rows is None or names is None:
        services.load()
    return services


def refuse_read_only(path: Path) -> None:
    """The app writes every answer as it is given: a database it may not change is refused
    before the first screen, instead of failing on the first answer."""
    import os

    from pipeline_tui.errors import StorageError

    if path.is_file() and not os.access(path, os.W_OK):
        raise StorageError(
            f"the database {path} is read-only: the app saves every answer as it is given, "
            "so it cannot open it (export and the list commands can still read it)",
            "app_readonly",
            db=path,
        )
    if path.is_file() and not os.access(path.parent, os.W_OK):
        raise StorageError(
            f"the database {path} is in a read-only folder, where SQLite cannot keep its "
            "-wal and -shm files: the app saves every answer as it is given, so it cannot "
            "open it (export and the list commands can still read it)",
            "app_readonly_folder",
            db=path,
        )
