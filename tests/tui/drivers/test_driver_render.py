"""The demo's driver diagram drawn at 80x24 and 200x50: no box overlaps another or a line, every
box's corners are whole, every node's text is there, the view scrolls to the focused box; and
the three questions on the project screen."""

from __future__ import annotations

import itertools

import pytest

from core.db.store import Store
from core.drivers.diagram import load_diagram
from core.drivers.questions import aim_of
from core.i18n import Translator
from tests.tui.conftest import demo_signals, make_app
from tui.drivers.boxes import tree_items
from tui.drivers.diagram import DriverDiagramScreen
from tui.drivers.questions import ThreeQuestions
from tui.drivers.tree import DriverTree
from tui.drivers.tree_layout import box_width_for, layout
from tui.project.project_screen import ProjectScreen

TX = Translator("da")


def _project_id(store: Store) -> str:
    return store.query("SELECT id FROM projects")[0]["id"]


@pytest.mark.parametrize("width", [80, 120, 200])
def test_layout_of_the_demo_has_no_overlap(demo_store: Store, width: int) -> None:
    d = load_diagram(demo_store, _project_id(demo_store))
    items = tree_items(d, aim_of(demo_store, d, TX), TX)
    geometry, _ = layout(items, d.aim.id, box_width_for(width))
    boxes = list(geometry.boxes.values())
    assert len(boxes) == len(d.nodes) == 18
    for one, two in itertools.combinations(boxes, 2):
        assert not one.overlaps(two), (one, two)
    cells = [(x, y) for x, y, _ in geometry.lines]
    assert len(cells) == len(set(cells)), "two lines share a cell"
    for box in boxes:
        assert not [(x, y) for x, y in cells
                    if box.x <= x < box.x + box.width and box.y <= y < box.y + box.height]
        assert box.x + box.width <= geometry.width and box.y + box.height <= geometry.height


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_demo_diagram_renders(demo_store: Store, size: tuple[int, int]) -> None:
    d = load_diagram(demo_store, _project_id(demo_store))
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter", "v")
        await pilot.pause()
        assert isinstance(app.screen, DriverDiagramScreen)
        tree = app.screen.query_one(DriverTree)
        lines = tree.lines()
        geometry = tree.geometry
        assert geometry is not None and len(geometry.boxes) == len(d.nodes)
        assert len({len(line) for line in lines}) == 1
        for box in geometry.boxes.values():  # every corner is whole: nothing drew over it
            top, bottom = lines[box.y], lines[box.y + box.height - 1]
            right = box.x + box.width - 1
            assert top[box.x] in "┌╔" and top[right] in "┐╗", box
            assert bottom[box.x] in "└╚" and bottom[right] in "┘╝", box
            for y in range(box.y + 1, box.y + box.height - 1):
                assert lines[y][box.x] in "│║" and lines[y][right] in "│║", box
        drawing = "\n".join(lines)
        assert drawing.count("┌") + drawing.count("╔") == len(d.nodes)
        for node_id, node in d.nodes.items():
            if node.text:
                assert node.text.split()[0][:16] in drawing, node.text
            assert f" {d.label(node_id, TX)} " in drawing
        for words in ("✓ Indført", "▶ Afprøves", "× Opgivet", "○ Ikke afprøvet",
                      "af 5 idéer", "R ▲ Dage", "↔ S1.1", "↔ F8"):
            assert words in drawing, words
        assert tree.size.width >= 40 and tree.size.height >= 8
        # to the last box: the view follows, and shows what the drawing holds there
        await pilot.press("end")
        await pilot.pause()
        box = geometry.boxes[tree.focused or ""]
        scroll_x, scroll_y = tree.scroll_offset
        region = tree.scrollable_content_region
        assert scroll_x <= box.x and box.x + box.width <= scroll_x + region.width + 1
        assert scroll_y <= box.y < scroll_y + region.height
        lines = tree.lines()
        for y in range(region.height):
            shown = tree.render_line(y).text
            line = lines[y + scroll_y] if y + scroll_y < len(lines) else ""
            assert shown.rstrip() == line[scroll_x:scroll_x + region.width].rstrip()
        if size == (80, 24):
            assert scroll_x > 0 and scroll_y > 0
        table = app.screen.query_one("#driver-measures")
        assert table.row_count == demo_signals(demo_store)[0] and table.display


async def test_three_questions_on_the_project_screen(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        panel = app.screen.query_one(ThreeQuestions)
        text = " ".join(panel.text().split())  # the panel wraps its answers
        assert text.startswith("De tre spørgsmål")
        count, better = demo_signals(demo_store)
        for words in ("Hvad vil vi opnå?", "Sygemeldte borgere", "Hvordan ved vi det?",
                      f"{count} målinger, {better} med signal i den gode retning",
                      "Hvad ændrer vi?",
                      "9 idéer: 2 indført · 2 afprøves · 1 opgivet"):
            assert words in text, words
        assert panel.region.height >= 7 and panel.region.bottom <= 23  # on the screen
