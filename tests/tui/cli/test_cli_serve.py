"""`tavle serve`: the same app in a browser window – each tab runs `tavle` with the options
given (the database rules are the same), on 127.0.0.1 only, behind a token in the path, with a
page that loads nothing from the internet; closing the tab ends that tab's app."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from core.demo.build import open_demo
from core.i18n import Translator
from core.settings import Settings, save_settings
from core.terminal import WEB_DRIVER
from tests.tui.conftest import DEMO_TODAY
from tui.cli.main import build_parser, main
from tui.cli.serve import app_argv, command_line, served
from tui.cli.serve_app import HOST, TavleServer, free_socket

ROOT = Path(__file__).resolve().parents[3]
TR = Translator("da")
TOKEN = "k" * 32
WAIT = 60.0
"""A guard against hanging, not a measure: the tests wait for what happens, at most this long."""


def parsed(*argv: str) -> object:
    return build_parser(TR).parse_args(["serve", *argv])


# --- the command each tab runs --------------------------------------------------------------

def test_the_tab_runs_the_same_tavle_with_the_options_given(tmp_path: Path) -> None:
    db = tmp_path / "min tavle.db"
    args = parsed("--db", str(db), "--lang", "en")
    assert app_argv(args, executable="/py", frozen=False) == [
        "/py", "-m", "tui.cli", "--db", str(db.resolve()), "--lang", "en"]
    assert app_argv(parsed("--demo"), executable="/py", frozen=False) == [
        "/py", "-m", "tui.cli", "--demo"]
    assert app_argv(parsed(), executable="/py", frozen=False) == ["/py", "-m", "tui.cli"]


def test_options_before_the_subcommand_are_passed_on_too(tmp_path: Path) -> None:
    args = build_parser(TR).parse_args(["--demo", "--lang", "nb", "serve"])
    assert app_argv(args, executable="/py", frozen=False) == [
        "/py", "-m", "tui.cli", "--demo", "--lang", "nb"]


def test_a_relative_database_path_is_made_whole(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    argv = app_argv(parsed("--db", "tavle.db"), executable="/py", frozen=False)
    assert argv[-2:] == ["--db", str(tmp_path.resolve() / "tavle.db")]


def test_a_frozen_build_runs_itself() -> None:
    assert app_argv(parsed("--demo"), executable="C:\\Tavle\\tavle.exe", frozen=True) == [
        "C:\\Tavle\\tavle.exe", "--demo"]


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                               blacklist_characters="\0"), min_size=1),
                min_size=1, max_size=6))
def test_the_posix_command_line_splits_back_into_the_same_arguments(argv: list[str]) -> None:
    assert shlex.split(command_line(argv, windows=False)) == argv


def test_the_windows_command_line_quotes_every_argument() -> None:
    argv = ["C:\\Program Files\\Python312\\python.exe", "-m", "tui.cli",
            "--db", "C:\\Users\\mh\\R&D mappe\\tavle.db", "--lang", "da", "C:\\Data\\"]
    assert command_line(argv, windows=True) == (
        '"C:\\Program Files\\Python312\\python.exe" "-m" "tui.cli" '
        '"--db" "C:\\Users\\mh\\R&D mappe\\tavle.db" "--lang" "da" "C:\\Data\\\\"')


def test_a_tab_s_app_knows_it_is_served(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert not served()
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)  # as textual-serve starts a tab's app
    assert served()


# --- the server ------------------------------------------------------------------------------

def test_the_server_listens_on_this_pc_only() -> None:
    sock = free_socket()
    try:
        host, port = sock.getsockname()[:2]
        assert host == HOST == "127.0.0.1"
        assert port > 0
    finally:
        sock.close()


class Started:
    """A server started in the test's event loop, on a free port; the browser faked."""

    def __init__(self, server: TavleServer, opened: list[str]) -> None:
        self.server = server
        self.opened = opened
        self.base = server.public_url


@pytest.fixture
async def started() -> AsyncIterator[Started]:
    opened: list[str] = []

    def browser(url: str) -> bool:
        opened.append(url)
        return True

    sock = free_socket()
    server = TavleServer("true", sock, TR, token=TOKEN, open_browser=browser)
    runner = web.AppRunner(await server.make_app(), access_log=None,
                           shutdown_timeout=5.0)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    try:
        yield Started(server, opened)
    finally:
        await runner.cleanup()
        sock.close()


async def test_the_page_opens_in_the_browser_at_the_tokened_address(
    capsys: pytest.CaptureFixture[str], started: Started
) -> None:
    url = started.server.url
    assert re.fullmatch(rf"http://127\.0\.0\.1:\d+/{TOKEN}/", url)
    assert started.opened == [url]
    out = capsys.readouterr().out
    assert url in out and "ctrl+c" in out


