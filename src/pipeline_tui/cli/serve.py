"""Commands: `serve` (the app in a browser), `invite` (a preparation link) and the hidden
`prepare` (the app process a preparation link's browser session runs)."""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING

import click

from pipeline_tui.cli.common import ID, open_repo, settings
from pipeline_tui.cli.texts import language, say
from pipeline_tui.config import Settings, serve_url
from pipeline_tui.errors import UserError
from pipeline_tui.texts import locale
from pipeline_tui.vocabulary import RATER_GROUPS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pipeline_tui.packs.pack import Pack

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 20  # (pipeline_tui.web.MAX_SESSIONS: web is imported only to serve)


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
@click.option("--public-url", metavar="URL")
@click.option("--new-token", is_flag=True)
@click.option(
    "--max-sessions",
    type=click.IntRange(1, 500),
    default=DEFAULT_MAX_SESSIONS,
    show_default=True,
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
    """Its help: `cli.help.serve` in the catalog."""
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
        # the system's words alone (asyncio's strerror repeats the address); a host name
        # or address that does not resolve has its own (os.strerror(-2) is "Unknown error")
        if isinstance(exc, socket.gaierror):
            error = exc.strerror or type(exc).__name__
        else:
            error = (os.strerror(exc.errno) if exc.errno else exc.strerror) or type(exc).__name__
        raise UserError(say("serve_cannot_listen", host=host, port=port, error=error)) from None
    finally:
        server.close()
    click.echo(say("serve_stopped"), err=True)
    return 0


@click.command()
@click.argument("conversation_id", type=ID)
@click.option("--days", type=click.IntRange(1, 90), default=14, show_default=True)
@click.option("--group", metavar="GROUP")
@click.option("--revoke", is_flag=True)
@click.option("--url", metavar="URL")
def invite(
    conversation_id: int, days: int, group: str | None, revoke: bool, url: str | None
) -> int:
    """Its help: `cli.help.invite` in the catalog."""
    base = _link_base(url)
    if group is not None:
        from pipeline_tui.core.feedback import rater_group

        typed, group = group, rater_group(group)  # "Kollega", "medarbejdere", "Peers": as import
        if group is None:
            known = ", ".join(say(f"feedback.group_name.{known}") for known in RATER_GROUPS)
            raise UserError(say("invite_no_group", group=typed[:20], known=known))
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
    # As the app's setup step says it: 21.12.2026 16:48 / 21 Dec 2026 16:48 (local time)
    until = locale(language()).moment(record.expires_at)
    if group is None:
        click.echo(say("invite_until", until=until), err=True)
    else:
        click.echo(say(f"invite_rater_{group}", until=until), err=True)
    return 0


def _link_base(url: str | None) -> str:
    """Where the link points (`serve_url`); an address refused that came from the
    environment, not from --url, is said to come from there (the user typed none)."""
    from pipeline_tui.config import ENV_SERVE_URL
    from pipeline_tui.texts import refusal

    try:
        return serve_url(url)
    except UserError as refused:
        if url is not None or not os.environ.get(ENV_SERVE_URL):
            raise
        said = refusal(refused, locale(language()))
        raise UserError(say("invite_url_from_env", error=said, env=ENV_SERVE_URL)) from None


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
    """Its help: `cli.help.prepare` in the catalog."""
    from pipeline_tui.tui.run import run_app

    return run_app(settings(), invitation_id=invitation_id)


COMMANDS = [serve, invite, prepare]
