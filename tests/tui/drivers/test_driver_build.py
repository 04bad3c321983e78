"""Building a driver diagram by keyboard only: one aim, 3 primary and 5 secondary drivers and 8
change ideas; linking an idea to a cycle and seeing the roll-up change when it is adopted;
moving, reparenting, folding, deleting a branch and undoing it; a measure's role."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import Label

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.drivers.diagram import load_diagram
from core.i18n import Translator
from core.kaizen import board, cycles
from core.models import BoardColumn, DriverKind, Measure, MeasureRole
from core.project import projects
from tests.tui.conftest import make_app
from tui.dialogs import ConfirmDialog, FormDialog
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.dialogs.pick import PickDialog, TickDialog
from tui.drivers.diagram import DriverDiagramScreen
from tui.drivers.questions import ThreeQuestions
from tui.drivers.tree import DriverTree
from tui.project.project_screen import ProjectScreen

TODAY = dt.date(2026, 11, 24)
TX = Translator("da")


async def _type_box(pilot: Pilot[None], key: str, text: str) -> None:
    """Press `a` or `A`, type the text and save with Enter."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormDialog)
    await pilot.press(*text, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DriverDiagramScreen)


def _drawing(app: object) -> str:
    return "\n".join(app.screen.query_one(DriverTree).lines())  # type: ignore[attr-defined]


def _position(app: object) -> str:
    return str(app.screen.query_one("#driver-position", Label).render())  # type: ignore


async def _open(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProjectScreen)
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DriverDiagramScreen)


