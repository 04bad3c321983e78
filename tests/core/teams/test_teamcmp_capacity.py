"""Capacity per team and profession: balances, sums across teams, the flagged rules, and typed
hours written (and undone) through the change log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError
from core.i18n import Translator
from core.models import CapacityPlan, Organisation
from core.teams.capacity import (
    Hours,
    break_text,
    coming_weeks,
    load_plans,
    overview_rows,
    rule_breaks,
    set_hours,
    set_limits,
)
from tests.core.teams import teamcmp_org as org


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "capacity.db")


def test_coming_weeks_start_with_this_week_and_cross_the_new_year() -> None:
    weeks = coming_weeks(dt.date(2026, 12, 16))
    assert weeks[:3] == ["2026-W51", "2026-W52", "2026-W53"]
    assert weeks[-1] == "2027-W05" and len(weeks) == 8
    assert coming_weeks(dt.date(2026, 12, 16), 2, offset=-1) == ["2026-W50", "2026-W51"]


def test_balance_and_sums() -> None:
    short = Hours(needed=120, available=100, lent=4, borrowed=6, temps=6)
    assert short.balance == -12
    over = Hours(needed=80, available=84)
    assert over.balance == 4
    assert Hours().balance is None
    total = short + over + Hours()
    assert (total.needed, total.available, total.lent, total.borrowed, total.temps) == (
        200, 184, 4, 6, 6)
    assert total.balance == -8


def test_typed_hours_make_a_plan_and_undo_takes_them_back(store: Store) -> None:
    org_id = org.organisation(store)
    team_id = org.team(store, org_id, "Nord")
    nurse = org.profession(store, org_id, "Sygeplejerske")
    log = UndoLog(store)
    assert set_hours(log, org_id, team_id, nurse, "2026-W48", "hours_lent", "") is None
    plan = set_hours(log, org_id, team_id, nurse, "2026-W48", "hours_needed", "120,5")
    assert plan is not None and plan.id == CapacityPlan.id_for(team_id, nurse, "2026-W48")
    set_hours(log, org_id, team_id, nurse, "2026-W48", "hours_available", "100")
    set_hours(log, org_id, team_id, nurse, "2026-W48", "temp_hours", "8.5")
    saved = changelog.load(store, CapacityPlan, plan.id)
    assert (saved.hours_needed, saved.hours_available, saved.temp_hours) == (120.5, 100, 8.5)
    set_hours(log, org_id, team_id, nurse, "2026-W48", "temp_hours", "")
    assert changelog.load(store, CapacityPlan, plan.id).temp_hours == 0
    with pytest.raises(InvalidError):
        set_hours(log, org_id, team_id, nurse, "2026-W48", "hours_lent", "mange")
    with pytest.raises(InvalidError):
        set_hours(log, org_id, team_id, nurse, "2026-W48", "hours_lent", "-3")
    log.undo()
    assert changelog.load(store, CapacityPlan, plan.id).temp_hours == 8.5
    for _ in range(3):
        log.undo()
    assert load_plans(store, org_id, ["2026-W48"]) == {}
    log.redo()
    assert load_plans(store, org_id, ["2026-W48"])[(team_id, nurse, "2026-W48")].hours_needed \
        == 120.5


def test_overview_sums_the_teams_per_profession(store: Store) -> None:
    org_id = org.organisation(store)
    north, south, east = (org.team(store, org_id, n) for n in ("Nord", "Syd", "Øst"))
    nurse = org.profession(store, org_id, "Sygeplejerske", "0010")
    helper = org.profession(store, org_id, "Social- og sundhedshjælper", "0020")
    therapist = org.profession(store, org_id, "Terapeut", "0030")
    log = UndoLog(store)
    weeks = ["2026-W48", "2026-W49"]
    for team, needed, available in ((north, "120", "100"), (south, "80", "90")):
        set_hours(log, org_id, team, nurse, weeks[0], "hours_needed", needed)
        set_hours(log, org_id, team, nurse, weeks[0], "hours_available", available)
    set_hours(log, org_id, east, helper, weeks[1], "hours_needed", "40")
    plans = load_plans(store, org_id, weeks)
    rows = overview_rows([north, south, east], [nurse, helper, therapist], weeks, plans)
    assert [(r.profession_id, r.team_id) for r in rows] == [
        (nurse, None), (nurse, north), (nurse, south), (helper, None), (helper, east)]
    total = rows[0].hours[0]
    assert total is not None and total.balance == -10
    assert rows[0].hours[1] is None
    assert rows[1].hours[0] is not None and rows[1].hours[0].balance == -20
    assert rows[4].hours[1] is not None and rows[4].hours[1].balance == -40
    only_north = load_plans(store, org_id, weeks, team_id=north)
    assert list(only_north) == [(north, nurse, weeks[0])]


def test_rules_flag_temps_lending_and_unmatched_hours(store: Store) -> None:
    org_id = org.organisation(store, temp_limit_pct=10, lend_limit_hours=15)
    north, south = org.team(store, org_id, "Nord"), org.team(store, org_id, "Syd")
    nurse = org.profession(store, org_id, "Sygeplejerske")
    log = UndoLog(store)
    week = "2026-W48"
    for field, text in (("hours_needed", "120"), ("hours_available", "100"),
                        ("temp_hours", "12"), ("hours_borrowed", "20")):
        set_hours(log, org_id, north, nurse, week, field, text)
    for field, text in (("hours_needed", "80"), ("hours_available", "100"),
                        ("hours_lent", "16"), ("temp_hours", "9")):
        set_hours(log, org_id, south, nurse, week, field, text)
    organisation = changelog.load(store, Organisation, org_id)
    plans = load_plans(store, org_id, [week])
    breaks = rule_breaks(organisation, plans.values())
    found = {(b.kind, b.team_id) for b in breaks}
    # north: 12 temp hours are 10 % of 120 (allowed); south: 9 > 10 % of 80
    assert found == {("borrowed", north), ("lent", south), ("temps", south),
                     ("unmatched", None)}
    da = Translator("da")
    temps = next(b for b in breaks if b.kind == "temps")
    assert break_text(temps, "Syd", "Sygeplejerske", da) == (
        "Syd, Sygeplejerske, uge 48 2026: 9 vikartimer er over retningslinjen 10 % af "
        "timebehovet (8 timer)")
    unmatched = next(b for b in breaks if b.kind == "unmatched")
    assert "16 timer udlånt, men 20 timer lånt" in break_text(unmatched, "", "Sygeplejerske", da)
    set_limits(log, org_id, "", "")
    assert rule_breaks(changelog.load(store, Organisation, org_id), plans.values()) == [
        b for b in breaks if b.kind == "unmatched"]
    set_limits(log, org_id, "12,5", "20")
    organisation = changelog.load(store, Organisation, org_id)
    assert (organisation.temp_limit_pct, organisation.lend_limit_hours) == (12.5, 20)
    with pytest.raises(InvalidError):
        set_limits(log, org_id, "-1", "")
