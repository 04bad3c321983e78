"""The CPR guard's dialogs show no number in full: not in the title (the project's name), not in
a hit's place (a record's label), not in the text around it, nor in the editor's title."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList, TextArea

from core.db import changelog
from core.db.store import Store
from core.models import Action
from core.project import projects
from core.sync import cpr_guard
from core.sync.cpr_numbers import is_cpr
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.dialogs.cpr_guard import CprEditDialog, CprGuardDialog
from tui.project.project_screen import ProjectScreen

CPR = "010190-1239"
"""A CPR number with a real date (1 January 1990)."""


@pytest.fixture
def borger(empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A project named with the number, and an action whose label (its change) holds it."""
    assert is_cpr(CPR.replace("-", ""))
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    project = projects.create_project(empty_store, f"Borger {CPR}")
    with empty_store.transaction():
        changelog.create(empty_store, Action(
            project_id=project.id, change=f"Ring til borger {CPR}", how=f"Notat om {CPR}"))
    return empty_store


def _shown(app: TavleApp) -> list[str]:
    """Every text the dialog on top shows: its labels, its hits, its input or editor."""
    screen = app.screen
    texts = [str(label.content) for label in screen.query(Label)]
    for hits in screen.query(OptionList):
        texts += [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
    texts += [field.value for field in screen.query(Input)]
    texts += [editor.text for editor in screen.query(TextArea)]
    return texts


async def test_the_guard_and_its_editor_mask_the_number_everywhere(borger: Store) -> None:
    app = make_app(borger)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, CprGuardDialog)
        shown = _shown(app)
        assert all("1239" not in text for text in shown), shown
        title = str(app.screen.query_one(".dialog-title", Label).content)
        assert title == "CPR-vagt: Borger 010190-****"
        hits = "\n".join(shown)
        assert "Projekter · Borger 010190-**** · Navn" in hits
        assert "Handlinger · Ring til borger 010190-**** · Ændring/opgave" in hits
        assert "Handlinger · Ring til borger 010190-**** · Hvordan" in hits

        # Each hit's editor: its title names the place, the text shows the number masked.
        for index in range(len(app.screen.hits)):
            app.screen.query_one("#cpr-hits", OptionList).highlighted = index
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, CprEditDialog)
            shown = _shown(app)
            assert all("1239" not in text for text in shown), shown
            assert "010190-****" in str(app.screen.query_one(".dialog-title", Label).content)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, CprGuardDialog)


async def test_a_place_and_a_file_name_given_by_the_caller_are_masked(borger: Store) -> None:
    """A report or CSV names the file, and a text that is not a record by its place."""
    hits = cpr_guard.scan_texts([(f"Referat om {CPR}", f"Borger {CPR} ringede")])
    app = make_app(borger)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CprGuardDialog(borger, what="minutes", target=f"Referat {CPR}.md",
                                       scan=lambda: hits, hits=hits))
        await pilot.pause()
        shown = _shown(app)
        assert all("1239" not in text for text in shown), shown
        assert "Referat om 010190-****" in "\n".join(shown)
        assert str(app.screen.query_one(".dialog-title", Label).content) == (
            "CPR-vagt: Referat 010190-****.md")
