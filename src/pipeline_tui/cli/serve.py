"""Commands: `serve` (the app in a browser), `invite` (a preparation link) and the hidden
`prepare` (the app process a preparation link's browser session runs)."""

from __future__ import annotations

import click

from pipeline_tui.cli.common import open_repo, settings
from pipeline_tui.cli.texts import say
from pipeline_tui.config import ENV_SERVE_URL, Settings, serve_url
from pipeline_tui.errors import UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
@click.option(
    "--public-url",
    metavar="URL",
    help="The address browsers use, when it is not host:port (behind a proxy with https).",
)
@click.option("--new-token", is_flag=True, help="Make a new access secret (old URLs stop).")
@click.pass_obj
def serve(settings: Settings, host: str, port: int, public_url: str | None, new_token: bool) -> int:
    """The app in a browser: prints the URL to open; ctrl+c stops.

    Only the printed URL (with its secret) opens the whole app, and a link from
    `pipeline-tui invite` its own preparation; anything else is refused (403).
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
    )
    try:
        server.serve()
    except OSError as exc:
        error = exc.strerror or type(exc).__name__
        raise UserError(say("serve_cannot_listen", host=host, port=port, error=error)) from None
    finally:
        server.close()
    click.echo(say("serve_stopped"), err=True)
    return 0


@click.command()
@click.argument("conversation_id", type=int)
@click.option(
    "--days",
    type=click.IntRange(1, 90),
    default=14,
    show_default=True,
    help="How long the link works (it also stops once the conversation is held).",
)
@click.option("--revoke", is_flag=True, help="Revoke the conversation's links instead.")
@click.option(
    "--url",
    metavar="URL",
    help=f"Where `pipeline-tui serve` is reached (env {ENV_SERVE_URL}; "
    f"default http://{DEFAULT_HOST}:{DEFAULT_PORT}).",
)
def invite(conversation_id: int, days: int, revoke: bool, url: str | None) -> int:
    """A preparation link for the person whose conversation it is.

    Opened from `pipeline-tui serve`, it shows only that conversation's
    preparation: the role description, their own ratings and comments, their
    card picks and the preparation sheet. It stops working when the
    conversation is held, after --days days, or when revoked.
    """
    base = serve_url(url)
    repo = open_repo()
    try:
        if revoke:
            count = repo.invitations.revoke(conversation_id)
            click.echo(say("invite_revoked", n=count, id=conversation_id))
            return 0
        record, token = repo.invitations.issue(conversation_id, days=days)
    finally:
        repo.close()
    click.echo(f"{base}/s/{token}")
    until = record.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")
    click.echo(say("invite_until", until=until), err=True)
    return 0


@click.command(hidden=True)
@click.argument("invitation_id", type=int)
def prepare(invitation_id: int) -> int:
    """The app limited to one invitation's preparation (what `serve` runs for a link)."""
    from pipeline_tui.tui.run import run_app

    return run_app(settings(), invitation_id=invitation_id)


COMMANDS = [serve, invite, prepare]
