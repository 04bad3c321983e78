"""The project charter (projektkommissorium): its texts, result goals, units and groups, and the
guide's advice as warnings (a goal without a target or date, a unit without a deciding leader in
the steering group, a project leader outside it).

Each text is saved on its own through an `UndoLog` as the form's field is left (`save_text`),
so ctrl+z undoes it like any other edit; the lists are edited through the same log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError
from core.models import (
    Charter,
    Group,
    GroupMember,
    Person,
    Project,
    Record,
    ResultGoal,
    UnitInvolved,
)
from core.order_keys import key_between

R = TypeVar("R", bound=Record)

TEXT_FIELDS: tuple[str, ...] = ("citizen_case", "purpose", "success_criteria", "scope",
                                "background")
"""The charter's paragraphs, in the order the form shows them."""


@dataclass(frozen=True)
class Member:
    """A seat in a group with the person's name."""

    member: GroupMember
    name: str


@dataclass(frozen=True)
class CharterView:
    """Everything the charter form shows."""

    project: Project
    charter: Charter
    saved: bool
    """Whether the charter record exists (it is created on the first save)."""
    goals: list[ResultGoal] = field(default_factory=list)
    units: list[UnitInvolved] = field(default_factory=list)
    steering: list[Member] = field(default_factory=list)
    project_group: list[Member] = field(default_factory=list)
    measures: dict[str, str] = field(default_factory=dict)
    """The project's measures: id -> name."""


@dataclass(frozen=True)
class CharterWarning:
    """Advice from the guide the charter does not follow yet: a catalog key and its values."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def _live(store: Store, model: type[R], project_id: str, order: str = '"order", id') -> list[R]:
    rows = store.query(
        f'SELECT id FROM "{model.TABLE}" WHERE project_id = ? AND _exists ORDER BY {order}',
        [project_id],
    )
    return [changelog.load(store, model, row["id"]) for row in rows]


def load_charter(store: Store, project_id: str) -> CharterView:
    """Read the charter and its lists (an empty, unsaved charter when there is none yet)."""
    project = changelog.load(store, Project, project_id)
    charter_id = Charter.id_for(project_id)
    exists = store.query("SELECT _exists FROM charters WHERE id = ?", [charter_id])
    saved = bool(exists and exists[0]["_exists"])
    charter = (changelog.load(store, Charter, charter_id) if saved
               else Charter(id=charter_id, project_id=project_id))
    people = {p.id: p.name for p in _live(store, Person, project_id, "name, id")}
    members = _live(store, GroupMember, project_id, "id")
    seats = [Member(m, people.get(m.person_id, "?")) for m in members]
    seats.sort(key=lambda s: (not s.member.deciding_leader, s.name.casefold(), s.member.id))
    measures = {
        row["id"]: row["name"]
        for row in store.query(
            'SELECT id, name FROM measures WHERE project_id = ? AND _exists ORDER BY "order", id',
            [project_id],
        )
    }
    return CharterView(
        project=project, charter=charter, saved=saved,
        goals=_live(store, ResultGoal, project_id),
        units=_live(store, UnitInvolved, project_id, "name COLLATE NOCASE, id"),
        steering=[s for s in seats if s.member.group == Group.STEERING],
        project_group=[s for s in seats if s.member.group == Group.PROJECT],
        measures=measures,
    )


def save_texts(store: Store, project_id: str, texts: dict[str, str]) -> Charter:
    """Save the charter's paragraphs in one transaction (creating the charter on first save)."""
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"not charter texts: {sorted(unknown)}")
    charter_id = Charter.id_for(project_id)
    with store.transaction():
        exists = store.query("SELECT _exists FROM charters WHERE id = ?", [charter_id])
        if exists and exists[0]["_exists"]:
            return changelog.update(store, Charter, charter_id, **texts)
        return changelog.create(
            store, changelog.build(Charter, id=charter_id, project_id=project_id, **texts)
        )


def save_text(log: UndoLog, project_id: str, name: str, text: str) -> bool:
    """Save one paragraph through `log` (one undo step); returns whether anything was written.

    An unchanged text writes nothing. When the project has no charter yet, an empty one is
    created first; that is not an undo step of its own (an empty charter says nothing), so the
    undo brings back the empty text and the charter reads as before."""
    if name not in TEXT_FIELDS:
        raise ValueError(f"not a charter text: {name}")
    store = log.store
    charter_id = Charter.id_for(project_id)
    with store.transaction():
        exists = store.query("SELECT _exists FROM charters WHERE id = ?", [charter_id])
        if not exists:
            changelog.create(store, changelog.build(Charter, id=charter_id,
                                                    project_id=project_id))
        elif not exists[0]["_exists"]:
            changelog.restore(store, Charter, charter_id)
        if getattr(changelog.load(store, Charter, charter_id), name) == text:
            return False
    log.update(Charter, charter_id, **{name: text})
    return True


# -- the guide's advice -------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def warnings(view: CharterView) -> list[CharterWarning]:
    """What the charter lacks by the guide's advice, in words the form shows."""
    found: list[CharterWarning] = []
    for goal in view.goals:
        if goal.target is None:
            found.append(CharterWarning("charter.warning.goal_no_target", {"goal": goal.text}))
        if goal.due is None:
            found.append(CharterWarning("charter.warning.goal_no_date", {"goal": goal.text}))
    for unit in view.units:
        if not any(s.member.deciding_leader and _same(s.member.unit, unit.name)
                   for s in view.steering):
            found.append(CharterWarning("charter.warning.unit_no_leader", {"unit": unit.name}))
    leader = view.project.leader
    if leader and not any(_same(s.name, leader) for s in view.steering):
        found.append(CharterWarning("charter.warning.leader_not_in_steering", {"leader": leader}))
    return found


