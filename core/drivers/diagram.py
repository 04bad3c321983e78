"""The driver diagram as a screen and a report read it: the tree, numbers, states and roll-ups.

`load_diagram` reads a project's nodes, links, tests and measures once. The tree is rebuilt
from each node's `parent_id`; a node whose parent is gone (deleted in another unit) or of a
kind it may not hang under is shown under the aim, so nothing received is ever hidden. Kinds
only ever hang under kinds further left (`PARENT_KINDS`), so the tree has no cycles.

Numbers: primary drivers P1, P2, ...; secondary drivers P1's S1.1, S1.2, ...; change ideas
F1, F2, ... through the whole diagram in reading order (the letters come from the catalogs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.db import changelog
from core.db.store import Store
from core.drivers.state import IdeaState, TestStates, combine, load_test_states
from core.i18n import Translator
from core.measures.signals import MeasureStatus, measure_status
from core.models import DriverKind, DriverLink, DriverNode, DriverTest, Measure, MeasureRole
from core.models.driver import COLUMN, PARENT_KINDS

DRIVER_KINDS = (DriverKind.PRIMARY, DriverKind.SECONDARY)


@dataclass(frozen=True)
class RollUp:
    """How the change ideas under (or linked to) a driver stand."""

    counts: dict[IdeaState, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, state: IdeaState) -> int:
        return self.counts.get(state, 0)

    def text(self, tr: Translator) -> str:
        """"2 af 5 indført" (or "ingen forandringsidéer")."""
        if not self.total:
            return tr("driver.rollup_none")
        return tr("driver.rollup", adopted=self.count(IdeaState.ADOPTED), total=self.total)


@dataclass(frozen=True)
class DiagramMeasure:
    """A measure of the project with its role, where it is attached and its signal state."""

    measure: Measure
    status: MeasureStatus

    @property
    def role(self) -> MeasureRole | None:
        return self.measure.role

    @property
    def node_id(self) -> str | None:
        return self.measure.driver_node_id


@dataclass
class Diagram:
    """A project's driver diagram."""

    project_id: str
    aim: DriverNode
    aim_saved: bool
    nodes: dict[str, DriverNode] = field(default_factory=dict)
    """Every live node, the aim included (saved or not)."""
    children: dict[str, list[str]] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    """The parent each node is shown under (the aim for a node whose parent is gone)."""
    links: list[DriverLink] = field(default_factory=list)
    tests: dict[str, list[DriverTest]] = field(default_factory=dict)
    states: dict[str, IdeaState] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    measures: list[DiagramMeasure] = field(default_factory=list)

    # -- the tree -----------------------------------------------------------------------------

    def kids(self, node_id: str) -> list[str]:
        """A node's children in their order."""
        return self.children.get(node_id, [])

    def walk(self, node_id: str | None = None) -> list[str]:
        """The node and everything under it, depth first in order (the whole diagram)."""
        start = node_id or self.aim.id
        order: list[str] = []
        stack = [start]
        while stack:
            current = stack.pop()
            order.append(current)
            stack.extend(reversed(self.kids(current)))
        return order

    def of_kind(self, kind: DriverKind) -> list[str]:
        """The nodes of one kind in reading order."""
        return [n for n in self.walk() if self.nodes[n].kind is kind]

    def siblings(self, node_id: str) -> list[str]:
        """The node and its siblings in their order."""
        parent = self.parent.get(node_id)
        return self.kids(parent) if parent else [node_id]

    # -- links, states and roll-ups -----------------------------------------------------------

    def extra_drivers(self, idea_id: str) -> list[str]:
        """The drivers a change idea serves besides its parent, in reading order."""
        linked = {link.driver_id for link in self.links if link.node_id == idea_id}
        return [n for n in self.walk() if n in linked]

    def linked_ideas(self, driver_id: str) -> list[str]:
        """The change ideas linked to a driver from elsewhere, in reading order."""
        linked = {link.node_id for link in self.links if link.driver_id == driver_id}
        return [n for n in self.walk() if n in linked]

    def ideas_of(self, driver_id: str) -> list[str]:
        """The change ideas that act on a driver: under it, or linked to it or to a driver
        under it (each counted once)."""
        branch = self.walk(driver_id)
        found = [n for n in branch if self.nodes[n].kind is DriverKind.CHANGE_IDEA]
        drivers = {n for n in branch if self.nodes[n].kind is not DriverKind.CHANGE_IDEA}
        linked = {link.node_id for link in self.links if link.driver_id in drivers}
        found += [n for n in self.walk() if n in linked and n not in found]
        return found

    def rollup(self, driver_id: str) -> RollUp:
        """How the change ideas acting on a driver (or the aim) stand."""
        counts: dict[IdeaState, int] = {}
        for idea in self.ideas_of(driver_id):
            state = self.states.get(idea, IdeaState.NOT_TRIED)
            counts[state] = counts.get(state, 0) + 1
        return RollUp(counts)

    def measures_at(self, node_id: str) -> list[DiagramMeasure]:
        """The measures attached to a node."""
        return [m for m in self.measures if m.node_id == node_id]

    def label(self, node_id: str, tr: Translator) -> str:
        """The node's short name: "Mål", "P1", "S1.2", "F3"."""
        kind = self.nodes[node_id].kind
        if kind is DriverKind.AIM:
            return tr("driver.prefix.aim")
        return f"{tr(f'driver.prefix.{kind.value}')}{self.numbers.get(node_id, '?')}"

    @property
    def is_empty(self) -> bool:
        """Whether the diagram has nothing but the aim."""
        return not self.kids(self.aim.id)


