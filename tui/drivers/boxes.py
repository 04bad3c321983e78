"""What each box of the driver diagram says, in the UI language: the node's text, a change
idea's state with its marker, a driver's roll-up, the other drivers an idea serves, and the
measures attached (role letter, name, signal marker)."""

from __future__ import annotations

from core.drivers.diagram import Diagram, DiagramMeasure
from core.drivers.questions import Aim
from core.i18n import Translator
from core.models import DriverKind
from core.models.driver import COLUMN
from tui.drivers.tree_layout import TreeItem

TEXT_LINES = 6
"""At most this many lines of a node's own text in its box (the position line shows all)."""
GOAL_LINES = 4
"""At most this many lines of each result goal (and of the aim's other lines)."""


def signal_mark(item: DiagramMeasure) -> str:
    """▲ a signal in the good direction, ▼ in the bad, ● a signal without a side, ○ none."""
    status = item.status
    if not status.signal:
        return "○"
    return {"better": "▲", "worse": "▼"}.get(status.direction or "", "●")


def measure_entry(item: DiagramMeasure, tr: Translator) -> str:
    """A measure inside a box: "R ▲ Dage fra sygemelding …"."""
    role = tr(f"driver.role_mark.{item.role.value}") if item.role else "?"
    return f"{role} {signal_mark(item)} {item.measure.name}"


def tree_items(diagram: Diagram, aim: Aim, tr: Translator) -> list[TreeItem]:
    """The boxes of the whole diagram."""
    items = []
    for node_id in diagram.walk():
        node = diagram.nodes[node_id]
        extra: list[str] = []
        if node.kind is DriverKind.AIM:
            lines = [aim.statement or tr("driver.q1_empty")]
            extra += [f"• {goal}" for goal in aim.goals]
        else:
            lines = [node.text]
        if node.kind is DriverKind.CHANGE_IDEA:
            state = diagram.states[node_id]
            extra.append(f"{tr(f'driver.mark.{state.value}')} {tr(f'driver.state.{state.value}')}")
            also = diagram.extra_drivers(node_id)
        else:
            extra.append(diagram.rollup(node_id).text(tr))
            also = diagram.linked_ideas(node_id)
        if also:
            extra.append("↔ " + ", ".join(diagram.label(n, tr) for n in also))
        extra += [measure_entry(m, tr) for m in diagram.measures_at(node_id)]
        items.append(TreeItem(
            node_id, COLUMN[node.kind], diagram.label(node_id, tr), tuple(lines), tuple(extra),
            tuple(diagram.kids(node_id)), max_lines=TEXT_LINES,
            extra_lines=GOAL_LINES if node.kind is DriverKind.AIM else 2))
    return items
