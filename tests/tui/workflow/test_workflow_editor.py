"""Building today's map and its redesign by keyboard, and reading the comparison."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Label

from core.db import changelog
from core.db.store import Store
from core.models import Action, MapKind, Measure, Step, StepSymbol
from core.project import projects
from core.workflow.maps import figures, project_map
from tests.tui.conftest import make_app
from tui.dialogs import ConfirmDialog
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.project.project_screen import ProjectScreen
from tui.workflow.compare import ComparisonScreen
from tui.workflow.map_editor import CurrentMapScreen
from tui.workflow.redesign import RedesignMapScreen
from tui.workflow.swimlane import SwimlaneView

LANES = ("Borger", "Jobcenter", "Træning")
STEPS = (  # (lane, symbol position in the list, text, duration): short, typed key by key
    (1, 2, "Modtag", "1 d"),
    (1, 0, "Fordel", "1 u"),
    (0, 5, "Skema", "2 u"),
    (1, 3, "Samtale", "45 m"),
    (2, 3, "Visitation", "1 t"),
    (2, 5, "Venteliste", "4 u"),
    (1, 0, "Fælles møde", ""),
    (0, 3, "Opfølgning", "30 m"),
)


def _text(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())  # type: ignore[attr-defined]


async def _choose(pilot: Pilot[None], position: int) -> None:
    """Open the focused choice, go to its first option, then `position` down, and take it."""
    await pilot.press("enter", "home", *["down"] * position, "enter")


async def _add_step(pilot: Pilot[None], lane: int, symbol: int, text: str,
                    duration: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoiceFormDialog)
    await pilot.press(*text, "enter")  # to the symbol (a task unless chosen)
    if symbol:
        await _choose(pilot, symbol)
    await pilot.press("tab")  # to the lane
    await _choose(pilot, lane)
    await pilot.press("tab", *duration, "enter")  # Enter on the last field saves
    await pilot.pause()


async def _open_project(pilot: Pilot[None], key: str) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProjectScreen)
    await pilot.press(key)
    await pilot.pause()


async def test_build_a_map_copy_it_and_compare(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Sygemeldte")
    app = make_app(empty_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_project(pilot, "g")
        assert isinstance(app.screen, CurrentMapScreen)
        assert "tryk a" in _text(app, "#workflow-empty")
        for name in LANES:
            await pilot.press("n", *name, "enter")
            await pilot.pause()
        for lane, symbol, text, duration in STEPS:
            await _add_step(pilot, lane, symbol, text, duration)
        assert isinstance(app.screen, CurrentMapScreen)

        today = project_map(empty_store, project.id, MapKind.CURRENT)
        assert today is not None
        assert [lane.name for lane in today.lanes] == list(LANES)
        assert [(today.lane_name(s.lane_id), s.text, s.duration) for s in today.steps] == [
            (LANES[lane], text, duration) for lane, _, text, duration in STEPS]
        assert today.steps[2].symbol == StepSymbol.WAITING
        assert today.steps[0].symbol == StepSymbol.IT_SYSTEM
        assert figures(today).handovers == 5
        shown = _text(app, "#workflow-figures")
        assert "Overleveringer: 5" in shown and "Ventetider: 2" in shown
        drawing = "\n".join(app.screen.query_one(SwimlaneView).lines())
        assert "Visitation" in drawing and "►" in drawing and "═" in drawing

        # to the redesign: copy today's map, delete the citizen's form, read the comparison
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, RedesignMapScreen)
        assert "tryk c" in _text(app, "#workflow-empty")
        await pilot.press("c")
        await pilot.pause()
        redesign = project_map(empty_store, project.id, MapKind.REDESIGN)
        assert redesign is not None and len(redesign.steps) == 8
        assert [s.source_step_id for s in redesign.steps] == [s.id for s in today.steps]
        await pilot.press("right", "right")
        assert "Skema" in _text(app, "#workflow-position")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        after = project_map(empty_store, project.id, MapKind.REDESIGN)
        assert after is not None and len(after.steps) == 7
        assert "Overleveringer: 3" in _text(app, "#workflow-figures")
        # undo and redo the delete
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(project_map(empty_store, project.id, MapKind.REDESIGN).steps) == 8
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(project_map(empty_store, project.id, MapKind.REDESIGN).steps) == 7

        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        comparison = _text(app, "#compare-text")
        assert "Overleveringer: 5 → 3" in comparison
        assert "Ventetider: 2 → 1" in comparison
        assert "Fjernet (1)" in comparison and "− Skema" in comparison
        assert "Tilføjet (0)" in comparison
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RedesignMapScreen)


async def test_measure_and_task_from_a_redesigned_step(demo_store: Store) -> None:
    app = make_app(demo_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_project(pilot, "d")
        assert isinstance(app.screen, RedesignMapScreen)
        await pilot.press("right")  # the decision step
        step = app.screen.query_one(SwimlaneView).focused_step
        assert step is not None and not step.kpi
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"Andel afklaret samme dag", "enter", *"Tælles hver mandag", "enter")
        await _choose(pilot, 1)  # proportion
        await pilot.press("tab", "tab", "tab", *"%", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RedesignMapScreen)
        (measure,) = demo_store.query("SELECT * FROM measures WHERE step_id = ?", [step.id])
        assert (measure["name"], measure["kind"], measure["unit"]) == (
            "Andel afklaret samme dag", "proportion", "%")
        assert changelog.load(demo_store, Step, step.id).kpi
        assert changelog.load(demo_store, Measure, measure["id"]).definition
        drawing = "\n".join(app.screen.query_one(SwimlaneView).lines())
        assert drawing.count("KPI") == 4

        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"Screeningsskema godkendes", "enter", "enter")
        await pilot.pause()
        (row,) = demo_store.query("SELECT id FROM actions WHERE step_id = ? AND change = ?",
                                  [step.id, "Screeningsskema godkendes"])
        action = changelog.load(demo_store, Action, row["id"])
        assert action.responsible == "Mette Holm"


async def test_hostile_names_are_drawn_literally(empty_store: Store) -> None:
    projects.create_project(empty_store, "P")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_project(pilot, "g")
        await pilot.press("n", *"[/x]", "enter")
        await pilot.pause()
        await pilot.press("a", *"[@click=app.quit]x[/]", "enter", "tab", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CurrentMapScreen)
        drawing = "\n".join(app.screen.query_one(SwimlaneView).lines())
        assert " [/x] " in drawing  # the lane's name
        # wrapped in its box, the word too long for it broken with a hyphen
        assert "║[@click=app.qui-║" in drawing and "║t]x[/]   " in drawing
        assert "[@click=app.quit]x[/]" in _text(app, "#workflow-position")
