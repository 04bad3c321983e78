"""Presentation mode is shown on a projector: no page of the demo's story, nor of an empty
project's (where each page says what is missing), tells a key to press, in Danish, English or
bokmål (issue 24). The navigation line under the pages is the presenter's and may."""

from __future__ import annotations

import pytest

from core.db.store import Store
from core.project import projects
from core.views.presentation import PAGES
from tests.core.reports.key_hints import key_hints
from tests.tui.conftest import make_app
from tui.lang import set_language
from tui.views.presentation import PresentationScreen


@pytest.mark.parametrize("lang", ["da", "en", "nb"])
async def test_no_presentation_page_names_a_key(demo_store: Store, lang: str) -> None:
    (project_id,) = [row["id"] for row in demo_store.query(
        "SELECT id FROM projects WHERE _exists")]
    empty = projects.create_project(demo_store, "Tomt projekt")
    app = make_app(demo_store, language=lang)
    found = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for shown in (project_id, empty.id):
                app.push_screen(PresentationScreen(shown))
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, PresentationScreen)
                for number in range(len(PAGES)):
                    assert screen.page == number
                    found += [(shown == empty.id, number, line)
                              for line in key_hints(screen.page_text())]
                    await pilot.press("right")
                    await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
    finally:
        set_language("da")
    assert found == []