def _live_nodes(store: Store, project_id: str) -> list[DriverNode]:
    rows = store.query(
        'SELECT id FROM driver_nodes WHERE project_id = ? AND _exists '
        'ORDER BY COALESCE("order", \'\'), id', [project_id])
    return [changelog.load(store, DriverNode, row["id"]) for row in rows]


def _fits(node: DriverNode, parent: DriverNode | None) -> bool:
    return parent is not None and parent.kind in PARENT_KINDS[node.kind]


def load_diagram(store: Store, project_id: str, *, with_signals: bool = True) -> Diagram:
    """Read a project's driver diagram (an unsaved aim when there is none yet)."""
    aim_id = DriverNode.aim_id(project_id)
    nodes = {n.id: n for n in _live_nodes(store, project_id)}
    aim = nodes.get(aim_id)
    saved = aim is not None and aim.kind is DriverKind.AIM
    if not saved:
        aim = DriverNode(id=aim_id, project_id=project_id, kind=DriverKind.AIM)
    assert aim is not None
    nodes = {k: v for k, v in nodes.items() if v.kind is not DriverKind.AIM}
    nodes[aim_id] = aim
    diagram = Diagram(project_id, aim, saved, nodes)
    for node in sorted(nodes.values(), key=lambda n: (COLUMN[n.kind], n.order, n.id)):
        if node.kind is DriverKind.AIM:
            continue
        parent = nodes.get(node.parent_id) if node.parent_id else None
        parent_id = node.parent_id if _fits(node, parent) and node.parent_id else aim_id
        diagram.parent[node.id] = parent_id
    for node_id in sorted(diagram.parent, key=lambda n: (nodes[n].order, n)):
        diagram.children.setdefault(diagram.parent[node_id], []).append(node_id)
    _number(diagram)
    _read_links_and_tests(store, diagram)
    if with_signals:
        diagram.measures = [
            DiagramMeasure(m, measure_status(store, m.id))
            for m in project_measures(store, project_id)
        ]
    else:
        diagram.measures = []
    return diagram


def project_measures(store: Store, project_id: str) -> list[Measure]:
    """The project's measures in their order."""
    rows = store.query(
        'SELECT id FROM measures WHERE project_id = ? AND _exists '
        'ORDER BY COALESCE("order", \'\'), name, id', [project_id])
    return [changelog.load(store, Measure, row["id"]) for row in rows]


def _number(diagram: Diagram) -> None:
    for p, primary in enumerate(diagram.of_kind(DriverKind.PRIMARY), start=1):
        diagram.numbers[primary] = str(p)
        seconds = [n for n in diagram.kids(primary)
                   if diagram.nodes[n].kind is DriverKind.SECONDARY]
        for s, secondary in enumerate(seconds, start=1):
            diagram.numbers[secondary] = f"{p}.{s}"
    loose = [n for n in diagram.of_kind(DriverKind.SECONDARY) if n not in diagram.numbers]
    for s, secondary in enumerate(loose, start=1):
        diagram.numbers[secondary] = f"0.{s}"
    for number, idea in enumerate(diagram.of_kind(DriverKind.CHANGE_IDEA), start=1):
        diagram.numbers[idea] = str(number)


def _read_links_and_tests(store: Store, diagram: Diagram) -> None:
    nodes = diagram.nodes
    for row in store.query(
        "SELECT id FROM driver_links WHERE project_id = ? AND _exists ORDER BY id",
        [diagram.project_id],
    ):
        link = changelog.load(store, DriverLink, row["id"])
        idea, driver = nodes.get(link.node_id), nodes.get(link.driver_id)
        if (idea and driver and idea.kind is DriverKind.CHANGE_IDEA
                and driver.kind in DRIVER_KINDS and diagram.parent.get(idea.id) != driver.id):
            diagram.links.append(link)
    states: TestStates = load_test_states(store, diagram.project_id)
    for row in store.query(
        "SELECT id FROM driver_tests WHERE project_id = ? AND _exists ORDER BY id",
        [diagram.project_id],
    ):
        test = changelog.load(store, DriverTest, row["id"])
        if test.node_id in nodes:
            diagram.tests.setdefault(test.node_id, []).append(test)
    for idea_id in diagram.of_kind(DriverKind.CHANGE_IDEA):
        diagram.states[idea_id] = combine(
            states.of(t.ref_kind, t.ref_id) for t in diagram.tests.get(idea_id, []))
