"""Single-key shortcuts never fire while a text field has the focus, on any screen.

The test walks every screen and dialog class in `tui` (`tests/tui/screen_walk.py`, so a new
screen cannot be forgotten): it builds each on the demo, focuses each of its text fields in turn
and types every key of the screen's shortcuts that types a character (letters, capitals, digits,
`?`, `/`, space, …). Every character must land in the field, the screen must stay the same and
the database must not change. The keys are queued all at once (the guard is decided per key in
the app, so no pause is needed between them), which keeps each screen to about a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from core.db.store import Store
from tests.tui.conftest import make_app
from tests.tui.screen_walk import (
    BUILDERS_NAMES,
    BUILT,
    CLASSES,
    NOT_BUILT,
    Demo,
    build,
    demo_ids,
)
from tui.bindings import takes_text, typing_character


def test_every_screen_class_is_walked() -> None:
    """A new screen or dialog must be added to `screen_walk.build` (or to NOT_BUILT, with why)."""
    assert set(CLASSES) >= NOT_BUILT
    demo_free = {name for name in BUILT if name not in BUILDERS_NAMES}
    assert not demo_free, f"add a way to build these screens: {sorted(demo_free)}"


@pytest.fixture
def demo(demo_store: Store, tmp_path: Path) -> Demo:
    return demo_ids(demo_store, tmp_path)


CONVENTION_KEYS = ("a", "i", "question_mark", "slash", "space", "G", "1")
"""The keys ui-conventions.md gives a meaning on every screen, and a capital and a digit: typed
into every field even where the screen binds none of them."""


def _shortcut_keys(screen: Screen[Any]) -> list[str]:
    """Every key bound on the screen, its widgets and the app that types a character."""
    keys: set[str] = set(CONVENTION_KEYS)
    for node in (screen.app, screen, *screen.walk_children()):
        for key, _binding in node._bindings:
            if typing_character(key) is not None:
                keys.add(key)
    return sorted(keys)


def _text_fields(screen: Screen[Any]) -> list[Widget]:
    return [w for w in screen.query("*") if isinstance(w, Input | TextArea) and takes_text(w)]


def _show(widget: Widget) -> None:
    """Make a field that its screen shows on a key (a filter, a cell editor) visible."""
    node: Any = widget
    while node is not None and not isinstance(node, Screen):
        node.display = True
        node.disabled = False
        node = node.parent


def _text(field: Widget) -> str:
    return field.value if isinstance(field, Input) else field.text  # type: ignore[attr-defined]


def _changes(store: Store) -> int:
    return int(store.execute("SELECT COUNT(*) FROM sync_change").fetchone()[0])


async def _settled(pilot: Pilot[None], store: Store) -> None:
    """Wait until what leaving the last field wrote is written: the count of changes stays
    the same over a few turns of the event loop (on a busy machine the blur's save may come a
    turn or two after the focus moved)."""
    last, steady = _changes(store), 0
    for _ in range(30):
        await pilot.pause()
        now = _changes(store)
        steady = steady + 1 if now == last else 0
        if steady >= 3:
            return
        last = now


@pytest.mark.parametrize("name", BUILT)
async def test_shortcuts_type_into_every_text_field(name: str, demo: Demo) -> None:
    app = make_app(demo.store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = build(name, demo)
        app.push_screen(screen)
        await pilot.pause()
        assert app.screen is screen
        keys = _shortcut_keys(screen)
        fields = _text_fields(screen)
        stack = list(app.screen_stack)
        for field in fields:
            _show(field)
            field.focus()
            await pilot.pause()
            assert screen.focused is field, f"{name}: {field!r} takes no focus"
            await _settled(pilot, demo.store)  # the field left was saved (the charter's way)
            limit = getattr(field, "max_length", 0) or len(keys)  # initials take 8
            for start in range(0, len(keys), limit):
                chunk = keys[start:start + limit]
                if isinstance(field, Input):
                    field.value = ""
                else:
                    field.load_text("")
                before = _changes(demo.store)
                for key in chunk:
                    event = events.Key(key, typing_character(key))
                    event.set_sender(app)
                    app.post_message(event)
                await pilot.pause()
                typed = "".join(typing_character(key) or "" for key in chunk)
                assert _text(field) == typed, f"{name}: {field!r}"
                assert list(app.screen_stack) == stack, f"{name}: a key opened or closed a screen"
                assert screen.focused is field, f"{name}: a key moved the focus"
                assert _changes(demo.store) == before, f"{name}: a key changed the database"


def test_which_keys_type_a_character() -> None:
    for key, character in (("a", "a"), ("G", "G"), ("shift+g", "G"), ("question_mark", "?"),
                           ("slash", "/"), ("space", " "), ("1", "1"), ("ø", "ø"),
                           ("left_square_bracket", "[")):
        assert typing_character(key) == character, key
    for key in ("ctrl+s", "escape", "enter", "tab", "f1", "f2", "delete", "up", "ctrl+a"):
        assert typing_character(key) is None, key


async def test_the_guard_holds_where_a_field_would_not(empty_store: Store) -> None:
    """What the walk cannot show, because Textual's Input and TextArea keep the printable keys
    they get: a priority binding (which Textual runs before the focused field sees the key) and a
    field of Tavle's own that lets keys bubble on (`TAKES_TEXT`) do not run while it has the
    focus; ctrl+s and F2 still do."""
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static

    from tui.screens.base import TavleScreen

    class Typed(Static, can_focus=True):
        TAKES_TEXT = True

        def __init__(self) -> None:
            super().__init__(id="typed")
            self.text = ""

        def on_key(self, event: events.Key) -> None:
            self.text += event.character or ""  # and the key bubbles on to the bindings

    class Probe(TavleScreen):
        BINDINGS = [
            Binding("x", "ran('x')", priority=True),
            Binding("y", "ran('y')"),
            Binding("ctrl+s", "ran('ctrl+s')"),
            Binding("f2", "ran('f2')", priority=True),
        ]

        def __init__(self) -> None:
            super().__init__()
            self.ran: list[str] = []

        def compose(self) -> ComposeResult:
            yield Input(id="field")
            yield Typed()

        def action_ran(self, key: str) -> None:
            self.ran.append(key)

    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = Probe()
        app.push_screen(screen)
        await pilot.pause()
        field = screen.query_one("#field", Input)
        field.focus()
        await pilot.press("x", "y", "ctrl+s", "f2")
        assert field.value == "xy"
        assert screen.ran == ["ctrl+s", "f2"]
        typed = screen.query_one(Typed)
        typed.focus()
        await pilot.press("x", "y", "f2")
        assert typed.text == "xy"
        assert screen.ran == ["ctrl+s", "f2", "f2"]
        screen.set_focus(None)
        await pilot.pause()
        await pilot.press("x", "y")  # with no field focused the letters are shortcuts again
        assert screen.ran == ["ctrl+s", "f2", "f2", "x", "y"]
