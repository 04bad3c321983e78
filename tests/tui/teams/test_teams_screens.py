"""Teams by keyboard: the list from the start screen, entering a week, pasting a block, the
dashboard and a figure's run chart, importing the back office's CSV through its preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Label

from core.db.store import Store
from core.models import KeyFigure
from core.teams import figures as team_figures
from core.teams import key_figures
from core.teams import organisation as teams
from tests.tui.conftest import make_app
from tui.dialogs import ConfirmDialog, FormDialog
from tui.project.project_list import ProjectListScreen
from tui.screens.file_pick import FilePickDialog
from tui.teams.csv_import import TeamImportDialog
from tui.teams.dashboard import TeamDashboardScreen, TeamFigureChartScreen
from tui.teams.entry import TeamEntryScreen
from tui.teams.key_figures import KeyFiguresScreen
from tui.teams.team_paste import TeamPasteDialog
from tui.teams.teams import TeamsScreen
from tui.widgets.run_chart import RunChartView


def _org(store: Store) -> str:
    org = teams.first_organisation(store)
    assert org is not None
    return org.id


def _team(store: Store, name: str) -> str:
    return next(t.id for t in teams.team_summaries(store, _org(store)) if t.name == name)


def _row_texts(table: DataTable[object]) -> list[str]:
    return [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def _value(store: Store, team_id: str, key: str, week: str) -> float | None:
    figure = key_figures.figures(store, _org(store))
    by_key = {f.key: f for f in figure}
    return team_figures.week_values(store, team_id, [by_key[key]], week).get(by_key[key].id)


async def test_enter_a_week_and_see_it_on_the_dashboard(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TeamsScreen)
        names = [str(r) for r in _row_texts(app.screen.query_one("#teams", DataTable))]
        assert [n.split(" | ")[0] for n in names] == [
            "Team Land", "Team Midt", "Team Nord", "Team Syd", "Team Vest", "Team Øst"]
        await pilot.press("down", "down", "e")
        await pilot.pause()
        entry = app.screen
        assert isinstance(entry, TeamEntryScreen)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        week = entry.week
        assert "0 af 8" in str(entry.query_one("#entry-week", Label).render())
        await pilot.press(*"3,2", "enter")
        await pilot.pause()
        await pilot.press(*"61.5", "tab")
        await pilot.pause()
        await pilot.press("escape")  # closes the editor opened on the next figure
        await pilot.pause()
        nord = _team(demo_store, "Team Nord")
        assert _value(demo_store, nord, "sick_leave_pct", week) == 3.2
        assert _value(demo_store, nord, "client_time_pct", week) == 61.5
        assert "2 af 8" in str(entry.query_one("#entry-week", Label).render())
        # a wrong value is refused in the editor, nothing is written
        await pilot.press("down", "down", *"x", "enter")  # x is not a digit: no editor
        await pilot.press("enter", *"fem", "enter")
        await pilot.pause()
        assert entry.editor.is_open
        assert "tal" in str(entry.query_one("#cell-hint", Label).render())
        await pilot.press("escape")
        # ctrl+z undoes the last value
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _value(demo_store, nord, "client_time_pct", week) is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TeamsScreen)
        await pilot.press("enter")
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, TeamDashboardScreen)
        rows = _row_texts(dashboard.query_one("#team-figures", DataTable))
        assert rows[0].startswith("Sygefravær") and "3,2 %" in rows[0]
        assert "✓ På mål" in rows[0]
        # Enter opens the figure's run chart
        await pilot.press("enter")
        await pilot.pause()
        chart = app.screen
        assert isinstance(chart, TeamFigureChartScreen)
        assert chart.query_one("#team-chart", RunChartView).chart_text
        signal = str(chart.query_one("#team-chart-signal", Label).render())
        assert "Alarmgrænse: 8 %" in signal and "3,2 %" in signal


async def test_the_rising_team_shows_its_signal_and_chart(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        org = _org(demo_store)
        app.push_screen(TeamDashboardScreen(org, _team(demo_store, "Team Syd")))
        await pilot.pause()
        rows = _row_texts(app.screen.query_one("#team-figures", DataTable))
        assert "9,8 %" in rows[0] and "▼ Signal – værre ⚠ ud over alar" in rows[0]
        # variation and assurance in words at 80 columns, right after the latest value
        assert rows[0].split(" | ")[2:4] == ["▼ forværring", "± rammer/misser"]
        await pilot.press("enter")
        await pilot.pause()
        signal = str(app.screen.query_one("#team-chart-signal", Label).render())
        assert "uden for kontrolgrænserne" in signal and "Alarmgrænse: 8 %" in signal
        assert "Seriediagram" in str(app.screen.query_one("#team-chart-name", Label).render())
        await pilot.press("k")  # the figure's control chart
        await pilot.pause()
        assert "I-kort" in str(app.screen.query_one("#team-chart-name", Label).render())


async def test_paste_a_block_from_excel(demo_store: Store) -> None:
    app = make_app(demo_store)
    org, vest = _org(demo_store), _team(demo_store, "Team Vest")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(TeamEntryScreen(org, vest))
        await pilot.pause()
        entry = app.screen
        assert isinstance(entry, TeamEntryScreen)
        await pilot.press("right_square_bracket", "down", "down")
        await pilot.pause()
        week = entry.week
        entry.post_message(events.Paste("Nøgletal\n21,5\n\n8\nSygefravær\t4,4\nUkendt\t1\n"))
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TeamPasteDialog)
        preview = str(dialog.query_one("#paste-preview", Label).render())
        assert "3 værdier kan gemmes, 1 linjer kan ikke" in preview
        assert "Vikartimer = 21,5 timer" in preview and "Ukendt" in preview
        # the headings and the empty line are said, and the empty line keeps its place
        assert "Linje 1 er sprunget over: kolonneoverskrifter." in preview
        assert "Linje 3: tom – Overarbejde er ikke ændret." in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is entry
        assert _value(demo_store, vest, "temp_hours", week) == 21.5
        assert _value(demo_store, vest, "overtime_hours", week) is None
        assert _value(demo_store, vest, "citizens", week) == 8
        assert _value(demo_store, vest, "sick_leave_pct", week) == 4.4
        assert "3 af 8" in str(entry.query_one("#entry-week", Label).render())
        await pilot.press("ctrl+z")  # the whole paste is one step
        await pilot.pause()
        assert _value(demo_store, vest, "temp_hours", week) is None
        assert _value(demo_store, vest, "sick_leave_pct", week) is None
        # ctrl+v opens the same dialog empty, to paste into
        await pilot.press("ctrl+v")
        await pilot.pause()
        assert isinstance(app.screen, TeamPasteDialog)


CSV = ("Team;Periode;Nøgletal;Værdi\r\nTeam Nord;2027-W02;Sygefravær;6,1\r\n"
       "Team Nord;2/2027;Vikartimer;12\r\nTeam Fjern;2027-W02;Sygefravær;5\r\n"
       "Team Syd;2027-W02;Søvn;5\r\n")


@pytest.mark.parametrize("duplicate", [False, True])
async def test_import_a_csv_through_its_preview(demo_store: Store, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                duplicate: bool) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    text = CSV + ("Team Nord;uge 2 2027;sygefravær;7\r\n" if duplicate else "")
    (tmp_path / "tal.csv").write_bytes(text.encode("utf-8-sig"))
    nord = _team(demo_store, "Team Nord")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePickDialog) and picker.folder == tmp_path
        await pilot.press("slash", *"tal.csv", "enter")  # a bare name: in the folder shown
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TeamImportDialog)
        texts = [str(label.render()) for label in dialog.query(Label)]
        joined = "\n".join(texts)
        assert "Team Fjern" in joined and "Søvn" in joined
        if duplicate:
            assert "Linje 2, 6" in joined and "intet er importeret" in joined
        else:
            assert "2 nye" in joined and "2 ukendte" in joined
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TeamsScreen)
        expected = None if duplicate else 6.1
        assert _value(demo_store, nord, "sick_leave_pct", "2027-W02") == expected
        assert {t.name for t in teams.team_summaries(demo_store, _org(demo_store))} == {
            "Team Land", "Team Midt", "Team Nord", "Team Syd", "Team Vest", "Team Øst"}


async def test_first_use_creates_the_organisation_and_hostile_names_stay_literal(
    empty_store: Store,
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Hjemmeplejen", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TeamsScreen)
        org = _org(empty_store)
        assert len(key_figures.figures(empty_store, org)) == 8
        assert KeyFigure.id_for(org, "sick_leave_pct") in {
            f.id for f in key_figures.figures(empty_store, org)}
        hostile = "[@click=app.quit]x[/]"
        await pilot.press("a", *hostile, "tab", *"[/x]", "tab", *"01-03-2026", "enter")
        await pilot.pause()
        [summary] = teams.team_summaries(empty_store, org)
        assert (summary.name, summary.area) == (hostile, "[/x]")
        rows = _row_texts(screen.query_one("#teams", DataTable))
        assert rows[0].startswith(f"{hostile} | [/x]")
        await pilot.press("m", "a", *"[b]Ida[/b]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        members = _row_texts(app.screen.query_one("#members", DataTable))
        assert members[0].startswith("[b]Ida[/b]")
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamDashboardScreen)
        assert hostile in (app.screen.sub_title or "")
        assert "Ingen tal endnu" in str(app.screen.query_one("#team-figures-empty",
                                                            Label).render())
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert app.is_running


async def test_key_figure_catalogue_delete_asks_and_undoes(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t", "n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KeyFiguresScreen)
        rows = _row_texts(screen.query_one("#key-figures", DataTable))
        assert len(rows) == 8 and rows[0].startswith("Sygefravær | Lavere er bedre")
        assert "8 %" in rows[0]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "624" in str(app.screen.query_one(".dialog-question", Label).render())
        await pilot.press("y")
        await pilot.pause()
        assert len(key_figures.figures(demo_store, _org(demo_store))) == 7
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(key_figures.figures(demo_store, _org(demo_store))) == 8
        assert _value(demo_store, _team(demo_store, "Team Syd"), "sick_leave_pct",
                      "2026-W47") == 9.8


async def test_the_organisation_travels_in_a_file_written_from_the_teams_screen(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.sync.importer import apply_import
    from tui.sync.export_project import ExportDialog

    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    org = _org(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(TeamsScreen(org))
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamsScreen)  # the dialog closed, the file is written
    [path] = tmp_path.glob("*.tavle")
    other = Store.open(tmp_path / "bagkontor.db", fingerprint="office")
    preview = apply_import(other, path)
    assert preview.scopes[0][1] == "organisation"
    assert other.execute("SELECT COUNT(*) FROM teams").fetchone()[0] == 6
    assert other.execute("SELECT COUNT(*) FROM team_figures").fetchone()[0] == demo_store.execute(
        "SELECT COUNT(*) FROM team_figures").fetchone()[0]
