"""Editing the driver diagram through a screen's `UndoLog`; every use case is one undo step.

A child goes to the end of its parent's children, a sibling right after the node; moving up or
down gives a key between the new neighbours (`core.order_keys`), renumbering the siblings when
no key fits. Another parent must be of a kind the node may hang under and never the node or
one of its descendants. Deleting a branch deletes its nodes, their links and tests and
detaches the measures attached to them, as one step. The aim is written the first time
something hangs under it or its text is edited; its empty text means the charter's purpose.
"""

from __future__ import annotations

from core.db import changelog
from core.db.undo import UndoLog
from core.drivers.diagram import DRIVER_KINDS, Diagram
from core.errors import TavleError
from core.models import (
    DriverKind,
    DriverLink,
    DriverNode,
    DriverTest,
    DriverTestKind,
    Measure,
    MeasureRole,
)
from core.models.driver import PARENT_KINDS
from core.order_keys import key_between, spaced_keys

CHILD_KIND: dict[DriverKind, DriverKind] = {
    DriverKind.AIM: DriverKind.PRIMARY,
    DriverKind.PRIMARY: DriverKind.SECONDARY,
    DriverKind.SECONDARY: DriverKind.CHANGE_IDEA,
}
"""What `a` adds under a node of each kind."""

ROLE_PLACES: dict[MeasureRole, tuple[DriverKind, ...]] = {
    MeasureRole.OUTCOME: (DriverKind.AIM, DriverKind.PRIMARY),
    MeasureRole.PROCESS: (DriverKind.PRIMARY, DriverKind.SECONDARY, DriverKind.CHANGE_IDEA),
    MeasureRole.BALANCING: tuple(DriverKind),
}
"""Where a measure of each role may be attached: an outcome measure tells whether the aim is
reached, a process measure whether a driver or change idea works; a balancing measure
watches for harm anywhere."""


def ensure_aim(log: UndoLog, diagram: Diagram) -> DriverNode:
    """The aim's record, written when it is not saved yet (its id is the same in every unit,
    so writing it again after an undo brings the same record back)."""
    if not diagram.aim_saved:
        diagram.aim = log.create(diagram.aim)
        diagram.aim_saved = True
    return diagram.aim


def _order_after(diagram: Diagram, parent_id: str, after_id: str | None,
                 log: UndoLog) -> str:
    """An order key right after `after_id` among `parent_id`'s children (at the end when
    None), renumbering the children when no key fits between."""
    kids = diagram.kids(parent_id)
    position = kids.index(after_id) + 1 if after_id in kids else len(kids)
    before = diagram.nodes[kids[position - 1]].order if position else None
    after = diagram.nodes[kids[position]].order if position < len(kids) else None
    key = key_between(before or None, after)
    if key is not None:
        return key
    keys = spaced_keys(len(kids) + 1)
    for kid, new in zip(kids, keys[:position] + keys[position + 1:], strict=True):
        if diagram.nodes[kid].order != new:
            log.update(DriverNode, kid, order=new)
    return keys[position]


def add_child(log: UndoLog, diagram: Diagram, parent_id: str, text: str,
              kind: DriverKind | None = None) -> DriverNode:
    """Add a node at the end of `parent_id`'s children (a primary under the aim, a secondary
    under a primary, a change idea under a secondary)."""
    parent = diagram.nodes[parent_id]
    kind = kind or CHILD_KIND.get(parent.kind)
    if kind is None or parent.kind not in PARENT_KINDS[kind]:
        raise TavleError("driver.no_child")
    with log.group():
        if parent.kind is DriverKind.AIM:
            ensure_aim(log, diagram)
        order = _order_after(diagram, parent_id, None, log)
        return log.create(changelog.build(
            DriverNode, project_id=diagram.project_id, kind=kind, text=text.strip(),
            parent_id=parent_id, order=order))


def add_sibling(log: UndoLog, diagram: Diagram, node_id: str, text: str) -> DriverNode:
    """Add a node of the same kind right after `node_id`, under the same parent."""
    node = diagram.nodes[node_id]
    if node.kind is DriverKind.AIM:
        raise TavleError("driver.one_aim")
    parent_id = diagram.parent[node_id]
    with log.group():
        if parent_id == diagram.aim.id:
            ensure_aim(log, diagram)
        order = _order_after(diagram, parent_id, node_id, log)
        return log.create(changelog.build(
            DriverNode, project_id=diagram.project_id, kind=node.kind, text=text.strip(),
            parent_id=parent_id, order=order))


def edit_text(log: UndoLog, diagram: Diagram, node_id: str, text: str) -> DriverNode:
    """Change a node's text (the aim's empty text means: the charter's purpose)."""
    with log.group():
        if node_id == diagram.aim.id:
            ensure_aim(log, diagram)
        return log.update(DriverNode, node_id, text=text.strip())


def move(log: UndoLog, diagram: Diagram, node_id: str, step: int) -> bool:
    """Move a node up (-1) or down (+1) among its siblings; False at the top or bottom."""
    siblings = diagram.siblings(node_id)
    index = siblings.index(node_id)
    target = index + step
    if node_id == diagram.aim.id or not 0 <= target < len(siblings):
        return False
    rest = [s for s in siblings if s != node_id]
    with log.group():
        before = rest[target - 1] if target > 0 else None
        after = rest[target] if target < len(rest) else None
        key = key_between((diagram.nodes[before].order or None) if before else None,
                          diagram.nodes[after].order if after else None)
        if key is None:
            keys = spaced_keys(len(siblings))
            order = [*rest[:target], node_id, *rest[target:]]
            for kid, new in zip(order, keys, strict=True):
                if diagram.nodes[kid].order != new:
                    log.update(DriverNode, kid, order=new)
        else:
            log.update(DriverNode, node_id, order=key)
    return True


