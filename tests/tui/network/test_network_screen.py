"""The learning network by keyboard: create a network, add a unit, a meeting, a presentation and
a tip; the tip travels back to the unit in the next file and shows on its project screen. On the
demo: reorder, delete and undo on the agenda, and present a project from it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Label

from core.db.store import Store
from core.models import NoteKind
from core.network import networks
from core.project import projects
from core.sync.exporter import export_scope
from core.sync.importer import apply_import
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.network.network import NetworkScreen
from tui.network.notes import NetworkNotesScreen
from tui.project.project_screen import ProjectScreen
from tui.views.presentation import PresentationScreen

NETWORK = "[@click=app.quit]Netværk[/]"
PROJECT = "Færre fald [/x]"
TIP = "Prøv tavlemøder om morgenen [b]"


def rows(app: TavleApp, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(value) for value in table.get_row_at(i)] for i in range(table.row_count)]


def text(app: TavleApp, label_id: str) -> str:
    return str(app.screen.query_one(label_id, Label).render())


def unit_with_project(tmp_path: Path) -> tuple[Store, str]:
    unit = Store.open(tmp_path / "afsnit-a.db", fingerprint="a")
    unit.set_unit_name("Afsnit A")
    project = projects.create_project(unit, PROJECT, unit="Afsnit A")
    return unit, project.id


async def test_build_a_network_by_keyboard_and_the_tip_reaches_the_unit(tmp_path: Path) -> None:
    unit, project_id = unit_with_project(tmp_path)
    coordinator = Store.open(tmp_path / "koordinator.db", fingerprint="k")
    coordinator.set_unit_name("Koordinator")
    apply_import(coordinator, export_scope(unit, project_id, folder=tmp_path).path)

    app = make_app(coordinator, initials="KB", name="Karen Bech")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # no network yet: create one
        assert app.screen.query_one("#field-unit", Input).value == "Koordinator"
        assert app.screen.query_one("#field-coordinator", Input).value == "Karen Bech"
        await pilot.press(*NETWORK, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
        assert app.screen.title == NETWORK
        assert "ingen endnu" in text(app, "#network-units-title")

        await pilot.press("a", *"Afsnit A", "enter")  # the units list has the focus
        await pilot.pause()
        assert rows(app, "#network-units") == [["Afsnit A"]]

        await pilot.press("tab", "a")  # the meetings list
        await pilot.pause()
        await pilot.press(*"26-11-2026", "tab", *"Tema: fald", "enter")
        await pilot.pause()
        assert rows(app, "#network-meetings") == [["26-11-2026", "Tema: fald"]]
        assert "Oplæg 26-11-2026 (0)" in text(app, "#network-agenda-title")

        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceFormDialog)
        await pilot.press("enter", "down", "enter")  # choose the project in the list
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
        assert rows(app, "#network-agenda") == [["1", "Afsnit A", PROJECT]]

        await pilot.press("t")  # a tip for the presentation under the cursor
        await pilot.pause()
        await pilot.press(*TIP, "ctrl+s")
        await pilot.pause()
        assert rows(app, "#network-notes") == [["Tip", TIP, f"Afsnit A · {PROJECT}"]]
        assert "Tip (KB, " in text(app, "#network-detail")

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert rows(app, "#network-notes") == []
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(rows(app, "#network-notes")) == 1

    [network] = networks.list_networks(coordinator)
    assert (network.name, network.coordinator, network.unit) == (NETWORK, "Karen Bech",
                                                                  "Koordinator")
    [meeting] = networks.meetings(coordinator, network.id)
    [talk] = networks.agenda(coordinator, meeting.id)
    assert (talk.unit, talk.project_id, talk.project_name) == ("Afsnit A", project_id, PROJECT)
    [tip] = networks.notes(coordinator, network.id, meeting.id)
    assert (tip.kind, tip.text, tip.project_id, tip.author) == (NoteKind.TIP, TIP, project_id,
                                                                 "KB")

    # The coordinator's next file of the project carries the network back to the unit.
    apply_import(unit, export_scope(coordinator, project_id, folder=tmp_path).path)
    app = make_app(unit)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        line = text(app, "#network-notes-line")
        assert "Fra læringsnetværket: 1 tips – tryk l" in line
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, NetworkNotesScreen)
        [row] = rows(app, "#project-notes")
        assert row[0] == "Tip" and row[2] == NETWORK and row[3] == TIP
        assert TIP in text(app, "#project-note-text")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
    unit.close()
    coordinator.close()


async def test_the_demo_agenda_reorders_deletes_undoes_and_presents(demo_store: Store) -> None:
    [network] = networks.list_networks(demo_store)
    [meeting] = networks.meetings(demo_store, network.id)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # one network: it opens at once
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
        assert app.screen.focused.id == "network-meetings"
        before = [row[1] for row in rows(app, "#network-agenda")]
        assert before == ["Jobcenter Nord", "Jobcenter Syd"]
        await pilot.press("enter")  # Enter on the meeting opens its agenda
        await pilot.pause()
        assert app.screen.focused.id == "network-agenda"

        await pilot.press("shift+down")
        await pilot.pause()
        assert [p.unit for p in networks.agenda(demo_store, meeting.id)] == before[::-1]
        assert [row[1] for row in rows(app, "#network-agenda")] == before[::-1]
        assert app.screen.query_one("#network-agenda", DataTable).cursor_row == 1

        await pilot.press("up", "enter")  # the other unit's project is not in this database
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
        assert any("Færre aflyste samtaler" in n.message and "findes ikke" in n.message
                   for n in app._notifications)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert [p.unit for p in networks.agenda(demo_store, meeting.id)] == ["Jobcenter Nord"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(networks.agenda(demo_store, meeting.id)) == 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [p.unit for p in networks.agenda(demo_store, meeting.id)] == before

        await pilot.press("home", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NetworkScreen)