async def test_build_link_adopt_by_keyboard(empty_store: Store) -> None:
    store = empty_store
    project = projects.create_project(store, "Sygemeldte")
    log = UndoLog(store)
    card = board.add_card(log, project.id, BoardColumn.PLANNED, "Ring op")
    cycle = cycles.start(log, card.id, TX, today=TODAY)
    app = make_app(store, initials="MH")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        assert "tryk a" in str(app.screen.query_one("#driver-empty", Label).render())
        await _type_box(pilot, "a", "P en")           # aim -> P1
        await _type_box(pilot, "A", "P to")           # P2
        await _type_box(pilot, "A", "P tre")          # P3
        await pilot.press("up", "up")                 # P1
        await _type_box(pilot, "a", "S en")           # S1.1
        await _type_box(pilot, "a", "F en")           # F1 under S1.1
        await _type_box(pilot, "A", "F to")           # F2
        await pilot.press("left")                     # S1.1
        await _type_box(pilot, "A", "S to")           # S1.2
        await _type_box(pilot, "a", "F tre")
        await _type_box(pilot, "A", "F fire")
        await pilot.press("left", "left", "down")     # P2
        await _type_box(pilot, "a", "S tre")          # S2.1
        await _type_box(pilot, "a", "F fem")
        await pilot.press("left")
        await _type_box(pilot, "A", "S fire")         # S2.2
        await _type_box(pilot, "a", "F seks")
        await pilot.press("left", "left", "down")     # P3
        await _type_box(pilot, "a", "S fem")          # S3.1
        await _type_box(pilot, "a", "F syv")
        await _type_box(pilot, "A", "F otte")

        d = load_diagram(store, project.id)
        assert d.aim_saved
        assert len(d.of_kind(DriverKind.PRIMARY)) == 3
        assert len(d.of_kind(DriverKind.SECONDARY)) == 5
        assert len(d.of_kind(DriverKind.CHANGE_IDEA)) == 8
        assert [d.nodes[n].text for n in d.walk()[1:]] == [
            "P en", "S en", "F en", "F to", "S to", "F tre", "F fire", "P to", "S tre",
            "F fem", "S fire", "F seks", "P tre", "S fem", "F syv", "F otte"]
        drawing = _drawing(app)
        for label in ("P1", "P3", "S1.2", "S3.1", "F1", "F8"):
            assert f" {label} " in drawing
        assert "0 af 4 idéer indført" in drawing  # P1

        # F1: link the running cycle
        await pilot.press("home", "right", "right", "right")
        assert "F1" in _position(app) and "F en" in _position(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")                  # ideas, cards and cycles that test it
        await pilot.pause()
        assert isinstance(app.screen, TickDialog)
        await pilot.press("space", "enter")         # the cycle is listed first
        await pilot.pause()
        assert isinstance(app.screen, DriverDiagramScreen)
        d = load_diagram(store, project.id)
        [f1] = [n for n in d.of_kind(DriverKind.CHANGE_IDEA) if d.nodes[n].text == "F en"]
        assert [(t.ref_kind.value, t.ref_id) for t in d.tests[f1]] == [("cycle", cycle.id)]
        assert "▶ Afprøves" in _drawing(app) and "PDSA-afprøvning 1: Ring op" in _position(app)

        # the leader adopts the cycle (elsewhere); the roll-up changes when the screen shows again
        cycles.adopt(UndoLog(store), cycle.id, TX, leader="Lars", decision="standard",
                     today=TODAY)
        await pilot.press("escape")
        await pilot.pause()
        answers = " ".join(app.screen.query_one(ThreeQuestions).text().split())
        assert "8 idéer: 1 indført · 7 ikke afprøvet" in answers
        await pilot.press("v")
        await pilot.pause()
        drawing = _drawing(app)
        assert "1 af 4 idéer indført" in drawing and "1 af 8 idéer indført" in drawing
        assert "✓ Indført" in drawing


async def test_move_reparent_fold_delete_undo_and_role(empty_store: Store) -> None:
    store = empty_store
    project = projects.create_project(store, "Sygemeldte")
    with store.transaction():
        changelog.create(store, changelog.build(Measure, project_id=project.id,
                                                name="Dage til samtale"))
    app = make_app(store, initials="MH")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await _type_box(pilot, "a", "P en")
        await _type_box(pilot, "A", "P to")
        await pilot.press("up")
        await _type_box(pilot, "a", "S en")
        await _type_box(pilot, "A", "S to")
        await pilot.press("shift+up")                      # S to above S en
        d = load_diagram(store, project.id)
        p1 = d.kids(d.aim.id)[0]
        assert [d.nodes[n].text for n in d.kids(p1)] == ["S to", "S en"]
        await pilot.press("p")                             # move S to under P to
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")
        await pilot.pause()
        d = load_diagram(store, project.id)
        p2 = d.kids(d.aim.id)[1]
        assert [d.nodes[n].text for n in d.kids(p2)] == ["S to"]
        # fold P1 and unfold it
        await pilot.press("home", "right")
        assert "P1" in _position(app)
        await pilot.press("f")
        assert "+1 skjult" in _drawing(app) and " S1.1 " not in _drawing(app)
        await pilot.press("f")
        assert " S1.1 " in _drawing(app)
        # delete P1's branch, then undo it
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert len(load_diagram(store, project.id).nodes) == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(load_diagram(store, project.id).nodes) == 5
        # the measure: an outcome measure on the aim
        await pilot.press("home", "r")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceFormDialog)
        await pilot.press("enter", "home", "down", "enter")  # role: the first after "none"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DriverDiagramScreen)
        measure = store.query("SELECT role, driver_node_id FROM measures")[0]
        d = load_diagram(store, project.id)
        assert (measure["role"], measure["driver_node_id"]) == (MeasureRole.OUTCOME.value,
                                                                d.aim.id)
        assert "R ○ Dage til" in _drawing(app)
        table = app.screen.query_one("#driver-measures")
        assert table.row_count == 1


async def test_hostile_text_renders_literally(empty_store: Store) -> None:
    store = empty_store
    projects.create_project(store, "Sygemeldte")
    app = make_app(store)
    hostile = "[/x] [@click=app.quit]x[/]"
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        await _type_box(pilot, "a", hostile)
        assert "[/x]" in _drawing(app) and "[@click=app.quit]x[/]" in _drawing(app)
        tree = app.screen.query_one(DriverTree)
        shown = "\n".join(tree.render_line(y).text for y in range(4))
        assert "[@click=app.quit]x[/]" in shown  # what the widget puts on the screen
        assert hostile in _position(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ProjectScreen)
