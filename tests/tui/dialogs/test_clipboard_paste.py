"""Paste without bracketed paste (issue 23): ctrl+v or F3 in a paste dialog reads the system
clipboard itself (faked here), so a block from Excel arrives whole – tabs and newlines kept –
even where the terminal types a paste as keystrokes; when the clipboard cannot be read, the
dialog says what to do instead."""

from __future__ import annotations

import pyperclip
import pytest
from textual.widgets import Label, TextArea

from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.measures.signals import load_series
from core.models import MeasureKind
from core.project import projects
from tests.tui.conftest import make_app
from tui.dialogs.paste import ClipboardError, ClipboardPasteDialog, read_clipboard
from tui.measures.measure import MeasureScreen
from tui.measures.measure_paste import PasteDialog
from tui.teams.entry import TeamEntryScreen
from tui.teams.team_paste import TeamPasteDialog

BLOCK = "uge 40\t12,5\nuge 41\t13"


def _fake_clipboard(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(ClipboardPasteDialog, "clipboard", staticmethod(lambda: text))


def _label(dialog: ClipboardPasteDialog, selector: str) -> str:
    return str(dialog.query_one(selector, Label).render())


@pytest.mark.parametrize("key", ["ctrl+v", "f3"])
async def test_the_clipboard_arrives_whole_and_is_read_as_two_lines(
        empty_store: Store, monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    _fake_clipboard(monkeypatch, BLOCK)
    project = projects.create_project(empty_store, "Ventetid")
    measure = measures.add_measure(UndoLog(empty_store), project.id, name="Dage",
                                   kind=MeasureKind.TIME)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(project.id, measure.id))
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        assert "Ctrl+V eller F3 henter det kopierede direkte" in _label(dialog,
                                                                        "#clipboard-hint")
        await pilot.press(key)  # the text area has the focus: our binding wins over its own
        await pilot.pause()
        assert dialog.query_one("#paste-text", TextArea).text == BLOCK
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "2 linjer kan gemmes, 0 kan ikke" in _label(dialog, "#paste-preview")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not dialog
        assert load_series(empty_store, measure.id).values == [12.5, 13.0]


async def test_a_teams_week_reads_the_clipboard_too(
        demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.teams import organisation as teams

    block = "Vikartimer\t21,5\nSygefravær\t4,4\n"
    _fake_clipboard(monkeypatch, block)
    org = teams.first_organisation(demo_store)
    assert org is not None
    vest = next(t.id for t in teams.team_summaries(demo_store, org.id) if t.name == "Team Vest")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(TeamEntryScreen(org.id, vest))
        await pilot.pause()
        await pilot.press("ctrl+v")  # on the grid: opens the paste dialog
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TeamPasteDialog)
        assert "Ctrl+V eller F3" in _label(dialog, "#clipboard-hint")
        await pilot.press("f3")
        await pilot.pause()
        assert dialog.query_one("#paste-text", TextArea).text == block


async def test_no_way_to_read_the_clipboard_says_what_to_do(
        empty_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable() -> str:
        raise ClipboardError("clipboard.unavailable")

    monkeypatch.setattr(ClipboardPasteDialog, "clipboard", staticmethod(unavailable))
    project = projects.create_project(empty_store, "Ventetid")
    measure = measures.add_measure(UndoLog(empty_store), project.id, name="Dage",
                                   kind=MeasureKind.TIME)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(project.id, measure.id))
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        await pilot.press("ctrl+v")
        await pilot.pause()
        assert "Installér xclip, xsel eller wl-clipboard" in _label(dialog, "#form-error")
        assert dialog.query_one("#paste-text", TextArea).text == ""


def test_windows_line_ends_become_newlines_and_tabs_stay(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyperclip, "paste", lambda: "uge 40\t12,5\r\nuge 41\t13\r\n")
    assert read_clipboard() == "uge 40\t12,5\nuge 41\t13\n"


@pytest.mark.parametrize(
    ("error", "key"),
    [(pyperclip.PyperclipException, "clipboard.unavailable"),
     (pyperclip.PyperclipWindowsException, "clipboard.busy")],
)
def test_a_clipboard_that_cannot_be_read_names_why(
        monkeypatch: pytest.MonkeyPatch, error: type[Exception], key: str) -> None:
    def paste() -> str:
        raise error.__new__(error)  # its own __init__ asks Windows for the last error

    monkeypatch.setattr(pyperclip, "paste", paste)
    with pytest.raises(ClipboardError) as raised:
        read_clipboard()
    assert raised.value.key == key


def test_an_empty_clipboard_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyperclip, "paste", lambda: "")
    with pytest.raises(ClipboardError) as raised:
        read_clipboard()
    assert raised.value.key == "clipboard.empty"
