"""Every date field takes what the action plan's deadline takes ("uge 52", "+14", "i går"), reads
it the way the field looks from today (a deadline ahead, a team's start back, a period's bounds
to the nearest), and says live under the field what it was read as – typed at full speed."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Label

from core.db.store import Store
from core.project import projects
from core.project.charter import load_charter
from core.teams import organisation as teams
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.closing.benefit_form import benefit_fields, benefit_values
from tui.dialogs import FormDialog
from tui.dialogs.choice_form import ChoiceFormDialog, Values
from tui.project.charter import CharterScreen
from tui.reports.report_dialog import ReportDialog
from tui.teams.teams import TeamsScreen


def _preview(dialog: object, field: str) -> Label:
    assert isinstance(dialog, FormDialog | ChoiceFormDialog)
    return dialog.query_one(f"#preview-field-{field}", Label)


async def test_a_charter_goal_due_in_week_52_says_christmas_and_saves_the_friday(
    demo_store: Store,
) -> None:
    [summary] = projects.list_projects(demo_store, today=DEMO_TODAY)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "k")
        await pilot.pause()
        assert isinstance(app.screen, CharterScreen)
        app.screen.query_one("#goals").focus()
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert str(_preview(dialog, "due").content).startswith("Forstået som ")  # its weekday
        await pilot.press("tab", "tab", "tab", "home", "ctrl+k", *"uge 52")
        line = _preview(dialog, "due")
        assert line.display
        assert str(line.content) == ("Forstået som fredag 25-12-2026 – juledag (uge 52). "
                                     "Arbejdsdagen før er torsdag 24-12-2026.")
        await pilot.press("ctrl+u", *"uge 54")
        assert line.has_class("-problem")
        assert "Uge 54 findes ikke" in str(line.content)
        await pilot.press("ctrl+u", *"+14", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        first = load_charter(demo_store, summary.id).goals[0]
        assert first.due == DEMO_TODAY + dt.timedelta(days=14)


async def test_a_team_started_in_week_36_started_on_its_monday_this_year(
    demo_store: Store,
) -> None:
    org = teams.first_organisation(demo_store)
    assert org is not None
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TeamsScreen(org.id))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await pilot.press(*"Team Midt-Øst", "tab", *"Ydelse", "tab", *"uge 36")
        assert str(_preview(dialog, "started_on").content) == \
            "Forstået som mandag 31-08-2026 (uge 36)"
        await pilot.press("ctrl+u", *"i går")
        assert str(_preview(dialog, "started_on").content) == \
            "Forstået som mandag 23-11-2026 (uge 48)"
        await pilot.press("enter")
        await pilot.pause()
        [team] = [t for t in teams.team_summaries(demo_store, org.id) if t.name == "Team Midt-Øst"]
        assert team.started_on == dt.date(2026, 11, 23)


async def test_a_benefit_period_from_week_1_to_week_26_is_this_years_first_half(
    demo_store: Store,
) -> None:
    got: list[Values] = []
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = ChoiceFormDialog("Gevinst", benefit_fields(None, [], DEMO_TODAY),
                                  submit=lambda values: got.append(values) or None)
        app.push_screen(dialog)
        await pilot.pause()
        dialog.query_one("#field-period_from", Input).focus()
        await pilot.press(*"uge 1", "tab", *"uge 26")
        assert str(_preview(dialog, "period_from").content) == \
            "Forstået som mandag 29-12-2025 (uge 1)"
        assert str(_preview(dialog, "period_to").content) == \
            "Forstået som søndag 28-06-2026 – weekend (uge 26)"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [values] = got
    read = benefit_values(values, DEMO_TODAY)
    assert (read["period_from"], read["period_to"]) == (dt.date(2025, 12, 29),
                                                         dt.date(2026, 6, 28))


async def test_a_report_since_week_44_starts_on_its_monday(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dialog = ReportDialog("Projekt", today=DEMO_TODAY)
        app.push_screen(dialog)
        await pilot.pause()
        box = dialog.query_one("#field-since", Input)
        box.focus()
        await pilot.press("ctrl+u", *"uge 44")
        assert str(_preview(dialog, "since").content) == "Forstået som mandag 26-10-2026 (uge 44)"
        await pilot.press("ctrl+u", *"snart")
        assert _preview(dialog, "since").has_class("-problem")