def parent_choices(diagram: Diagram, node_id: str) -> list[str]:
    """The nodes `node_id` may move under: of a fitting kind, not in its own branch, not its
    parent now; in reading order."""
    node = diagram.nodes[node_id]
    branch = set(diagram.walk(node_id))
    return [n for n in diagram.walk() if diagram.nodes[n].kind in PARENT_KINDS[node.kind]
            and n not in branch and n != diagram.parent.get(node_id)]


def reparent(log: UndoLog, diagram: Diagram, node_id: str, parent_id: str) -> DriverNode:
    """Move a node (with its branch) to the end of another parent's children.

    Refused when the kinds do not fit or the new parent lies in the node's own branch."""
    node, parent = diagram.nodes[node_id], diagram.nodes.get(parent_id)
    if node.kind is DriverKind.AIM or parent is None:
        raise TavleError("driver.cannot_move")
    if parent_id in diagram.walk(node_id):
        raise TavleError("driver.would_cycle")
    if parent.kind not in PARENT_KINDS[node.kind]:
        raise TavleError("driver.wrong_parent")
    with log.group():
        if parent.kind is DriverKind.AIM:
            ensure_aim(log, diagram)
        order = _order_after(diagram, parent_id, None, log)
        # a link to the new parent says nothing more: the idea hangs there now
        for link in diagram.links:
            if link.node_id == node_id and link.driver_id == parent_id:
                log.delete(DriverLink, link.id)
        return log.update(DriverNode, node_id, parent_id=parent_id, order=order)


def delete_branch(log: UndoLog, diagram: Diagram, node_id: str) -> int:
    """Delete a node and everything under it, with their links and tests, and detach the
    measures attached to them; one undo step. Returns how many nodes were deleted."""
    if node_id == diagram.aim.id:
        raise TavleError("driver.aim_stays")
    branch = diagram.walk(node_id)
    gone = set(branch)
    with log.group():
        for link in diagram.links:
            if link.node_id in gone or link.driver_id in gone:
                log.delete(DriverLink, link.id)
        for member in branch:
            for test in diagram.tests.get(member, []):
                log.delete(DriverTest, test.id)
        for measure in diagram.measures:
            if measure.node_id in gone:
                log.update(Measure, measure.measure.id, driver_node_id=None)
        for member in reversed(branch):
            log.delete(DriverNode, member)
    return len(branch)


def set_links(log: UndoLog, diagram: Diagram, idea_id: str, driver_ids: list[str]) -> None:
    """Make the change idea serve exactly these drivers besides its parent (one undo step)."""
    if diagram.nodes[idea_id].kind is not DriverKind.CHANGE_IDEA:
        raise TavleError("driver.links_only_ideas")
    wanted = {d for d in driver_ids
              if d in diagram.nodes and diagram.nodes[d].kind in DRIVER_KINDS
              and d != diagram.parent.get(idea_id)}
    now = {link.driver_id: link for link in diagram.links if link.node_id == idea_id}
    with log.group():
        for driver_id, link in now.items():
            if driver_id not in wanted:
                log.delete(DriverLink, link.id)
        for driver_id in sorted(wanted - set(now)):
            log.create(changelog.build(
                DriverLink, id=DriverLink.id_for(idea_id, driver_id),
                project_id=diagram.project_id, node_id=idea_id, driver_id=driver_id))


def set_tests(log: UndoLog, diagram: Diagram, idea_id: str,
              refs: list[tuple[DriverTestKind, str]]) -> None:
    """Make exactly these ideas, cards and cycles the change idea's tests (one undo step)."""
    if diagram.nodes[idea_id].kind is not DriverKind.CHANGE_IDEA:
        raise TavleError("driver.tests_only_ideas")
    wanted = {(DriverTestKind(kind), ref) for kind, ref in refs}
    now = {(t.ref_kind, t.ref_id): t for t in diagram.tests.get(idea_id, [])}
    with log.group():
        for key, test in now.items():
            if key not in wanted:
                log.delete(DriverTest, test.id)
        for kind, ref in sorted(wanted - set(now)):
            log.create(changelog.build(
                DriverTest, id=DriverTest.id_for(idea_id, kind.value, ref),
                project_id=diagram.project_id, node_id=idea_id, ref_kind=kind, ref_id=ref))


def set_measure_role(log: UndoLog, diagram: Diagram, measure_id: str,
                     role: MeasureRole | str | None, node_id: str | None) -> Measure:
    """Say what a measure tells and where in the diagram it belongs (one undo step).

    Refused when the node is not in this diagram, when a node is given without a role, or when
    the role does not belong there (`ROLE_PLACES`)."""
    role = MeasureRole(role) if role else None
    if node_id is not None:
        if node_id not in diagram.nodes:
            raise TavleError("driver.no_such_node")
        if role is None:
            raise TavleError("driver.role_needed")
        if diagram.nodes[node_id].kind not in ROLE_PLACES[role]:
            raise TavleError(f"driver.misplaced.{role.value}")
    with log.group():
        if node_id == diagram.aim.id:
            ensure_aim(log, diagram)
        return log.update(Measure, measure_id, role=role, driver_node_id=node_id)
