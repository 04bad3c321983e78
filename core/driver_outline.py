"""The driver diagram as a Markdown outline (for Markdown exports and the status report).

User text is written as typed, with Markdown's special characters escaped, so a driver named
"*vigtig*" stays text.
"""

from __future__ import annotations

import re

from core.driver_diagram import Diagram, load_diagram
from core.driver_questions import aim_of, measure_line
from core.driver_refs import ref_labels
from core.i18n import Translator
from core.models import DriverKind
from core.store import Store

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """Text as Markdown shows it literally, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def outline(store: Store, project_id: str, tr: Translator) -> str:
    """The diagram as nested Markdown lists: the aim and its goals, each driver with its
    roll-up, each change idea with its state, tests and extra drivers, and the measures."""
    diagram = load_diagram(store, project_id)
    aim = aim_of(store, diagram, tr)
    lines = [f"## {tr('driver.title')}", ""]
    statement = escape(aim.statement) if aim.statement else escape(tr("driver.q1_empty"))
    lines.append(f"**{escape(tr('driver.prefix.aim'))}:** {statement}")
    lines += [f"- {escape(goal)}" for goal in aim.goals]
    lines += _measures(diagram, diagram.aim.id, tr, 0)
    lines.append("")
    if diagram.is_empty:
        lines.append(escape(tr("driver.empty")))
        return "\n".join(lines) + "\n"
    labels = ref_labels(store, project_id, tr)
    for node_id in diagram.walk()[1:]:
        lines += _node(diagram, node_id, tr, labels)
    return "\n".join(lines) + "\n"


def _depth(diagram: Diagram, node_id: str) -> int:
    depth = 0
    while node_id in diagram.parent and diagram.parent[node_id] != diagram.aim.id:
        node_id = diagram.parent[node_id]
        depth += 1
    return depth


def _node(diagram: Diagram, node_id: str, tr: Translator,
          labels: dict[tuple, str]) -> list[str]:
    node = diagram.nodes[node_id]
    depth = _depth(diagram, node_id)
    indent = "  " * depth
    head = f"{indent}- **{escape(diagram.label(node_id, tr))}** {escape(node.text)}"
    if node.kind is DriverKind.CHANGE_IDEA:
        state = diagram.states[node_id]
        head += f" – {escape(tr(f'driver.state.{state.value}'))}"
    else:
        head += f" – {escape(diagram.rollup(node_id).text(tr))}"
    lines = [head]
    more = "  " * (depth + 1)
    extra = diagram.extra_drivers(node_id) or diagram.linked_ideas(node_id)
    if extra:
        names = ", ".join(diagram.label(n, tr) for n in extra)
        lines.append(f"{more}- {escape(tr('driver.also', names=names))}")
    for test in diagram.tests.get(node_id, []):
        label = labels.get((test.ref_kind, test.ref_id), tr("driver.ref.gone"))
        lines.append(f"{more}- {escape(tr('driver.tested_by', what=label))}")
    lines += _measures(diagram, node_id, tr, depth + 1)
    return lines


def _measures(diagram: Diagram, node_id: str, tr: Translator, depth: int) -> list[str]:
    indent = "  " * depth
    return [f"{indent}- {escape(measure_line(m, tr))}" for m in diagram.measures_at(node_id)]
