"""The demo's capacity plans: each team's hours per profession for the coming 8 weeks.

The need follows the team's members (37 hours a week each, the coaches left out). Nurses are
short across the teams from the third week (two on leave, one post not filled), so the overview
shows where to recruit; Team Nord lends Team Syd 8 nurse hours in the first two weeks (lent and
borrowed match); and Team Syd plans temp hours for its health helpers above the guideline of
10 % of the need in the first week, which the overview flags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.demo.teams import TEAMS, WEEK_HOURS
from core.models import CapacityPlan
from core.teams.capacity import WEEKS_SHOWN, coming_weeks

if TYPE_CHECKING:
    from core.demo.builder import DemoBuild

SHORT_PROFESSION = "nurse"
SHORT_FROM = 2
"""The week (0-based) from which nurses are short."""
SHORT_BY = {"Team Nord": 20.0, "Team Syd": 30.0, "Team Midt": 37.0, "Team Vest": 15.0}
"""Nurse hours missing a week from `SHORT_FROM` on (leave, a post not filled)."""
LENT = ("Team Nord", "Team Syd", SHORT_PROFESSION, 8.0, 2)
"""(lender, borrower, profession, hours a week, for how many first weeks)."""
TEMPS = ("Team Syd", "health_helper", (24.0, 10.0))
"""(team, profession, temp hours of the first weeks): 24 is above 10 % of the need."""
NEED_WAVE = (0.0, 0.5, 1.0, 0.5, 0.0, -0.5, 0.0, 0.5)
"""Weekly wobble of the need in hours per member (visits come and go)."""


def build_capacity(b: DemoBuild) -> None:
    """Write the plans of every team and profession for the coming weeks."""
    weeks = coming_weeks(b.anchor, WEEKS_SHOWN)
    (org_id,) = {row["org_id"] for row in b.store.query(
        "SELECT org_id FROM teams WHERE id = ?", [b.id(f"team:{TEAMS[0].name}")])}
    plans = []
    for spec in TEAMS:
        team_id = b.id(f"team:{spec.name}")
        counts: dict[str, int] = {}
        for _name, _initials, profession, role in spec.members:
            if role != "coach":
                counts[profession] = counts.get(profession, 0) + 1
        for profession, count in counts.items():
            for index, week in enumerate(weeks):
                base = count * WEEK_HOURS
                needed = base + count * NEED_WAVE[index % len(NEED_WAVE)]
                available = base
                if profession == SHORT_PROFESSION and index >= SHORT_FROM:
                    available = max(0.0, base - SHORT_BY.get(spec.name, 0.0))
                lent = borrowed = temps = 0.0
                lender, borrower, lent_job, hours, lent_weeks = LENT
                if profession == lent_job and index < lent_weeks:
                    lent = hours if spec.name == lender else 0.0
                    borrowed = hours if spec.name == borrower else 0.0
                temp_team, temp_job, temp_hours = TEMPS
                if spec.name == temp_team and profession == temp_job and index < len(temp_hours):
                    temps = temp_hours[index]
                plans.append(CapacityPlan(
                    id=CapacityPlan.id_for(team_id, b.id(f"profession:{profession}"), week),
                    org_id=org_id, team_id=team_id, profession_id=b.id(f"profession:{profession}"),
                    week=week, hours_needed=needed, hours_available=available, hours_lent=lent,
                    hours_borrowed=borrowed, temp_hours=temps))
    b.add_many(plans)
