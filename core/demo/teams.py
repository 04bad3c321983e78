"""The demo's home-care organisation: 6 self-managing teams with members, professions and two
years of weekly key figures; Team Syd's sick leave jumps past the alert threshold last week.

Like the rest of the demo: deterministic for a seed and a day (values from the build's random
source, dates as offsets from the anchor Monday). Record ids the capacity plans need are kept
in the build's ids: `team:<name>` and `profession:<key>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.demo.data import W
from core.i18n import Translator
from core.models import (
    MeasureKind,
    Organisation,
    Profession,
    Team,
    TeamFigure,
    TeamMember,
    TeamRole,
    week_period,
)
from core.teams.key_figures import STARTER_SET, starter_figure
from core.teams.organisation import STARTER_PROFESSIONS
from core.teams.signals import FigureRule, figure_state

if TYPE_CHECKING:
    import random

    from core.demo.builder import DemoBuild

ORG_NAME = "Hjemmeplejen"
ORG_UNIT = "Hjemmeplejen Haderslev"
TEAM_WEEKS = 104
"""Weekly figures per team, ending with last week."""


@dataclass(frozen=True)
class TeamSpec:
    name: str
    area: str
    started_on: int
    scale: float
    """The team's size against an average team (citizens, temp and overtime hours)."""
    members: tuple[tuple[str, str, str, str], ...]
    """(name, initials, profession key, role) of each member."""
    last_weeks: dict[str, tuple[float, ...]] | None = None
    """Figures of the last weeks, overriding the random values (the coach's deviation alert)."""


LEVELS: dict[str, tuple[float, float, float, float]] = {
    "sick_leave_pct": (5.0, 0.6, 2.0, 7.4),
    "client_time_pct": (58.0, 1.8, 52.0, 65.0),
    "temp_hours": (18.0, 4.0, 2.0, 36.0),
    "overtime_hours": (9.0, 2.5, 0.0, 22.0),
    "citizens": (46.0, 3.0, 30.0, 70.0),
    "hours_per_citizen": (2.9, 0.18, 2.3, 3.7),
    "citizen_satisfaction": (8.5, 0.25, 7.4, 9.8),
    "staff_satisfaction": (7.9, 0.3, 6.9, 9.5),
}
"""Starter figure -> (typical level, week-to-week spread, lowest, highest). The bounds keep
every team but the rising one inside the alert thresholds."""
SCALED = ("temp_hours", "overtime_hours", "citizens")
"""Figures that grow with the team's size."""
BASED = ("sick_leave_pct",)
"""Figures given a base (`TeamFigure.denominator`) for the funnel plot: sick leave is a share of
the team's planned hours, so its base is the members' hours a week (37 each, the coach left out,
as in the capacity plans). On it Team Syd's 9,8 % last week lies above the 95 % limit."""
WEEK_HOURS = 37.0

M, R, C = "member", "reporter", "coach"
TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec("Team Nord", "Nordbyen og Skovparken", -150 * W, 1.0, (
        ("Anne Krogh", "AK", "nurse", R), ("Lene Dahl", "LD", "nurse", C),
        ("Bent Juhl", "BJ", "health_assistant", M), ("Sara Holm", "SH", "health_assistant", M),
        ("Mie Lund", "ML", "health_helper", M), ("Ole Friis", "OF", "health_helper", M),
        ("Tina Bak", "TB", "therapist", M))),
    TeamSpec("Team Syd", "Sydhavnen og Engvej", -140 * W, 1.1, (
        ("Karen Møller", "KM", "health_assistant", R), ("Lene Dahl", "LD", "nurse", C),
        ("Jens Vad", "JV", "nurse", M), ("Pia Skov", "PS", "health_assistant", M),
        ("Rikke Bech", "RB", "health_helper", M), ("Ali Hassan", "AH", "health_helper", M),
        ("Nina Kjær", "NK", "health_helper", M), ("Eva Toft", "ET", "therapist", M)),
        last_weeks={"sick_leave_pct": (4.1, 9.8), "temp_hours": (21.0, 39.5)}),
    TeamSpec("Team Øst", "Østergade og Damparken", -120 * W, 0.9, (
        ("Hanne Berg", "HB", "nurse", R), ("Lene Dahl", "LD", "nurse", C),
        ("Finn Ravn", "FR", "health_assistant", M), ("Ida Brun", "IB", "health_helper", M),
        ("Lotte Ager", "LA", "health_helper", M), ("Gitte Nør", "GN", "therapist", M))),
    TeamSpec("Team Vest", "Vestervang og Hørreby", -110 * W, 1.0, (
        ("Maja Friis", "MF", "health_assistant", R), ("Morten Bech", "MB", "nurse", C),
        ("Sofie Lind", "SL", "nurse", M), ("Emil Storm", "ES", "health_assistant", M),
        ("Dorte Vang", "DV", "health_helper", M), ("Lise Kam", "LK", "health_helper", M),
        ("Per Moos", "PM", "therapist", M))),
    TeamSpec("Team Midt", "Bymidten", -100 * W, 1.2, (
        ("Jonas Ladefoged", "JL", "nurse", R), ("Morten Bech", "MB", "nurse", C),
        ("Camilla Due", "CD", "nurse", M), ("Helle Aagaard", "HA", "health_assistant", M),
        ("Susanne Fogh", "SF", "health_assistant", M), ("Yasmin Ali", "YA", "health_helper", M),
        ("Bo Kirk", "BK", "health_helper", M), ("Line Hviid", "LH", "health_helper", M),
        ("Rasmus Ebbe", "RE", "therapist", M))),
    TeamSpec("Team Land", "Starup, Hoptrup og Vilstrup", -90 * W, 0.8, (
        ("Birthe Kofoed", "BKO", "health_assistant", R), ("Morten Bech", "MB", "nurse", C),
        ("Anja Thy", "AT", "nurse", M), ("Kim Lyng", "KL", "health_helper", M),
        ("Vibeke Sand", "VS", "health_helper", M), ("Tove Hjort", "TH", "other", M))),
)
"""The six teams; the two coaches each follow three teams."""


