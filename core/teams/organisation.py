"""Use cases of teams: the organisation, its teams, professions and members with their roles.

An organisation (a unit's home care, say) is the scope of every team record. Each team has one
reporter (rapportør) and one coach: giving the role to a member makes the one who had it a
plain member again, in the same transaction and undo step. Screens edit through an `UndoLog`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.db import changelog
from core.db.store import Store
from core.errors import TavleError
from core.models import Organisation, Profession, Team, TeamMember, TeamRole
from core.order_keys import key_between
from core.teams.key_figures import add_starter_set

if TYPE_CHECKING:
    from core.db.undo import UndoLog
    from core.i18n import Translator

STARTER_PROFESSIONS: tuple[str, ...] = (
    "nurse", "health_assistant", "health_helper", "therapist", "other",
)
"""The starter professions (faggrupper); their names are `teams.profession.<key>`."""


# -- the organisation ---------------------------------------------------------------------------


def create_organisation(store: Store, name: str, tr: Translator, *, unit: str = "") -> Organisation:
    """Create an organisation with the starter professions and the starter key figures."""
    with store.transaction():
        org = changelog.create(store, changelog.build(Organisation, name=name, unit=unit))
        for index, key in enumerate(STARTER_PROFESSIONS):
            changelog.create(store, Profession(org_id=org.id, name=tr(f"teams.profession.{key}"),
                                               order=f"{(index + 1) * 10:04d}"))
        add_starter_set(store, org.id, tr)
    return org


def rename_organisation(store: Store, org_id: str, name: str) -> Organisation:
    """Give the organisation a new name."""
    with store.transaction():
        return changelog.update(store, Organisation, org_id, name=name)


def organisations(store: Store) -> list[Organisation]:
    """Every live organisation, by name."""
    rows = store.query("SELECT id FROM organisations WHERE _exists ORDER BY name, id")
    return [changelog.load(store, Organisation, row["id"]) for row in rows]


def first_organisation(store: Store) -> Organisation | None:
    """The organisation the teams screen opens (the first by name), if there is one."""
    found = organisations(store)
    return found[0] if found else None


# -- teams --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamSummary:
    """A team as the teams list shows it."""

    id: str
    name: str
    area: str
    started_on: dt.date | None
    reporter: str
    coach: str
    members: int
    last_period: str | None


def add_team(log: UndoLog, org_id: str, name: str, *, area: str = "",
             started_on: dt.date | None = None) -> Team:
    """Add a team to the organisation."""
    org = changelog.load(log.store, Organisation, org_id)
    return log.create(changelog.build(Team, org_id=org_id, name=name, area=area,
                                      unit=org.unit, started_on=started_on))


def edit_team(log: UndoLog, team_id: str, **values: Any) -> Team:
    """Change a team's name, area or start date."""
    return log.update(Team, team_id, **values)


def team_summaries(store: Store, org_id: str) -> list[TeamSummary]:
    """The organisation's teams by name, with reporter, coach, member count and last period."""
    rows = store.query(
        """
        SELECT t.id, t.name, COALESCE(t.area, '') AS area, t.started_on,
          (SELECT name FROM team_members m WHERE m.team_id = t.id AND m._exists
             AND m.role = 'reporter' ORDER BY name LIMIT 1) AS reporter,
          (SELECT name FROM team_members m WHERE m.team_id = t.id AND m._exists
             AND m.role = 'coach' ORDER BY name LIMIT 1) AS coach,
          (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id AND m._exists) AS members,
          (SELECT MAX(period) FROM team_figures f WHERE f.team_id = t.id AND f._exists)
             AS last_period
        FROM teams t WHERE t.org_id = ? AND t._exists ORDER BY t.name COLLATE NOCASE, t.id
        """,
        [org_id],
    )
    return [
        TeamSummary(r["id"], r["name"], r["area"],
                    dt.date.fromisoformat(r["started_on"]) if r["started_on"] else None,
                    r["reporter"] or "", r["coach"] or "", r["members"], r["last_period"])
        for r in rows
    ]