@pytest.mark.parametrize("browser", [None, lambda url: False])
async def test_without_a_browser_the_address_is_to_be_opened_by_hand(
    browser: object, capsys: pytest.CaptureFixture[str]
) -> None:
    sock = free_socket()
    try:
        server = TavleServer("true", sock, Translator("en"), open_browser=browser)  # type: ignore[arg-type]
        await server.on_startup(web.Application())
    finally:
        sock.close()
    out = capsys.readouterr().out
    assert f"Tavle runs in the browser at {server.url}" in out
    assert "Open the address in a browser on this PC" in out
    assert len(server.token) >= 32 and server.url.endswith(f"/{server.token}/")


def test_ctrl_c_stops_the_server_and_says_so(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    if os.name == "nt":
        pytest.skip("Windows stops it by KeyboardInterrupt, not by a signal handler")
    opened: list[str] = []

    def browser(url: str) -> bool:  # the server is up: the user presses ctrl+c (SIGTERM here)
        opened.append(url)
        os.kill(os.getpid(), signal.SIGTERM)
        return True

    monkeypatch.setattr("webbrowser.open", browser)
    assert main(["serve", "--demo", "--lang", "da"]) == 0
    out = capsys.readouterr().out
    assert len(opened) == 1 and opened[0] in out
    assert out.rstrip().endswith("Tavle i browseren er stoppet.")


@pytest.mark.parametrize("path", ["/", "/ws", "/static/js/textual.js", "/wrong/",
                                  f"/{TOKEN[:-1]}/", f"/x{TOKEN}/", "/download/x"])
async def test_a_request_without_the_token_is_refused(started: Started, path: str) -> None:
    async with aiohttp.ClientSession() as session, session.get(started.base + path) as response:
        assert response.status == 403
        assert "adgangsnøglen" in await response.text()


async def test_the_page_loads_nothing_from_outside_this_pc(started: Started) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(started.server.url) as response:
            assert response.status == 200
            page = await response.text()
        urls = re.findall(r"""(?:https?|wss?):[^\s"')]*|//[\w.-]+\.\w+/""", page)
        assert urls, page
        assert all(url.startswith(f"{started.base}/{TOKEN}/")
                   or url.startswith(f"ws://127.0.0.1:{started.server.port}/{TOKEN}/")
                   for url in urls), urls
        for url in re.findall(r"""(?:src|href)="([^"]+)"|url\("([^"]+)"\)""", page):
            async with session.get(url[0] or url[1]) as response:
                assert response.status == 200, url
    assert 'lang="da"' in page
    assert "Tavle starter" in page and "Sessionen er afsluttet" in page
    assert "fonts.googleapis" not in page


def _text(screen: bytes) -> str:
    return re.sub(r"\x1b\[[0-9;?$]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][AB0]", "",
                  screen.decode("utf-8", "replace"))


@pytest.fixture
def tab_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    """`tavle --db demo.db` as `tavle serve` runs it for a tab, then noting its exit status."""
    if os.name == "nt":
        pytest.skip("the note of the exit status is a POSIX shell's")
    db = tmp_path / "demo.db"
    open_demo(db, today=DEMO_TODAY).close()
    monkeypatch.setenv("TAVLE_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    save_settings(Settings())
    args = build_parser(TR).parse_args(["serve", "--db", str(db)])
    exited = tmp_path / "exited"
    return f"{command_line(app_argv(args))}; echo $? > {shlex.quote(str(exited))}", exited


async def test_a_tab_shows_the_project_list_and_closing_it_ends_its_app(
    tab_command: tuple[str, Path],
) -> None:
    command, exited = tab_command
    sock = free_socket()
    server = TavleServer(command, sock, TR, token=TOKEN)
    runner = web.AppRunner(await server.make_app(), access_log=None)
    await runner.setup()
    await web.SockSite(runner, sock).start()
    try:
        ws_url = f"ws://{HOST}:{server.port}/{TOKEN}/ws?width=120&height=40"
        screen = b""
        async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
            async with asyncio.timeout(WAIT):
                while "Hurtigere afklaring" not in _text(screen):
                    message = await ws.receive()
                    assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
                    if message.type == aiohttp.WSMsgType.BINARY:
                        screen += message.data
            assert not exited.exists()
        async with asyncio.timeout(WAIT):
            while not exited.exists() or not exited.read_text().strip():
                await asyncio.sleep(0.05)
        assert exited.read_text().strip() == "0"
        assert "Projekter" in _text(screen)
    finally:
        await runner.cleanup()
        sock.close()


def test_serve_refuses_a_database_it_cannot_open_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not a database" * 100)
    assert main(["serve", "--db", str(bad), "--no-browser", "--lang", "da"]) == 2
    assert capsys.readouterr().err.startswith("Tavle kan ikke starte:")
