"""The demo's maps drawn at 80x24 and 200x50: no box overlaps another or an arrow, every step
is drawn, the lane names stay at the left while the steps scroll."""

from __future__ import annotations

import itertools

import pytest

from core.db.store import Store
from core.models import MapKind, StepSymbol
from core.workflow.maps import handover_flags, project_map
from tests.tui.conftest import make_app
from tui.workflow.map_editor import CurrentMapScreen
from tui.workflow.redesign import RedesignMapScreen
from tui.workflow.swimlane import SwimlaneView
from tui.workflow.swimlane_layout import LABEL_WIDTH, MARKERS, layout


def _project_id(store: Store) -> str:
    return store.query("SELECT id FROM projects")[0]["id"]


@pytest.mark.parametrize("kind", list(MapKind))
def test_layout_of_the_demo_maps_has_no_overlap(demo_store: Store, kind: MapKind) -> None:
    view = project_map(demo_store, _project_id(demo_store), kind)
    assert view is not None
    geometry = layout([view.lane_index(s.lane_id) for s in view.steps], len(view.lanes),
                      handover_flags(view.steps))
    assert len(geometry.boxes) == len(view.steps)
    for one, two in itertools.combinations(geometry.boxes, 2):
        assert not one.overlaps(two)
    arrow_cells = [(x, y) for arrow in geometry.arrows for x, y, _ in arrow.cells]
    assert len(arrow_cells) == len(set(arrow_cells)), "two arrows share a cell"
    for box in geometry.boxes:
        assert box.x >= LABEL_WIDTH and box.x + box.width <= geometry.width
        assert box.y + box.height <= geometry.height
        assert not [(x, y) for x, y in arrow_cells
                    if box.x <= x < box.x + box.width and box.y <= y < box.y + box.height]
    changes = sum(a.lane != b.lane for a, b in itertools.pairwise(geometry.boxes))
    assert sum(any(g in "║│" for _, _, g in arrow.cells) for arrow in geometry.arrows) == changes


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
@pytest.mark.parametrize(("key", "screen", "kind"), [
    ("g", CurrentMapScreen, MapKind.CURRENT), ("d", RedesignMapScreen, MapKind.REDESIGN)])
async def test_demo_maps_render(demo_store: Store, size: tuple[int, int], key: str,
                                screen: type, kind: MapKind) -> None:
    view = project_map(demo_store, _project_id(demo_store), kind)
    assert view is not None
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter", key)
        await pilot.pause()
        assert isinstance(app.screen, screen)
        swimlane = app.screen.query_one(SwimlaneView)
        lines = swimlane.lines()
        assert len({len(line) for line in lines}) == 1
        drawing = "\n".join(lines)
        for step in view.steps:
            first = step.text.split()[0]  # a word longer than a box breaks with a hyphen
            assert (first if len(first) <= 16 else first[:15] + "-") in drawing
        assert drawing.count("┌") + drawing.count("╔") >= len(view.steps)
        for symbol in {s.symbol for s in view.steps}:
            assert MARKERS[symbol] in drawing
        assert swimlane.size.width >= 40 and swimlane.size.height >= 5
        # what the widget shows: the lane column fixed, then the scrolled steps
        for _ in range(len(view.steps)):
            await pilot.press("right")
        await pilot.pause()
        lines = swimlane.lines()
        scroll_x, scroll_y = swimlane.scroll_offset
        if size == (80, 24):
            assert scroll_x > 0  # the last step is in view
        for y in range(swimlane.scrollable_content_region.height):
            shown = swimlane.render_line(y).text
            line = lines[y + scroll_y] if y + scroll_y < len(lines) else ""
            width = swimlane.scrollable_content_region.width
            expected = line[:LABEL_WIDTH] + line[LABEL_WIDTH + scroll_x:scroll_x + width]
            assert shown.rstrip() == expected.rstrip()
        position = str(app.screen.query_one("#workflow-position").render())
        assert view.steps[-1].text in position
        legend = str(app.screen.query_one("#workflow-legend").render())
        assert all(MARKERS[s] in legend for s in StepSymbol)