def get_team(store: Store, team_id: str) -> Team:
    """A live team."""
    return changelog.load(store, Team, team_id)


# -- professions ----------------------------------------------------------------------------------


def professions(store: Store, org_id: str) -> list[Profession]:
    """The organisation's professions in their order."""
    rows = store.query(
        'SELECT id FROM professions WHERE org_id = ? AND _exists '
        'ORDER BY COALESCE("order", \'\'), name, id', [org_id])
    return [changelog.load(store, Profession, row["id"]) for row in rows]


def add_profession(log: UndoLog, org_id: str, name: str) -> Profession:
    """Add a profession at the end of the list (a name already there is refused)."""
    clean = name.strip()
    for known in professions(log.store, org_id):
        if known.name.casefold() == clean.casefold():
            raise TavleError("teams.error.profession_exists", name=known.name)
    (last,) = log.store.execute(
        'SELECT MAX("order") FROM professions WHERE org_id = ? AND _exists', [org_id]
    ).fetchone()
    order = key_between(last or None, None) or ""
    return log.create(changelog.build(Profession, org_id=org_id, name=clean, order=order))


def rename_profession(log: UndoLog, profession_id: str, name: str) -> Profession:
    """Give a profession a new name."""
    return log.update(Profession, profession_id, name=name)


# -- members --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    """A member as the members list shows it."""

    member: TeamMember
    profession: str


def members(store: Store, team_id: str) -> list[MemberRow]:
    """A team's members: reporter and coach first, then by name."""
    rows = store.query(
        "SELECT m.id, COALESCE(p.name, '') AS profession FROM team_members m "
        "LEFT JOIN professions p ON p.id = m.profession_id AND p._exists "
        "WHERE m.team_id = ? AND m._exists "
        "ORDER BY CASE m.role WHEN 'reporter' THEN 0 WHEN 'coach' THEN 1 ELSE 2 END, "
        "m.name COLLATE NOCASE, m.id",
        [team_id])
    return [MemberRow(changelog.load(store, TeamMember, r["id"]), r["profession"]) for r in rows]


def _hand_over(log: UndoLog, team_id: str, role: TeamRole, keep: str) -> None:
    """Make whoever else holds `role` in the team a plain member."""
    if role is TeamRole.MEMBER:
        return
    rows = log.store.query(
        "SELECT id FROM team_members WHERE team_id = ? AND role = ? AND id != ? AND _exists",
        [team_id, role.value, keep])
    for row in rows:
        log.update(TeamMember, row["id"], role=TeamRole.MEMBER)


def add_member(log: UndoLog, team_id: str, name: str, *, role: TeamRole = TeamRole.MEMBER,
               **values: Any) -> TeamMember:
    """Add a member (initials, profession, hours); a reporter or coach takes the role over."""
    team = get_team(log.store, team_id)
    member = changelog.build(TeamMember, org_id=team.org_id, team_id=team_id, name=name,
                             role=role, **values)
    with log.group():
        _hand_over(log, team_id, member.role, member.id)
        return log.create(member)


def edit_member(log: UndoLog, member_id: str, **values: Any) -> TeamMember:
    """Change a member; a new reporter or coach role is taken over from whoever had it."""
    current = changelog.load(log.store, TeamMember, member_id)
    with log.group():
        if "role" in values:
            _hand_over(log, current.team_id, TeamRole(values["role"]), member_id)
        return log.update(TeamMember, member_id, **values)


def set_role(log: UndoLog, member_id: str, role: TeamRole) -> TeamMember:
    """Give a member a role (one undo step with the demotion of the one who had it)."""
    return edit_member(log, member_id, role=role)


def delete_member(log: UndoLog, member_id: str) -> None:
    """Remove a member from the team (undo brings them back)."""
    log.delete(TeamMember, member_id)
