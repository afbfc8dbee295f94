"""`serve`'s log: aiohttp's and asyncio's lines never carry a request's path (it holds a secret)."""

from __future__ import annotations

import io
import logging

from aiohttp.http_exceptions import LineTooLong

from pipeline_tui.web import PathFree

SECRET = "/s/the-secret-token"


def logged(name: str, message: str, *args: object, error: BaseException | None = None) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(PathFree())
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        if error is None:
            logger.warning(message, *args)
        else:
            try:
                raise error
            except BaseException:
                logger.exception(message, *args)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    return stream.getvalue()


def test_aiohttp_and_asyncio_lines_name_the_error_type_only() -> None:
    unreadable = LineTooLong(f"bytearray(b'{SECRET}?x=AAAA')", "8190", "9000")
    assert logged(
        "aiohttp.server", "Error handling request from %s", "127.0.0.1", error=unreadable
    ) == ("refused a request it could not read (LineTooLong)\n")
    assert logged("aiohttp.server", "Unhandled exception", error=KeyError(SECRET)) == (
        "a request ended on KeyError\n"
    )
    assert logged("asyncio", "Task exception was never retrieved", error=ValueError(SECRET)) == (
        "the server met ValueError\n"
    )
    assert logged("aiohttp.websocket", "%s: protocols %r", "127.0.0.1", [SECRET]) == ""
    assert logged("aiohttp.access", f"GET {SECRET} 200") == ""
    assert logged("aiohttp.web", "fixed words") == "fixed words\n"
    assert logged("pipeline-tui.serve", "a browser session ended on %s", "OSError") == (
        "a browser session ended on OSError\n"
    )
