"""Use cases for projects: create, rename, archive, list with their key counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.clock import stamp_time
from core.db.store import Store

if TYPE_CHECKING:
    from core.models import CycleName, Project

# The models (pydantic) load on the first write, not at start-up: listing projects needs none.

CYCLE_NAME_BY_LANGUAGE: dict[str, str] = {"nb": "pgek"}
"""What a project created in a UI language calls its tests of change, where that is not PDSA:
Norwegian teams say PGEK (Planlegge – Gjennomføre – Evaluere – Korrigere). Only the default of a
new project; the board's `p` changes it, and existing projects keep theirs."""


def default_cycle_name(lang: str) -> CycleName:
    """The cycle name a new project gets when it is created with the UI in `lang`."""
    from core.models import CycleName

    return CycleName(CYCLE_NAME_BY_LANGUAGE.get(lang, CycleName.PDSA.value))


@dataclass(frozen=True)
class ProjectSummary:
    """A project as the project list shows it."""

    id: str
    name: str
    unit: str
    leader: str
    current_phase: int
    archived: bool
    open_actions: int
    overdue_actions: int
    last_change: dt.datetime | None
    last_author: str


def create_project(
    store: Store, name: str, *, unit: str = "", leader: str = "",
    cycle_name: CycleName | None = None,
) -> Project:
    """Create a project in phase 1.

    The first unit typed becomes this database's unit name, which files sent to other units
    carry, unless one was set already. `cycle_name` is what the team calls a test of change
    (the model's default, PDSA, when None; see `default_cycle_name`).
    """
    from core.db import changelog
    from core.models import Project

    extra = {} if cycle_name is None else {"cycle_name": cycle_name}
    with store.transaction():
        project = changelog.build(Project, name=name, unit=unit, leader=leader, **extra)
        if project.unit and not store.unit_name:
            store.set_unit_name(project.unit)
        created = changelog.create(store, project)
        add_leader_as_person(store, created.id)
        return created


def leader_person_id(project_id: str, leader: str) -> str:
    """The id of the person a project leader becomes: the same in every unit that opens the
    project, so two units that both add the leader merge into one person."""
    from core.ids import stable_id

    return stable_id(project_id, "leader", leader.strip().casefold())


def add_leader_as_person(store: Store, project_id: str) -> bool:
    """Make the project leader one of the project's people (whom Ansvarlig completes and the
    charter's groups pick from), unless someone of that name, in any case, already is.

    Called when a project is created and each time it is opened, so databases made before the
    leader became a person get it on first opening. Returns whether a person was added.
    """
    from core.db import changelog
    from core.models import Person, Project

    leader = changelog.load(store, Project, project_id).leader.strip()
    if not leader:
        return False
    names = store.execute(
        "SELECT name FROM people WHERE project_id = ? AND _exists", [project_id]
    ).fetchall()
    if any(name.strip().casefold() == leader.casefold() for (name,) in names):
        return False
    person_id = leader_person_id(project_id, leader)
    with store.transaction():
        gone = store.query("SELECT 1 FROM people WHERE id = ?", [person_id])
        if gone:  # added once and deleted since: the team's choice stands
            return False
        changelog.create(
            store, changelog.build(Person, id=person_id, project_id=project_id, name=leader)
        )
    return True


def rename_project(store: Store, project_id: str, name: str) -> Project:
    """Give a project a new name."""
    from core.db import changelog
    from core.models import Project

    with store.transaction():
        return changelog.update(store, Project, project_id, name=name)


def set_archived(store: Store, project_id: str, archived: bool) -> Project:
    """Archive a project (hidden from the list by default) or bring it back."""
    from core.db import changelog
    from core.models import Project

    with store.transaction():
        return changelog.update(store, Project, project_id, archived=archived)


def get_project(store: Store, project_id: str) -> Project:
    """Return a live project."""
    from core.db import changelog
    from core.models import Project

    return changelog.load(store, Project, project_id)


def list_projects(
    store: Store, *, today: dt.date, include_archived: bool = False
) -> list[ProjectSummary]:
    """Return the projects with open and overdue (on `today`) action counts and their last
    change."""
    today_text = today.isoformat()
    rows = store.query(
        """
        SELECT p.id, p.name, p.unit, p.leader, p.current_phase, p.archived,
          (SELECT COUNT(*) FROM actions a WHERE a.project_id = p.id AND a._exists
             AND a.status IN ('not_started', 'in_progress')) AS open_actions,
          (SELECT COUNT(*) FROM actions a WHERE a.project_id = p.id AND a._exists
             AND a.status IN ('not_started', 'in_progress')
             AND a.deadline IS NOT NULL AND a.deadline < :today) AS overdue_actions,
          (SELECT c.hlc || ' ' || c.author FROM sync_change c WHERE c.scope_id = p.id
             ORDER BY c.hlc DESC LIMIT 1) AS last
        FROM projects p
        WHERE p._exists AND (:all OR NOT p.archived)
        ORDER BY p.archived, p.name COLLATE NOCASE, p.id
        """,
        {"today": today_text, "all": include_archived},
    )
    summaries = []
    for row in rows:
        last_change, last_author = None, ""
        if row["last"]:
            stamp, _, last_author = row["last"].partition(" ")
            last_change = stamp_time(int(stamp))
        summaries.append(
            ProjectSummary(
                id=row["id"], name=row["name"], unit=row["unit"] or "",
                leader=row["leader"] or "", current_phase=row["current_phase"],
                archived=bool(row["archived"]), open_actions=row["open_actions"],
                overdue_actions=row["overdue_actions"], last_change=last_change,
                last_author=last_author,
            )
        )
    return summaries
