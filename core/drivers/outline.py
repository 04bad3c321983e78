"""The driver diagram as an outline: Markdown for exports, plain items for the status report.

What leaves the screen is read, not typed at: an empty diagram or a missing purpose is said
without the key the screen would press (`driver.outline_empty`, `driver.outline_no_aim`).

User text is written as typed, with Markdown's special characters escaped, so a driver named
"*vigtig*" stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.db.store import Store
from core.drivers.diagram import Diagram, load_diagram
from core.drivers.questions import aim_of, measure_line
from core.drivers.refs import ref_labels
from core.i18n import Translator
from core.models import DriverKind, DriverTestKind

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """Text as Markdown shows it literally, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def outline(store: Store, project_id: str, tr: Translator) -> str:
    """The diagram as nested Markdown lists: the aim and its goals, each driver with its
    roll-up, each change idea with its state, tests and extra drivers, and the measures."""
    aim_line, items = outline_items(store, project_id, tr)
    lines = [f"## {tr('driver.title')}", "", aim_line.markdown(), ""]
    for item in items:
        lines.append(item.markdown())
        if item.depth < 0:
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


@dataclass(frozen=True)
class OutlineItem:
    """One line of the outline: plain text (escape it where it is shown) at a depth.

    Depth -1 is a paragraph (the aim, or "no drivers yet"); `label` is shown bold before it.
    """

    depth: int
    text: str
    label: str = ""

    def markdown(self) -> str:
        """The line as Markdown (user text escaped)."""
        head = f"**{escape(self.label)}** " if self.label else ""
        if self.depth < 0:
            return f"{head}{escape(self.text)}"
        return f"{'  ' * self.depth}- {head}{escape(self.text)}"


def outline_items(
    store: Store, project_id: str, tr: Translator
) -> tuple[OutlineItem, list[OutlineItem]]:
    """The aim, and the outline's lines below it in the diagram's order (plain text)."""
    diagram = load_diagram(store, project_id)
    aim = aim_of(store, diagram, tr)
    aim_item = OutlineItem(-1, aim.statement or tr("driver.outline_no_aim"),
                           f"{tr('driver.prefix.aim')}:")
    items = [OutlineItem(0, goal) for goal in aim.goals]
    items += _measures(diagram, diagram.aim.id, tr, 0)
    if diagram.is_empty:
        return aim_item, [*items, OutlineItem(-1, tr("driver.outline_empty"))]
    labels = ref_labels(store, project_id, tr)
    for node_id in diagram.walk()[1:]:
        items += _node(diagram, node_id, tr, labels)
    return aim_item, items


def _depth(diagram: Diagram, node_id: str) -> int:
    depth = 0
    while node_id in diagram.parent and diagram.parent[node_id] != diagram.aim.id:
        node_id = diagram.parent[node_id]
        depth += 1
    return depth


def _node(diagram: Diagram, node_id: str, tr: Translator,
          labels: dict[tuple[DriverTestKind, str], str]) -> list[OutlineItem]:
    node = diagram.nodes[node_id]
    depth = _depth(diagram, node_id)
    if node.kind is DriverKind.CHANGE_IDEA:
        state = tr(f"driver.state.{diagram.states[node_id].value}")
    else:
        state = diagram.rollup(node_id).text(tr)
    items = [OutlineItem(depth, f"{' '.join(node.text.split())} – {state}",
                         diagram.label(node_id, tr))]
    extra = diagram.extra_drivers(node_id) or diagram.linked_ideas(node_id)
    if extra:
        names = ", ".join(diagram.label(n, tr) for n in extra)
        items.append(OutlineItem(depth + 1, tr("driver.also", names=names)))
    for test in diagram.tests.get(node_id, []):
        label = labels.get((test.ref_kind, test.ref_id), tr("driver.ref.gone"))
        items.append(OutlineItem(depth + 1, tr("driver.tested_by", what=label)))
    return items + _measures(diagram, node_id, tr, depth + 1)


def _measures(diagram: Diagram, node_id: str, tr: Translator, depth: int) -> list[OutlineItem]:
    return [OutlineItem(depth, measure_line(m, tr)) for m in diagram.measures_at(node_id)]
