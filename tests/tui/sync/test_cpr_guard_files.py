"""The CPR guard before the other files that leave Tavle: the action plan's CSV (ctrl+e) and a
meeting's minutes (ctrl+e); and the guard's row in the settings screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import OptionList, Select

from core.db import changelog
from core.db.store import Store
from core.models import Action, Meeting
from core.project import projects
from core.sync import cpr_guard
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.dialogs.cpr_guard import CprEditDialog, CprGuardDialog
from tui.kaizen.meeting import MeetingScreen
from tui.plan.action_plan import ActionPlanScreen
from tui.screens.settings import SettingsScreen


@pytest.fixture
def export_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Dokumenter"
    folder.mkdir()
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(folder))
    return folder


@pytest.fixture
def project_id(empty_store: Store) -> str:
    project = projects.create_project(empty_store, "Sygedagpenge")
    with empty_store.transaction():
        changelog.create(empty_store, changelog.build(
            Action, project_id=project.id, change="Ring til borgeren",
            how="Ring til 0101901234 [b]fed[/b] før mødet", order="a0"))
        changelog.create(empty_store, changelog.build(
            Action, project_id=project.id, change="Sms dagen før", order="a1"))
        changelog.create(empty_store, changelog.build(
            Meeting, project_id=project.id, held_on=dt.date(2026, 11, 24),
            notes="Mor til 150385 12363 [/x] kom forbi"))
    return project.id


async def _open(app: TavleApp, pilot: object, key: str) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("enter", key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def _prompts(app: TavleApp) -> list[str]:
    hits = app.screen.query_one("#cpr-hits", OptionList)
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


async def test_the_action_plan_csv_goes_after_an_edit_without_the_number(
    empty_store: Store, project_id: str, export_folder: Path
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "h")
        assert isinstance(app.screen, ActionPlanScreen)
        await pilot.press("ctrl+e", "down", "enter")  # CSV
        await pilot.pause()
        assert isinstance(app.screen, CprGuardDialog)
        [shown] = _prompts(app)
        assert "Handlinger · Ring til borgeren · Hvordan" in shown
        assert "Ring til 010190**** [b]fed[/b] før mødet" in shown
        assert list(export_folder.iterdir()) == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CprEditDialog)
        await pilot.press(*"borgeren", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionPlanScreen)
        [csv_file] = export_folder.glob("*.csv")
        text = csv_file.read_text("utf-8-sig")
        assert "Ring til borgeren [b]fed[/b] før mødet" in text
        assert "0101901234" not in text and "010190" not in text
        how = [r["how"] for r in empty_store.query("SELECT how FROM actions WHERE _exists = 1")]
        assert "Ring til borgeren [b]fed[/b] før mødet" in how
        assert cpr_guard.guard_entries(empty_store) == []


async def test_the_minutes_go_with_a_logged_reason(
    empty_store: Store, project_id: str, export_folder: Path
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "n")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, CprGuardDialog)
        [shown] = _prompts(app)
        assert "Norsk fødselsnummer – Kaizen-møder · 24-11-2026 · Noter" in shown
        assert "Mor til 150385 ***** [/x] kom forbi" in shown
        await pilot.press("tab", *"Aftalt med borgeren", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        [minutes] = export_folder.glob("*.md")
        assert "150385 12363" in minutes.read_text("utf-8")
        [entry] = cpr_guard.guard_entries(empty_store)
        assert (entry.what, entry.target, entry.reason) == (
            "minutes", minutes.name, "Aftalt med borgeren")


async def test_a_file_without_numbers_is_written_at_once(
    empty_store: Store, export_folder: Path
) -> None:
    projects.create_project(empty_store, "Rent projekt")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "h")
        await pilot.press("ctrl+e", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionPlanScreen)
        assert len(list(export_folder.glob("*.xlsx"))) == 1


async def test_the_setting_is_chosen_in_the_settings_screen(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        select = app.screen.query_one("#cpr-guard", Select)
        assert select.value == "warn"
        select.focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert select.value == "block"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.settings.cpr_guard == "block"
