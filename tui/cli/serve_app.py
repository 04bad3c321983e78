"""The web server of `tavle serve` (see `tui.cli.serve`): textual-serve's `Server`, on a socket
given to it, behind a token, with Tavle's page and messages.

Imported only when `tavle serve` runs: it imports aiohttp and textual-serve.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from core.i18n import Translator
from tui.cli.out import say

HOST = "127.0.0.1"
PAGE_DIR = Path(__file__).with_name("serve_page")
"""The folder of the page's template (`app_index.html`), shipped in the wheel with `tui`."""
SHUTDOWN_SECONDS = 5.0
"""How long ctrl+c waits for open sessions' apps to quit before the server ends anyway."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def has_token(request: web.Request, token: str) -> bool:
    """Whether the request's path starts with `/token/` (compared in constant time)."""
    first = request.path.lstrip("/").split("/", 1)[0]
    return hmac.compare_digest(first.encode("utf-8"), token.encode("utf-8"))


def free_socket() -> socket.socket:
    """A listening TCP socket on 127.0.0.1, on a port the system chose."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, 0))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


class TavleServer(Server):
    """textual-serve's server for Tavle: on 127.0.0.1 only, under a token, offline page."""

    def __init__(self, command: str, sock: socket.socket, tr: Translator, *,
                 token: str | None = None,
                 open_browser: Callable[[str], bool] | None = None) -> None:
        host, port = sock.getsockname()[:2]
        if host != HOST:
            raise ValueError(f"tavle serve listens on {HOST} only, not {host}")
        super().__init__(command, host=HOST, port=port, title="Tavle",
                         templates_path=PAGE_DIR)
        self.sock = sock
        self.tr = tr
        self.token = token or secrets.token_urlsafe(24)
        self.open_browser = open_browser
        self.url = f"{self.public_url}/{self.token}/"
        """The page's address: the only one this server answers."""

    def initialize_logging(self) -> None:
        """Only warnings and errors from the server, not a line per request."""
        super().initialize_logging()
        logging.getLogger("textual-serve").setLevel(logging.WARNING)

    async def make_app(self) -> web.Application:
        """The web application: textual-serve's routes under `/token/`, everything else
        refused."""
        inner: web.Application = await self._make_app()
        env = aiohttp_jinja2.get_env(inner)
        env.globals["text"] = {
            "lang": self.tr.lang,
            "starting": self.tr("serve.page.starting"),
            "start": self.tr("serve.page.start"),
            "ended": self.tr("serve.page.ended"),
            "restart": self.tr("serve.page.restart"),
        }
        app = web.Application(middlewares=[self._check_token])
        app.add_subapp(f"/{self.token}/", inner)
        return app

    @web.middleware
    async def _check_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not has_token(request, self.token):
            raise web.HTTPForbidden(text=self.tr("serve.page.refused"))
        return await handler(request)

    async def on_startup(self, app: web.Application) -> None:
        """Say where the page is, and open it in the browser (unless `--no-browser`)."""
        say(self.tr("serve.cli.running", url=self.url))
        if self.open_browser is None or not self.open_browser(self.url):
            say(self.tr("serve.cli.open_yourself"))

    def serve(self, debug: bool = False) -> None:
        """Serve until ctrl+c (or SIGTERM); then close every session, whose app quits."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(self.make_app(), sock=self.sock, print=None, access_log=None,
                    handle_signals=True, shutdown_timeout=SHUTDOWN_SECONDS)

    def __repr__(self) -> str:
        return f"TavleServer({self.url!r})"