def find_measure(view: CharterView, text: str) -> str | None:
    """The id of the measure named by `text` (its name, or the start of a unique name)."""
    text = text.strip().casefold()
    if not text:
        return None
    exact = [mid for mid, name in view.measures.items() if name.casefold() == text]
    starts = [mid for mid, name in view.measures.items() if name.casefold().startswith(text)]
    found = exact or starts
    if len(found) != 1:
        key = "charter.no_such_measure" if not found else "charter.measure_ambiguous"
        raise InvalidError([("measure_id", key, {})])
    return found[0]


# -- the lists ------------------------------------------------------------------------------------


def _next_order(store: Store, table: str, project_id: str) -> str:
    (last,) = store.execute(
        f'SELECT MAX("order") FROM "{table}" WHERE project_id = ? AND _exists', [project_id]
    ).fetchone()
    return key_between(last or None, None) or ""


def add_goal(log: UndoLog, project_id: str, **values: Any) -> ResultGoal:
    """Add a result goal (text, measure_id, target, due) at the end."""
    order = _next_order(log.store, "result_goals", project_id)
    return log.create(
        changelog.build(ResultGoal, project_id=project_id, order=order, **values)
    )


def edit_goal(log: UndoLog, goal_id: str, **values: Any) -> ResultGoal:
    """Change a result goal."""
    return log.update(ResultGoal, goal_id, **values)


def add_unit(log: UndoLog, project_id: str, name: str) -> UnitInvolved:
    """Add a unit involved in the project."""
    return log.create(changelog.build(UnitInvolved, project_id=project_id, name=name))


def find_or_add_person(log: UndoLog, project_id: str, name: str, unit: str = "") -> Person:
    """The project's person with this name, or a new one."""
    found = _person_named(log.store, project_id, name)
    if found is not None:
        return found
    return log.create(changelog.build(Person, project_id=project_id, name=name, unit=unit))


def _person_named(store: Store, project_id: str, name: str) -> Person | None:
    return next((p for p in _live(store, Person, project_id, "name, id") if _same(p.name, name)),
                None)


def add_member(
    log: UndoLog, project_id: str, group: Group, name: str, *, role: str = "", unit: str = "",
    deciding_leader: bool = False,
) -> GroupMember:
    """Seat a person (found by name, or added) in the steering or project group, as one step."""
    with log.group():
        person = find_or_add_person(log, project_id, name, unit)
        return log.create(
            changelog.build(
                GroupMember, project_id=project_id, group=group, person_id=person.id,
                role=role, unit=unit or person.unit,
                deciding_leader=deciding_leader and group == Group.STEERING,
            )
        )


def edit_member(
    log: UndoLog, member_id: str, *, name: str, role: str, unit: str, deciding_leader: bool
) -> GroupMember:
    """Change a seat: its person (by name), role, unit and deciding-leader flag.

    A new name that is none of the project's people renames the seat's person when this seat
    is all that person has in the charter (a misspelt name corrected, the meetings they were at
    keep them); otherwise the seat goes to that person (found or added), and the person who
    had it leaves the project's people if it was their last seat (see `delete_member`).
    """
    member = changelog.load(log.store, GroupMember, member_id)
    project_id = member.project_id
    with log.group():
        person = _person_named(log.store, project_id, name)
        if person is None and _may_let_go(log.store, member.person_id, project_id,
                                          keep_seat=member_id):
            person = log.update(Person, member.person_id, name=name)
        elif person is None:
            person = log.create(
                changelog.build(Person, project_id=project_id, name=name, unit=unit))
        seat = log.update(
            GroupMember, member_id, person_id=person.id, role=role, unit=unit,
            deciding_leader=deciding_leader and member.group == Group.STEERING,
        )
        if person.id != member.person_id and _may_let_go(log.store, member.person_id,
                                                         project_id):
            log.delete(Person, member.person_id)
        return seat


def delete_member(log: UndoLog, member_id: str) -> None:
    """Take a seat in the steering or project group away, as one undoable step.

    The person leaves the project's people with their last seat (so they are no longer offered
    as a meeting's participant or as Ansvarlig, nor shown or exported as one of the project's
    people), unless they lead the project. Names typed on other records (Ansvarlig on an action,
    a card's owner) are the user's text and stay as typed.
    """
    member = changelog.load(log.store, GroupMember, member_id)
    with log.group():
        log.delete(GroupMember, member_id)
        if _may_let_go(log.store, member.person_id, member.project_id):
            log.delete(Person, member.person_id)


def _may_let_go(store: Store, person_id: str, project_id: str, keep_seat: str = "") -> bool:
    """Whether a live person holds no seat (but `keep_seat`) and does not lead the project."""
    seated = store.query(
        "SELECT 1 FROM group_members WHERE person_id = ? AND id != ? AND _exists LIMIT 1",
        [person_id, keep_seat])
    alive = store.query("SELECT name FROM people WHERE id = ? AND _exists", [person_id])
    if seated or not alive:
        return False
    leader = changelog.load(store, Project, project_id).leader
    return not _same(alive[0]["name"], leader)


def people_names(store: Store, project_id: str) -> list[str]:
    """The names of the project's people (for suggestions while typing)."""
    return [p.name for p in _live(store, Person, project_id, "name, id")]
