"""Typing cases at meeting speed, yes/no and rare events, pasting from Excel and importing a CSV
file (whole or not at all), with undo and the keys in the footer and the palette."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import events
from textual.widgets import DataTable, Input, Label, TextArea

from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.measures.cases import listed_cases as cases_of
from core.models import Entry, Measure, MeasureKind
from core.project import projects
from core.values.dates import format_date
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.dialogs import ConfirmDialog
from tui.measures.cases import CasesPasteDialog, CasesScreen
from tui.screens.file_pick import TABLE_SUFFIXES, FilePickDialog


def _measure(store: Store, entry: Entry, name: str = "Dage til samtale",
             kind: MeasureKind = MeasureKind.TIME) -> Measure:
    project = projects.create_project(store, "Sygedagpenge")
    return measures.add_measure(UndoLog(store), project.id, name=name, kind=kind, unit="dage",
                                entry=entry)


def _label(node: object, selector: str) -> str:
    from textual.dom import DOMNode

    assert isinstance(node, DOMNode)
    return str(node.query_one(selector, Label).render())


def _cells(screen: CasesScreen) -> list[list[str]]:
    table = screen.query_one("#cases-table", DataTable)
    return [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]


async def test_type_cases_at_meeting_speed_correct_delete_and_undo(empty_store: Store) -> None:
    measure = _measure(empty_store, Entry.CASES, name="[/x] Dage til samtale")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(CasesScreen(measure.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        assert _label(screen, "#cases-name").startswith("[/x] Dage til samtale · ")
        assert "Ingen sager endnu. Tryk n" in _label(screen, "#cases-summary")
        await pilot.press("n")
        await pilot.pause()
        assert screen.query_one("#case-date", Input).value == format_date(DEMO_TODAY)
        assert app.focused is screen.query_one("#case-answer", Input)
        await pilot.press("1", "2", "enter", "9", ",", "5", "enter")
        await pilot.pause()
        assert [(c.on, c.value) for c in cases_of(empty_store, measure.id)] == [
            (DEMO_TODAY, 12.0), (DEMO_TODAY, 9.5)]
        assert "9,5 dage gemt" in _label(screen, "#case-message")
        # a word is refused with what to do; a note is typed after Tab; "n" is typed, not a key
        await pilot.press(*"tolv", "enter")
        await pilot.pause()
        assert "kan ikke læses som et tal" in _label(screen, "#case-message")
        await pilot.press("ctrl+u", "7", "tab", *"[b]ny borger", "enter")
        await pilot.pause()
        assert [c.note for c in cases_of(empty_store, measure.id)] == ["", "", "[b]ny borger"]
        # a date after today is refused
        await pilot.press("shift+tab", "ctrl+u", *format_date(DEMO_TODAY.replace(
            day=DEMO_TODAY.day + 1)), "enter", "3", "enter")
        await pilot.pause()
        assert "ligger efter i dag" in _label(screen, "#case-message")
        assert len(cases_of(empty_store, measure.id)) == 3
        await pilot.press("escape")  # typed text: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert not screen.entering
        assert _cells(screen)[-1][2] == "[b]ny borger"
        assert "3 sager" in _label(screen, "#cases-summary")
        # Enter on the last row corrects it; Enter saves and closes the entry line
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#case-answer", Input).value == "7"
        await pilot.press("8", "enter")
        await pilot.pause()
        assert not screen.entering
        assert [c.value for c in cases_of(empty_store, measure.id)] == [12, 9.5, 8]
        # delete after a question; ctrl+z brings it back, and the correction is undone next
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert len(cases_of(empty_store, measure.id)) == 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(cases_of(empty_store, measure.id)) == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c.value for c in cases_of(empty_store, measure.id)] == [12, 9.5, 7]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CasesScreen)


async def test_yes_no_and_rare_events(empty_store: Store) -> None:
    answers = _measure(empty_store, Entry.YES_NO, name="Til tiden",
                       kind=MeasureKind.PROPORTION)
    falls = _measure(empty_store, Entry.EVENTS, name="Fald", kind=MeasureKind.COUNT)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(CasesScreen(answers.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        await pilot.press("n", *"nej", "enter", "j", "enter", *"måske", "enter")
        await pilot.pause()
        assert [c.yes for c in cases_of(empty_store, answers.id)] == [False, True]
        assert "kan ikke læses som ja eller nej" in _label(screen, "#case-message")
        await pilot.press("escape", "y")
        await pilot.pause()
        assert [row[1] for row in _cells(screen)] == ["Nej", "Ja"]
        app.push_screen(CasesScreen(falls.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        assert "Ingen hændelser endnu" in _label(screen, "#cases-summary")
        titles = {command.title for command in app.get_system_commands(screen)}
        assert "Ny hændelse" in titles
        # two falls: the first dated 10 days ago, the second today with 42 visits since
        first = DEMO_TODAY.replace(day=DEMO_TODAY.day - 10)
        await pilot.press("n", "shift+tab", "ctrl+u", *format_date(first), "enter", "enter")
        await pilot.press("shift+tab", "ctrl+u", *format_date(DEMO_TODAY), "enter", "4", "2",
                          "enter", "escape")
        await pilot.pause()
        assert [(c.on, c.value) for c in cases_of(empty_store, falls.id)] == [
            (first, None), (DEMO_TODAY, 42)]
        assert _cells(screen)[-1][1:3] == ["10", "42"]
        assert "(0 dage siden)" in _label(screen, "#cases-summary")


async def test_paste_from_excel_previews_then_saves_in_one_step(empty_store: Store) -> None:
    measure = _measure(empty_store, Entry.CASES)
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        app.push_screen(CasesScreen(measure.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        block = "Dato\tDage\n02-11-2026\t12,5\n03-11-2026\t9\tflyttet\n04-11-2026\tx\n"
        app.post_message(events.Paste(block))  # ctrl+v on the table opens the preview
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CasesPasteDialog)
        assert dialog.query_one("#paste-text", TextArea).text == block
        await pilot.press("ctrl+s")
        await pilot.pause()
        preview = _label(dialog, "#paste-preview")
        assert "2 nye kan gemmes · 1 linje kan ikke læses." in preview
        assert "Linje 4: " in preview and "Ctrl+S gemmer de nye." in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert [c.value for c in cases_of(empty_store, measure.id)] == [12.5, 9]
        # the same block again: nothing new
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CasesPasteDialog)
        dialog.query_one("#paste-text", TextArea).text = block
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "0 nye kan gemmes · 2 findes allerede" in _label(dialog, "#paste-preview")
        assert "Ingen nye sager" in _label(dialog, "#form-error")
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+z")  # the paste was one step
        await pilot.pause()
        assert cases_of(empty_store, measure.id) == []


async def test_a_file_is_imported_whole_or_not_at_all(empty_store: Store,
                                                      tmp_path: Path) -> None:
    measure = _measure(empty_store, Entry.CASES)
    path = tmp_path / "sager.csv"
    path.write_bytes("Dato;Dage\r\n02-11-2026;12,5\r\n03-11-2026;x\r\n".encode("cp1252"))
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        app.push_screen(CasesScreen(measure.id))
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePickDialog) and picker.suffixes == TABLE_SUFFIXES
        await pilot.press("slash")  # a typed path still works
        picker.query_one("#pick-path", Input).value = str(tmp_path / "ingen.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert "findes ikke" in _label(picker, "#form-error")
        picker.query_one("#pick-path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CasesPasteDialog)
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert "1 linje kan ikke læses, så intet er importeret" in _label(dialog, "#form-error")
        assert cases_of(empty_store, measure.id) == []
        area = dialog.query_one("#paste-text", TextArea)
        area.text = area.text.replace("\tx", "\t7")  # the file's cells, by tab
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert [c.value for c in cases_of(empty_store, measure.id)] == [12.5, 7]


async def test_every_action_is_in_the_palette_and_the_demo_cases_show(
    demo_store: Store
) -> None:
    rows = demo_store.query("SELECT id, entry FROM measures WHERE entry != 'period'")
    ids = {row["entry"]: row["id"] for row in rows}
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CasesScreen(ids["cases"]))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        titles = {command.title for command in app.get_system_commands(screen)}
        for action in ("Tilbage", "Ny sag", "Ret", "Slet", "Indsæt fra Excel",
                       "Importér fil", "Hjælp"):
            assert action in titles, action
        assert "X̄-kort" in _label(screen, "#cases-name")
        assert screen.query_one("#cases-table", DataTable).row_count > 50
        app.push_screen(CasesScreen(ids["events"]))
        await pilot.pause()
        assert "T-kort" in _label(app.screen, "#cases-name")
        assert "25 hændelser" in _label(app.screen, "#cases-summary")


async def test_a_case_dated_yesterday_says_so_while_typed_and_is_saved_so(
    empty_store: Store,
) -> None:
    measure = _measure(empty_store, Entry.CASES, name="Dage til samtale")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(CasesScreen(measure.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        await pilot.press("n", "shift+tab", "ctrl+u", *"fre")
        assert _label(screen, "#case-message") == "Forstået som fredag 20-11-2026 (uge 47)"
        await pilot.press("ctrl+u", *"i går")
        assert _label(screen, "#case-message") == "Forstået som mandag 23-11-2026 (uge 48)"
        await pilot.press("enter", "4", "enter")
        await pilot.pause()
        assert [(c.on, c.value) for c in cases_of(empty_store, measure.id)] == [
            (dt.date(2026, 11, 23), 4.0)]
