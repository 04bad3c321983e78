"""A busy database in the app: a dialog says so and offers to try again; a form keeps its text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from core.db.store import Store
from tests.tui.conftest import make_app
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "tavle.db", busy_timeout_ms=50)
    yield opened
    opened.close()


@pytest.fixture
def other(store: Store) -> Iterator[sqlite3.Connection]:
    """Another Tavle window on the same file."""
    assert store.path is not None
    conn = sqlite3.connect(store.path, isolation_level=None)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def projects(store: Store) -> list[str]:
    return [row["name"] for row in store.query("SELECT name FROM projects")]


def question(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ConfirmDialog)
    return str(screen._question)


@pytest.mark.parametrize("save_key", ["ctrl+s", "enter"])
async def test_a_form_saved_while_the_database_is_busy_keeps_its_text_and_tries_again(
    store: Store, other: sqlite3.Connection, save_key: str
) -> None:
    app = make_app(store, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        await pilot.press(*"Faster replies")
        other.execute("BEGIN IMMEDIATE")
        if save_key == "enter":
            app.set_focus(form.query_one("#field-leader", Input))  # Enter in the last field
            await pilot.pause()
        await pilot.press(save_key)
        await pilot.pause()
        assert "Another program is using the database" in question(app)
        assert "Try again now?" in question(app)
        assert form in app.screen_stack  # the form is still open under the dialog ...
        assert form.query_one("#field-name", Input).value == "Faster replies"  # ... with its text
        assert projects(store) == []
        other.execute("ROLLBACK")
        await pilot.press("enter")  # "Try again"
        await pilot.pause()
        await pilot.pause()
        assert form not in app.screen_stack
        assert projects(store) == ["Faster replies"]


async def test_cancel_leaves_the_form_open_with_its_text(
    store: Store, other: sqlite3.Connection
) -> None:
    app = make_app(store, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Faster replies")
        other.execute("BEGIN IMMEDIATE")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # cancel
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-name", Input).value == "Faster replies"
        assert projects(store) == []


async def test_a_dialog_answer_that_meets_a_busy_database_is_handed_again(
    store: Store, other: sqlite3.Connection
) -> None:
    app = make_app(store, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def answered(yes: bool | None) -> None:  # an answer's write, not caught by the caller
            if yes:
                store.set_unit_name("Jobcenter Nord")

        app.push_screen(ConfirmDialog("Name the unit?"), answered)
        await pilot.pause()
        other.execute("BEGIN IMMEDIATE")
        await pilot.press("y")
        await pilot.pause()
        assert "Another program is using the database" in question(app)
        assert store.unit_name == ""
        other.execute("ROLLBACK")
        await pilot.press("y")  # try again: the same answer again
        await pilot.pause()
        await pilot.pause()
        assert store.unit_name == "Jobcenter Nord"
        assert not isinstance(app.screen, ConfirmDialog)
