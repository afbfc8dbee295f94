"""Commands: `serve` (the app in a browser), `invite` (a preparation link) and the hidden
`prepare` (the app process a preparation link's browser session runs)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from pipeline_tui.cli.common import ID, open_repo, settings
from pipeline_tui.cli.texts import say
from pipeline_tui.config import ENV_SERVE_URL, Settings, serve_url
from pipeline_tui.errors import UserError
from pipeline_tui.vocabulary import RATER_GROUPS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pipeline_tui.packs.pack import Pack

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 20  # (pipeline_tui.web.MAX_SESSIONS: web is imported only to serve)


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
@click.option(
    "--public-url",
    metavar="URL",
    help="The address browsers use, when it is not host:port (behind a proxy with https).",
)
@click.option("--new-token", is_flag=True, help="Make a new access secret (old URLs stop).")
@click.option(
    "--max-sessions",
    type=click.IntRange(1, 500),
    default=DEFAULT_MAX_SESSIONS,
    show_default=True,
    help="How many browser windows (app processes) may run at once; more are refused.",
)
@click.pass_obj
def serve(
    settings: Settings,
    host: str,
    port: int,
    public_url: str | None,
    new_token: bool,
    max_sessions: int,
) -> int:
    """The app in a browser: prints the URL to open; ctrl+c stops.

    Only the printed URL (with its secret) opens the whole app, and a link from
    `pipeline-tui invite` its own preparation; anything else is refused (403).
    A link runs one app at a time: opened in a second window, it moves there.
    Listens on 127.0.0.1 unless --host says otherwise.
    """
    from pipeline_tui.store.repository import open_repository
    from pipeline_tui.web import PipelineServer, access_token

    if public_url is not None:
        public_url = serve_url(public_url)
    open_repository(settings.db).close()  # refuse a database it cannot use before listening
    server = PipelineServer(
        settings,
        host=host,
        port=port,
        token=access_token(renew=new_token),
        public_url=public_url,
        say=say,
        max_sessions=max_sessions,
    )
    try:
        server.serve()
    except OSError as exc:
        # the system's words alone (asyncio's strerror repeats the address)
        error = (os.strerror(exc.errno) if exc.errno else exc.strerror) or type(exc).__name__
        raise UserError(say("serve_cannot_listen", host=host, port=port, error=error)) from None
    finally:
        server.close()
    click.echo(say("serve_stopped"), err=True)
    return 0


@click.command()
@click.argument("conversation_id", type=ID)
@click.option(
    "--days",
    type=click.IntRange(1, 90),
    default=14,
    show_default=True,
    help="How long the link works (it also stops once the conversation is held).",
)
@click.option(
    "--group",
    metavar="|".join(RATER_GROUPS),
    help="A link for one rater of this 360° group of a leadership evaluation "
    "(one link per rater: run it once for each).",
)
@click.option("--revoke", is_flag=True, help="Revoke the conversation's links instead.")
@click.option(
    "--url",
    metavar="URL",
    help=f"Where `pipeline-tui serve` is reached (env {ENV_SERVE_URL}; "
    f"default http://{DEFAULT_HOST}:{DEFAULT_PORT}).",
)
def invite(
    conversation_id: int, days: int, group: str | None, revoke: bool, url: str | None
) -> int:
    """A preparation link for the person whose conversation it is, or (--group) a rating
    link for one peer, direct report or other rater of a leadership evaluation.

    Opened from `pipeline-tui serve`, the person's link shows only that
    conversation's preparation: the role description, their own ratings and
    comments, their card picks and the preparation sheet. A rater's link shows
    only the layer's expectations to rate, anonymously: the rater is never named,
    and their answers count only in their group's figures, shown once enough of
    the group answered. A link stops working when the conversation is held,
    after --days days, when revoked, and a rater's once they say they are done.
    """
    base = serve_url(url)
    if group is not None and group not in RATER_GROUPS:
        known = ", ".join(say(f"feedback.group_name.{known}") for known in RATER_GROUPS)
        raise UserError(say("invite_no_group", group=group[:20], known=known))
    if revoke and group is not None:
        raise UserError(say("invite_revoke_all"))
    repo = open_repo()
    try:
        if revoke:
            count = repo.invitations.revoke(conversation_id)
            one = "_one" if count == 1 else ""
            click.echo(say(f"invite_revoked{one}", n=count, id=conversation_id))
            return 0
        if group is None:
            record, token = repo.invitations.issue(conversation_id, days=days)
        else:
            from pipeline_tui import services
            from pipeline_tui.packs.loader import load_packs

            packs = load_packs(settings().content_dir)
            try:
                record, token = services.invite_rater(
                    repo, packs, packs.default, conversation_id, group, days=days
                )
            except UserError as refused:
                _name_groups_and_kind(refused, packs)
                raise
    finally:
        repo.close()
    click.echo(f"{base}/s/{token}")
    until = record.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if group is None:
        click.echo(say("invite_until", until=until), err=True)
    else:
        click.echo(say(f"invite_rater_{group}", until=until), err=True)
    return 0


def _name_groups_and_kind(refused: UserError, packs: Mapping[str, Pack]) -> None:
    """A refused rater link's groups and kind of conversation named as `feedback import`
    names them, in the command line's language (in Danish "report (medarbejder)",
    "lederevaluering"), not by their keys: its particulars changed where the refusal has them."""
    from pipeline_tui.cli.feedback import _kind_name
    from pipeline_tui.texts import Phrase

    if refused.reason not in ("asks_no_one", "not_asked"):
        return
    values = refused.values
    for field in ("asked", "group"):
        groups = [group.strip() for group in str(values.get(field, "")).split(",")]
        if field in values and all(group in RATER_GROUPS for group in groups):
            values[field] = ", ".join(say(f"feedback.group_name.{group}") for group in groups)
    kind = values.get("kind")
    if isinstance(kind, Phrase) and kind.key.startswith("kind."):
        values["kind"] = _kind_name(kind.key.removeprefix("kind."), packs)
    elif isinstance(kind, str):
        values["kind"] = _kind_name(kind, packs)


@click.command(hidden=True)
@click.argument("invitation_id", type=ID)
def prepare(invitation_id: int) -> int:
    """The app limited to one invitation's preparation (what `serve` runs for a link)."""
    from pipeline_tui.tui.run import run_app

    return run_app(settings(), invitation_id=invitation_id)


COMMANDS = [serve, invite, prepare]
