"""Teams, roles, the key-figure catalogue and entering a team's figures (issue 9 part A)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError, TavleError
from core.i18n import Translator
from core.models import Direction, KeyFigure, MeasureKind, TeamFigure, TeamMember, TeamRole
from core.teams import figures as team_figures
from core.teams import key_figures
from core.teams import organisation as teams

DA, EN = Translator("da"), Translator("en")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "teams.db")


@pytest.fixture
def org(store: Store) -> str:
    return teams.create_organisation(store, "Hjemmeplejen", DA, unit="Haderslev").id


def _values(store: Store, team_id: str) -> dict[tuple[str, str], float]:
    rows = store.query("SELECT figure, period, value FROM team_figures "
                       "WHERE team_id = ? AND _exists", [team_id])
    return {(r["figure"], r["period"]): r["value"] for r in rows}


def test_a_new_organisation_has_the_starter_set_and_professions(store: Store, org: str) -> None:
    figures = key_figures.figures(store, org)
    assert [f.key for f in figures] == [
        "sick_leave_pct", "client_time_pct", "temp_hours", "overtime_hours", "citizens",
        "hours_per_citizen", "citizen_satisfaction", "staff_satisfaction"]
    sick = figures[0]
    assert sick.id == KeyFigure.id_for(org, "sick_leave_pct")
    assert (sick.name, sick.unit, sick.better) == ("Sygefravær", "%", Direction.LOWER)
    assert sick.definition and sick.target == 5.0 and sick.alert_threshold == 8.0
    assert figures[4].kind is MeasureKind.COUNT and figures[1].better is Direction.HIGHER
    names = [p.name for p in teams.professions(store, org)]
    assert names[:4] == ["Sygeplejerske", "Social- og sundhedsassistent",
                         "Social- og sundhedshjælper", "Terapeut"]


def test_starter_names_follow_the_language_and_can_be_edited(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "en.db")
    org = teams.create_organisation(store, "Home care", EN).id
    log = UndoLog(store)
    sick = KeyFigure.id_for(org, "sick_leave_pct")
    assert changelog.load(store, KeyFigure, sick).name == "Sick leave"
    key_figures.edit_figure(log, sick, name="Absence", alert_threshold=7.5)
    assert changelog.load(store, KeyFigure, sick).alert_threshold == 7.5
    added = key_figures.add_figure(log, org, name="Fall incidents", unit="",
                                   kind=MeasureKind.COUNT)
    assert key_figures.figures(store, org)[-1].id == added.id and added.key == ""
    with store.transaction():
        assert key_figures.add_starter_set(store, org, EN) == []  # nothing missing, nothing new


def test_one_reporter_and_one_coach_per_team(store: Store, org: str) -> None:
    log = UndoLog(store)
    team = teams.add_team(log, org, "Team Nord", area="Nordbyen")
    nurse = teams.professions(store, org)[0].id
    anna = teams.add_member(log, team.id, "Anna", role=TeamRole.REPORTER, profession_id=nurse)
    bo = teams.add_member(log, team.id, "Bo", role=TeamRole.COACH)
    cia = teams.add_member(log, team.id, "Cia")
    teams.set_role(log, cia.id, TeamRole.REPORTER)
    roles = {m.member.name: m.member.role for m in teams.members(store, team.id)}
    assert roles == {"Anna": TeamRole.MEMBER, "Bo": TeamRole.COACH, "Cia": TeamRole.REPORTER}
    # the hand-over is one undo step
    log.undo()
    assert changelog.load(store, TeamMember, anna.id).role is TeamRole.REPORTER
    assert changelog.load(store, TeamMember, cia.id).role is TeamRole.MEMBER
    teams.add_member(log, team.id, "Dan", role=TeamRole.COACH)
    assert changelog.load(store, TeamMember, bo.id).role is TeamRole.MEMBER
    [summary] = teams.team_summaries(store, org)
    assert (summary.reporter, summary.coach, summary.members) == ("Anna", "Dan", 4)
    assert teams.members(store, team.id)[0].profession == "Sygeplejerske"


def test_a_profession_name_is_not_repeated(store: Store, org: str) -> None:
    log = UndoLog(store)
    teams.add_profession(log, org, "Fysioterapeut")
    with pytest.raises(TavleError) as error:
        teams.add_profession(log, org, "fysioterapeut ")
    assert "Fysioterapeut" in error.value.message(DA)


def test_enter_change_and_delete_a_value(store: Store, org: str) -> None:
    log = UndoLog(store)
    team = teams.add_team(log, org, "Team Syd")
    sick = key_figures.figures(store, org)[0]
    assert team_figures.set_value(log, team.id, sick, "2026-W47", "4,8")
    record = TeamFigure.id_for(team.id, "2026-W47", sick.id)
    assert changelog.load(store, TeamFigure, record).value == 4.8
    assert not team_figures.set_value(log, team.id, sick, "2026-W47", "4.8")
    assert team_figures.set_value(log, team.id, sick, "2026-W47", "5,1")
    assert team_figures.week_values(store, team.id, [sick], "2026-W47") == {sick.id: 5.1}
    assert team_figures.set_value(log, team.id, sick, "2026-W47", "  ")
    assert _values(store, team.id) == {}
    log.undo()
    assert _values(store, team.id) == {(sick.id, "2026-W47"): 5.1}
    with pytest.raises(InvalidError):
        team_figures.set_value(log, team.id, sick, "2026-W47", "fem")
    # typing the week again after a delete writes the same record again
    team_figures.set_value(log, team.id, sick, "2026-W47", "")
    team_figures.set_value(log, team.id, sick, "2026-W47", "3")
    assert changelog.load(store, TeamFigure, record).value == 3.0


def test_a_monthly_figure_is_stored_under_its_month(store: Store, org: str) -> None:
    log = UndoLog(store)
    team = teams.add_team(log, org, "Team Øst")
    staff = key_figures.figures(store, org)[-1]
    key_figures.edit_figure(log, staff.id, frequency="monthly")
    staff = changelog.load(store, KeyFigure, staff.id)
    team_figures.set_value(log, team.id, staff, "2026-W47", "7,9")
    assert _values(store, team.id) == {(staff.id, "2026-11"): 7.9}


def test_paste_a_block_by_position_and_by_name(store: Store, org: str) -> None:
    log = UndoLog(store)
    team = teams.add_team(log, org, "Team Vest")
    figures = key_figures.figures(store, org)
    team_figures.set_value(log, team.id, figures[2], "2026-W47", "12")
    block = "Værdi\n4,8\n61,5\n\n18\nsygefravær\t5,2\nUkendt\t3\n1.234,5\nx"
    lines = team_figures.parse_block(block, figures, start=0)
    assert [(line.line, line.figure.key if line.figure else None, line.value)
            for line in lines if line.problem is None and not line.skipped] == [
        (2, "sick_leave_pct", 4.8), (3, "client_time_pct", 61.5), (5, "overtime_hours", 18.0),
        (6, "sick_leave_pct", 5.2), (8, "citizens", 1234.5)]
    # the headings and the empty line are said, not dropped: the empty line keeps the place
    # of Vikartimer, so 18 lands on Overarbejde below it
    assert [(line.line, line.skipped, line.figure.key if line.figure else None)
            for line in lines if line.skipped] == [(1, "heading", None),
                                                   (4, "empty", "temp_hours")]
    problems = {line.line: line.problem for line in lines if line.problem is not None}
    assert set(problems) == {7, 9}
    assert "Ukendt" in problems[7].message(DA)
    changed = team_figures.apply_block(log, team.id, "2026-W47", lines)
    assert changed == 5
    values = _values(store, team.id)
    assert values[(figures[0].id, "2026-W47")] == 5.2 and values[(figures[3].id, "2026-W47")] == 18
    assert values[(figures[2].id, "2026-W47")] == 12  # the empty line changed nothing
    log.undo()  # the whole paste is one step
    assert _values(store, team.id) == {(figures[2].id, "2026-W47"): 12.0}
    # a row copied across lands by column, an empty cell keeping its figure's place
    lines = team_figures.parse_block("4,1\t\t4,5", figures, start=0)
    assert [(ln.figure.key if ln.figure else None, ln.value, ln.skipped) for ln in lines] == [
        ("sick_leave_pct", 4.1, ""), ("client_time_pct", None, "empty"),
        ("temp_hours", 4.5, "")]
    # an empty value after a name deletes, and a paste below the cursor starts there
    lines = team_figures.parse_block("Vikartimer\t\n9\n", figures, start=6)
    team_figures.apply_block(log, team.id, "2026-W47", lines)
    assert _values(store, team.id) == {(figures[6].id, "2026-W47"): 9.0}
