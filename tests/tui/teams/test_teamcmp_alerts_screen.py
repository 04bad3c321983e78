"""The coach's deviation alerts by keyboard: the start screen's line, acknowledging the rising
team's alert with a note, the alert leaving the list and staying in the team's history."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Label

from core.db import changelog
from core.db.store import Store
from core.models import AlertAck, Organisation
from tests.tui.conftest import make_app
from tui.dialogs import FormDialog
from tui.project.project_list import ProjectListScreen
from tui.teams.alerts import AlertsScreen


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _rows(pilot: Pilot[None]) -> list[list[str]]:
    table = pilot.app.screen.query_one("#alerts", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _acks(store: Store) -> list[dict[str, object]]:
    return store.query(f"SELECT * FROM {AlertAck.TABLE} WHERE _exists")


async def test_acknowledge_the_rising_teams_alert_with_a_note(demo_store: Store) -> None:
    app = make_app(demo_store, initials="LD")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        line = app.screen.query_one("#alerts-line", Label)
        assert line.display
        assert str(line.render()) == "⚠ 3 afvigelser hos teamene – tryk w for at se dem"
        await pilot.press("w")
        await _settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        rows = _rows(pilot)
        assert [row[0] for row in rows] == ["Team Syd"] * 3
        assert rows[0][1] == (
            "Sygefravær steg fra 4,1 % til 9,8 % i uge 47 2026; over alarmgrænsen 8 %")
        assert rows[1][1].startswith("Sygefravær ligger usædvanligt højt siden uge 47 2026")
        # Enter acknowledges the highlighted alert: an empty note is refused
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "Skriv, hvad du spurgte om" in str(app.screen.query_one("#form-error",
                                                                        Label).render())
        await pilot.press(*"Hvad skete der i uge 47?", "tab", *"Influenza [/x] i teamet",
                          "enter")
        await _settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        (ack,) = _acks(demo_store)
        assert ack["kind"] == "threshold" and ack["period"] == "2026-W47"
        assert ack["note"] == "Spurgt: Hvad skete der i uge 47?\nSvar: Influenza [/x] i teamet"
        assert ack["acknowledged_by"] == "LD"
        rows = _rows(pilot)
        assert len(rows) == 2 and all("steg fra" not in row[1] for row in rows)
        # the history keeps it
        await pilot.press("h")
        await pilot.pause()
        (entry,) = _rows(pilot)
        assert entry[:3] == ["Team Syd", "Sygefravær", "uge 47 2026"]
        assert entry[4] == "Spurgt: Hvad skete der i uge 47? Svar: Influenza [/x] i teamet"
        detail = str(app.screen.query_one("#alerts-detail", Label).render())
        assert "Influenza [/x] i teamet" in detail
        await pilot.press("h")
        await pilot.pause()
        # ctrl+z takes the acknowledgement back, ctrl+y makes it again
        await pilot.press("ctrl+z")
        await _settle(pilot)
        assert len(_rows(pilot)) == 3 and _acks(demo_store) == []
        await pilot.press("ctrl+y")
        await _settle(pilot)
        assert len(_rows(pilot)) == 2 and len(_acks(demo_store)) == 1
        # back on the start screen the line counts the two left
        await pilot.press("escape")
        await _settle(pilot)
        assert isinstance(app.screen, ProjectListScreen)
        assert str(app.screen.query_one("#alerts-line", Label).render()).startswith(
            "⚠ 2 afvigelser")


async def test_no_alerts_line_without_teams(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await _settle(pilot)
        assert not app.screen.query_one("#alerts-line", Label).display
        for key in ("w", "b", "k"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ProjectListScreen)  # no organisation: a message
        with empty_store.transaction():
            changelog.create(empty_store, Organisation(name="Hjemmeplejen"))
        await pilot.press("w")
        await _settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        hint = app.screen.query_one("#alerts-empty", Label)
        assert hint.display and "Ingen åbne afvigelser" in str(hint.render())
