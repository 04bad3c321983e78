"""Every screen's footer shows whole keys only, at 80×24 and at 120×40: each key it shows is
there with its whole label, the palette's key too, and the keys it shows are the screen's first
ones (its own main keys before the keys every screen has); the rest are in help and the palette.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from core.db.store import Store
from tests.tui.conftest import make_app, screen_text
from tests.tui.screen_walk import BUILT, CLASSES, build, demo_ids
from tui.bindings import tavle_bindings
from tui.widgets.footer import TavleFooter, shared

SCREENS = [name for name in BUILT if not issubclass(CLASSES[name], ModalScreen)]
"""Every full screen (dialogs have no footer)."""


def _check_footer(name: str, size: tuple[int, int], screen: Screen[None], app: App[None]) -> None:
    footers = list(screen.query(Footer))
    assert len(footers) == 1 and isinstance(footers[0], TavleFooter), name
    footer = footers[0]
    line = screen_text(app).split("\n")[-1]
    keys = list(footer.query(FooterKey))
    labels = [f"{key.key_display} {key.description}" for key in keys]
    assert labels[-1].endswith(" Kommandoer")  # the palette's key, always at the right
    for label in labels:
        assert label in line, f"{name} at {size}: {label!r} is cut in {line!r}"
    own = [key for key in keys if "-command-palette" not in key.classes]
    assert own, f"{name} at {size}: no key of the screen in the footer"
    # the keys shown are the first ones in the footer's order, never a later one
    order = [binding.description for binding, _, _ in footer._shown_bindings()]
    assert [key.description for key in own] == order[:len(own)]
    # what is left out is still in help and the palette
    listed = {binding.description for _, binding, _ in tavle_bindings(screen)}
    assert set(order) - {key.description for key in own} <= listed


@pytest.mark.parametrize("name", SCREENS)
async def test_the_footer_shows_whole_keys_only(
    name: str, demo_store: Store, tmp_path: Path,
) -> None:
    """At 120×40, then at 80×24 after the terminal is made smaller."""
    demo = demo_ids(demo_store, tmp_path)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = build(name, demo)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.pause()
        assert app.screen is screen
        _check_footer(name, (120, 40), screen, app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        _check_footer(name, (80, 24), screen, app)


async def test_the_screen_s_own_keys_come_before_the_shared_ones(
    demo_store: Store, tmp_path: Path,
) -> None:
    demo = demo_ids(demo_store, tmp_path)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = build("ActionPlanScreen", demo)
        app.push_screen(screen)
        await pilot.pause()
        footer = screen.query_one(TavleFooter)
        bindings = [binding for binding, _, _ in footer._shown_bindings()]
        first_shared = next(i for i, binding in enumerate(bindings) if shared(binding))
        assert all(shared(binding) for binding in bindings[first_shared:])
        assert {b.id for b in bindings[first_shared:]} >= {"screen.help", "action_plan.back"}
        shown = [key.description for key in screen.query(FooterKey)]
        # at 80 columns: edit the cell, add a row, the status, export – and the palette's key
        assert shown == ["Ret celle", "Tilføj række", "Skift status", "Til Excel", "Kommandoer"]