def _series(rng: random.Random, key: str, scale: float, rule: FigureRule) -> list[float]:
    """Stable random variation around the team's level, redrawn until no rule signals, so the
    only deviation on the dashboards is the one the demo puts there."""
    level, spread, low, high = LEVELS[key]
    if key in SCALED:
        level, spread, low, high = (v * scale for v in (level, spread, low, high))
    while True:
        values = [min(max(rng.gauss(level, spread), low), high) for _ in range(TEAM_WEEKS)]
        values = [float(round(v)) if key == "citizens" else round(v, 1) for v in values]
        if not figure_state(values, rule).signal:
            return values


def planned_hours(spec: TeamSpec) -> float:
    """The team's planned hours a week: 37 for every member but the coach."""
    return WEEK_HOURS * sum(role != C for *_, role in spec.members)


def build_teams(b: DemoBuild) -> None:
    """Write the organisation, its professions, key figures, teams, members and figures."""
    tr = Translator("da")
    org_id = b.new_id()
    b.add(Organisation(id=org_id, name=ORG_NAME, unit=ORG_UNIT, temp_limit_pct=10.0,
                       lend_limit_hours=15.0))
    for index, key in enumerate(STARTER_PROFESSIONS):
        b.add(Profession(id=b.id(f"profession:{key}"), org_id=org_id,
                         name=tr(f"teams.profession.{key}"), order=f"{(index + 1) * 10:04d}"))
    figures = [starter_figure(org_id, spec, index, tr) for index, spec in enumerate(STARTER_SET)]
    for figure in figures:
        b.add(figure)
    periods = [week_period(b.day(-7 * (TEAM_WEEKS - i))) for i in range(TEAM_WEEKS)]
    for spec in TEAMS:
        team_id = b.id(f"team:{spec.name}")
        b.add(Team(id=team_id, org_id=org_id, name=spec.name, unit=ORG_UNIT, area=spec.area,
                   started_on=b.day(spec.started_on)))
        for name, initials, profession, role in spec.members:
            b.add(TeamMember(id=b.new_id(), org_id=org_id, team_id=team_id, name=name,
                             initials=initials, profession_id=b.id(f"profession:{profession}"),
                             role=TeamRole(role), hours_per_week=37.0 if role != C else 6.0))
        for figure in figures:
            values = _series(b.rng, figure.key, spec.scale, FigureRule.of(figure))
            last = (spec.last_weeks or {}).get(figure.key, ())
            values[len(values) - len(last):] = last
            if figure.kind is MeasureKind.COUNT:
                values = [float(round(v)) for v in values]
            base = planned_hours(spec) if figure.key in BASED else None
            b.add_many(
                TeamFigure(id=TeamFigure.id_for(team_id, period, figure.id), org_id=org_id,
                           team_id=team_id, period=period, figure=figure.id, value=value,
                           denominator=base)
                for period, value in zip(periods, values, strict=True))
