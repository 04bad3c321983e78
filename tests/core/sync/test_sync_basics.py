"""Sync by file as two or three units use it: export, preview, import, conflicts, clocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.clock import MAX_REMOTE_AHEAD_MS, stamp_to_ms
from core.db import changelog
from core.db.store import Store
from core.demo.build import open_demo
from core.errors import InvalidError
from core.models import Action, Measure, Measurement, Organisation, Team
from core.paths import slug
from core.project import projects
from core.sync.conflicts import (
    choose,
    conflict_counts,
    keep_deleted,
    list_conflicts,
    restore_record,
)
from core.sync.dump import canonical_dump
from core.sync.exporter import export_scope, exportable_scopes, file_name
from core.sync.importer import apply_import, preview_import

START_MS = int(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC).timestamp() * 1000)
DAY_MS = 24 * 3600 * 1000


class Clock:
    """A wall clock that moves one second per reading."""

    def __init__(self, skew: int = 0) -> None:
        self.now = START_MS + skew

    def __call__(self) -> int:
        self.now += 1000
        return self.now


def _unit(tmp_path: Path, name: str, skew: int = 0) -> Store:
    store = Store.open(tmp_path / f"{name}.db", wall_clock=Clock(skew), fingerprint=name)
    with store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = ?", [name])
    store.author = name[:3].upper()
    return store


def _send(source: Store, target: Store, scope: str, folder: Path, *, full: bool = False):
    return apply_import(target, export_scope(source, scope, full=full, folder=folder).path)


@pytest.fixture
def units(tmp_path: Path) -> tuple[Store, Store, str, str]:
    """Jobcenter and Sundhed share a project with one action, exchanged once both ways."""
    nord, sundhed = _unit(tmp_path, "Jobcenter Nord"), _unit(tmp_path, "Sundhed")
    project = projects.create_project(nord, "Sygefravær i hjemmeplejen", unit="Jobcenter Nord")
    with nord.transaction():
        action = changelog.create(nord, Action(project_id=project.id, change="Ring til borgeren"))
    _send(nord, sundhed, project.id, tmp_path)
    _send(sundhed, nord, project.id, tmp_path)
    return nord, sundhed, project.id, action.id


def _change(store: Store, action_id: str) -> str:
    return store.execute("SELECT change FROM actions WHERE id = ?", [action_id]).fetchone()[0]


def test_the_file_name_says_project_unit_and_date_in_plain_ascii() -> None:
    day = dt.date(2026, 11, 24)
    assert file_name("Sygefravær i hjemmeplejen", "Team Syd", day, full=False) == (
        "Tavle_Sygefravaer-i-hjemmeplejen_Team-Syd_2026-11-24.tavle"
    )
    assert file_name("Økonomi/../CON", "Åbo", day, full=True) == (
        "Tavle_Oekonomi-CON_Aabo_2026-11-24_fuld.tavle"
    )
    assert slug("CON") == "" and slug("[@click=app.quit]") == "click-app-quit"


def test_the_demo_project_exported_in_full_is_small_enough_to_mail(tmp_path: Path) -> None:
    demo = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    project_id = next(s for s, kind, _ in exportable_scopes(demo) if kind == "project")
    result = export_scope(demo, project_id, folder=tmp_path)
    assert result.kind == "full" and result.path.parent == tmp_path
    assert result.size_bytes == result.path.stat().st_size < 1_000_000
    other = Store.open(tmp_path / "other.db", fingerprint="other")
    preview = preview_import(other, result.path)
    assert preview.counts["action"].created > 5 and preview.counts["measurement"].created > 50
    assert other.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == 0
    applied = apply_import(other, result.path)
    assert applied.applied and applied.counts == preview.counts
    for table in ("actions", "measurements", "kaizen_cards", "cycles", "charters"):
        sql = f"SELECT * FROM {table} WHERE project_id = ? ORDER BY id"
        assert demo.query(sql, [project_id]) == other.query(sql, [project_id])


def test_export_goes_to_the_documents_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path / "docs"))
    (tmp_path / "docs").mkdir()
    store = _unit(tmp_path, "Team Syd")
    project = projects.create_project(store, "Sygefravær")
    first = export_scope(store, project.id)
    second = export_scope(store, project.id)
    assert first.path.parent == tmp_path / "docs" and second.path != first.path


def test_importing_the_same_file_twice_changes_nothing_the_second_time(units, tmp_path) -> None:
    nord, sundhed, project_id, action_id = units
    with nord.transaction():
        changelog.update(nord, Action, action_id, responsible="LK")
    path = export_scope(nord, project_id, folder=tmp_path).path
    assert apply_import(sundhed, path).counts["action"].changed == 1
    before = canonical_dump(sundhed)
    again = preview_import(sundhed, path)
    assert again.already_imported and again.n_new == 0 and not again.counts
    assert not apply_import(sundhed, path).applied
    assert canonical_dump(sundhed) == before


def test_a_delta_holds_only_what_the_other_unit_has_not_said_it_has(units, tmp_path) -> None:
    nord, _sundhed, project_id, action_id = units
    with nord.transaction():
        changelog.update(nord, Action, action_id, responsible="LK")
    delta = export_scope(nord, project_id, folder=tmp_path)
    full = export_scope(nord, project_id, full=True, folder=tmp_path)
    assert (delta.kind, delta.n_changes) == ("delta", 1)
    assert full.kind == "full" and full.n_changes == 3
    # A lost email costs nothing: the next delta still carries the change.
    with nord.transaction():
        changelog.update(nord, Action, action_id, effect="Færre udeblivelser")
    assert export_scope(nord, project_id, folder=tmp_path).n_changes == 2


def test_concurrent_edits_show_the_same_value_everywhere_and_list_the_other(
    units, tmp_path
) -> None:
    nord, sundhed, project_id, action_id = units
    with nord.transaction():
        changelog.update(nord, Action, action_id, change="Nords tekst")
    with sundhed.transaction():
        changelog.update(sundhed, Action, action_id, change="Sundheds tekst")
    preview = preview_import(sundhed, export_scope(nord, project_id, folder=tmp_path).path)
    assert [c.field for c in preview.new_conflicts] == ["change"]
    _send(nord, sundhed, project_id, tmp_path)
    _send(sundhed, nord, project_id, tmp_path)
    assert _change(nord, action_id) == _change(sundhed, action_id)
    [conflict] = list_conflicts(nord, project_id)
    assert conflict_counts(nord) == {project_id: 1}
    assert {conflict.shown.value, conflict.others[0].value} == {"Nords tekst", "Sundheds tekst"}
    assert conflict.shown.unit in {"Jobcenter Nord", "Sundhed"}
    assert list_conflicts(sundhed, project_id) == [conflict]
    # Nord picks the value that was not shown; the choice travels and clears the conflict.
    choose(nord, conflict, conflict.others[0])
    assert _change(nord, action_id) == conflict.others[0].value
    assert list_conflicts(nord, project_id) == []
    _send(nord, sundhed, project_id, tmp_path)
    assert list_conflicts(sundhed, project_id) == []
    assert _change(sundhed, action_id) == conflict.others[0].value


def test_a_record_deleted_while_edited_elsewhere_stays_deleted_and_can_be_restored(
    units, tmp_path
) -> None:
    nord, sundhed, project_id, action_id = units
    with nord.transaction():
        changelog.delete(nord, Action, action_id)
    with sundhed.transaction():
        changelog.update(sundhed, Action, action_id, responsible="MJ")
    _send(nord, sundhed, project_id, tmp_path)
    _send(sundhed, nord, project_id, tmp_path)
    for store in (nord, sundhed):
        assert store.execute("SELECT _exists FROM actions").fetchone()[0] == 0
        [conflict] = list_conflicts(store, project_id)
        assert conflict.kind == "deleted_edit" and conflict.others[0].value == "MJ"
    restore_record(sundhed, list_conflicts(sundhed, project_id)[0])
    _send(sundhed, nord, project_id, tmp_path)
    assert nord.query("SELECT responsible, _exists FROM actions") == [
        {"responsible": "MJ", "_exists": 1}
    ]
    assert list_conflicts(nord, project_id) == []


def test_keeping_a_record_deleted_clears_the_listed_edit(units, tmp_path) -> None:
    nord, sundhed, project_id, action_id = units
    with nord.transaction():
        changelog.delete(nord, Action, action_id)
    with sundhed.transaction():
        changelog.update(sundhed, Action, action_id, responsible="MJ")
    _send(sundhed, nord, project_id, tmp_path)
    keep_deleted(nord, list_conflicts(nord, project_id)[0])
    assert list_conflicts(nord, project_id) == []
    _send(nord, sundhed, project_id, tmp_path)
    assert list_conflicts(sundhed, project_id) == []
    assert sundhed.execute("SELECT _exists FROM actions").fetchone()[0] == 0


def test_a_clock_a_week_fast_wins_ties_but_not_an_edit_made_after_seeing_it(
    tmp_path: Path,
) -> None:
    here, fast = _unit(tmp_path, "Her"), _unit(tmp_path, "Hurtig", skew=7 * DAY_MS)
    project = projects.create_project(here, "Fælles")
    with here.transaction():
        action = changelog.create(here, Action(project_id=project.id, change="Start"))
    _send(here, fast, project.id, tmp_path)
    with fast.transaction():
        changelog.update(fast, Action, action.id, change="Fra den hurtige pc")
    preview = _send(fast, here, project.id, tmp_path)
    assert ("sync.warn.clock_ahead", {"unit": "Hurtig", "hours": 168}) in preview.warnings
    (last,) = here.execute("SELECT hlc_last FROM sync_replica").fetchone()
    assert stamp_to_ms(last) <= here.wall_clock() + MAX_REMOTE_AHEAD_MS
    # An edit made here after seeing the fast value replaces it, though its stamp is older.
    with here.transaction():
        changelog.update(here, Action, action.id, change="Rettet bagefter")
    _send(here, fast, project.id, tmp_path)
    for store in (here, fast):
        assert _change(store, action.id) == "Rettet bagefter"
        assert list_conflicts(store, project.id) == []


def test_two_units_typing_the_same_week_meet_in_one_record(units, tmp_path) -> None:
    nord, sundhed, project_id, _ = units
    with nord.transaction():
        measure = changelog.create(nord, Measure(project_id=project_id, name="Udeblivelser"))
    _send(nord, sundhed, project_id, tmp_path)
    for store, value in ((nord, 4.0), (sundhed, 6.0)):
        with store.transaction():
            changelog.create(store, Measurement(
                id=Measurement.id_for(project_id, measure.id, "2026-W47"), project_id=project_id,
                measure_id=measure.id, period="2026-W47", value=value,
            ))
    _send(nord, sundhed, project_id, tmp_path)
    _send(sundhed, nord, project_id, tmp_path)
    for store in (nord, sundhed):
        assert store.execute("SELECT COUNT(*) FROM measurements").fetchone()[0] == 1
        [conflict] = list_conflicts(store, project_id)
        assert conflict.field == "value"


def test_a_gap_before_the_file_is_named_in_the_preview(units, tmp_path) -> None:
    nord, sundhed, project_id, action_id = units
    with nord.transaction():
        changelog.update(nord, Action, action_id, responsible="LK")
    export_scope(nord, project_id, folder=tmp_path)  # this email is lost ...
    lost_copy = tmp_path / "restored.db"
    sundhed.conn.backup(__import__("sqlite3").connect(lost_copy))
    _send(nord, sundhed, project_id, tmp_path)  # ... but sundhed imports the next one
    _send(sundhed, nord, project_id, tmp_path)  # and says so
    with nord.transaction():
        changelog.update(nord, Action, action_id, effect="Mere tid")
    delta = export_scope(nord, project_id, folder=tmp_path)
    restored = Store.open(lost_copy, fingerprint="Sundhed")
    preview = apply_import(restored, delta.path)
    assert ("sync.warn.gap", {"unit": "Jobcenter Nord"}) in preview.warnings


def test_an_organisation_of_teams_travels_like_a_project(tmp_path: Path) -> None:
    office, team = _unit(tmp_path, "Bagkontor"), _unit(tmp_path, "Team Syd")
    with office.transaction():
        org = changelog.create(office, Organisation(name="Hjemmeplejen"))
        changelog.create(office, Team(org_id=org.id, name="Team Syd [/x]"))
    assert (org.id, "organisation", "Hjemmeplejen") in exportable_scopes(office)
    preview = _send(office, team, org.id, tmp_path)
    assert preview.scopes == [(org.id, "organisation", "Hjemmeplejen")]
    assert team.query("SELECT name FROM teams") == [{"name": "Team Syd [/x]"}]


def test_each_import_leaves_a_copy_of_the_database_from_before_it(units, tmp_path) -> None:
    nord, sundhed, project_id, action_id = units
    for text in ("a", "b", "c", "d", "e", "f"):
        with nord.transaction():
            changelog.update(nord, Action, action_id, change=text)
        _send(nord, sundhed, project_id, tmp_path)
    copies = sorted((tmp_path / "backups").glob("Sundhed.before-import-*.db"))
    assert len(copies) == 5
    before_last = Store.open(copies[-1], fingerprint="Sundhed")
    assert _change(before_last, action_id) == "e"


def test_concurrent_edits_that_break_a_rule_across_fields_still_read(units, tmp_path) -> None:
    from core.models import Cycle

    nord, sundhed, project_id, _ = units
    with nord.transaction():
        cycle = changelog.create(nord, Cycle(project_id=project_id, number=1, card_id="c",
                                             started_on=dt.date(2026, 11, 2)))
    _send(nord, sundhed, project_id, tmp_path)
    with nord.transaction():
        changelog.update(nord, Cycle, cycle.id, started_on=dt.date(2026, 11, 20))
    with sundhed.transaction():
        changelog.update(sundhed, Cycle, cycle.id, ended_on=dt.date(2026, 11, 10))
    _send(nord, sundhed, project_id, tmp_path)
    shown = changelog.load(sundhed, Cycle, cycle.id)
    assert (shown.started_on, shown.ended_on) == (dt.date(2026, 11, 20), dt.date(2026, 11, 10))
    with pytest.raises(InvalidError), sundhed.transaction():
        changelog.update(sundhed, Cycle, cycle.id, prediction="Færre udeblivelser")
    with sundhed.transaction():
        changelog.update(sundhed, Cycle, cycle.id, ended_on=dt.date(2026, 11, 27))
    assert changelog.load(sundhed, Cycle, cycle.id).ended_on == dt.date(2026, 11, 27)


def test_a_received_file_with_a_cpr_number_is_flagged_in_the_preview(units, tmp_path) -> None:
    nord, sundhed, project_id, action_id = units
    with nord.transaction():
        changelog.update(nord, Action, action_id, how="Ring til borger 010190-4234 i morgen")
    preview = preview_import(sundhed, export_scope(nord, project_id, folder=tmp_path).path)
    assert ("cpr.import.warning", {"count": 1}) in preview.warnings


def test_the_change_rows_hash_the_same_line_text_as_the_log_writes(units, tmp_path) -> None:
    """The import puts a change's line text together from its parts; it must be the text
    `canonical_json` gives for the whole line, or every import would look like an id clash."""
    from core.sync.fileformat import read_file
    from core.sync.merge import _change_row, content_hash

    nord, _sundhed, project_id, action_id = units
    with nord.transaction():
        changelog.update(nord, Action, action_id, how='Sig "hej" \\ på ø-sprog\n\t[/x]')
        changelog.delete(nord, Action, action_id)
    path = export_scope(nord, project_id, full=True, folder=tmp_path).path
    changes = read_file(path).changes()
    assert any(c.covers is not None for c in changes)
    for change in changes:
        assert _change_row(change, None)[11] == content_hash(change.as_line())


def test_cases_and_chart_marks_travel_and_one_point_marked_twice_meets_in_one_record(
    units, tmp_path
) -> None:
    from core.measures.signals import load_series
    from core.models import ChartMark, Entry, MarkKind, MeasureCase

    nord, sundhed, project_id, _ = units
    with nord.transaction():
        measure = changelog.create(nord, Measure(project_id=project_id, name="Fald",
                                                 entry=Entry.EVENTS, chart=None))
        for day in (3, 11, 20):
            changelog.create(nord, MeasureCase(project_id=project_id, measure_id=measure.id,
                                               on=dt.date(2026, 11, day)))
    _send(nord, sundhed, project_id, tmp_path)
    mark_id = ChartMark.id_for(project_id, measure.id, "2026-11-11", MarkKind.EXCLUDED)
    for store, reason in ((nord, "Ny registrering"), (sundhed, "Dobbeltregistreret")):
        with store.transaction():
            changelog.create(store, ChartMark(
                id=mark_id, project_id=project_id, measure_id=measure.id, point="2026-11-11",
                mark=MarkKind.EXCLUDED, reason=reason))
    _send(nord, sundhed, project_id, tmp_path)
    _send(sundhed, nord, project_id, tmp_path)
    for store in (nord, sundhed):
        series = load_series(store, measure.id)
        assert series.labels == ("2026-11-11", "2026-11-20")
        assert series.values == [8.0, 9.0]
        assert list(series.excluded) == [0]
        assert store.execute("SELECT COUNT(*) FROM chart_marks").fetchone()[0] == 1
        [conflict] = list_conflicts(store, project_id)
        assert conflict.field == "reason"
    assert canonical_dump(nord) == canonical_dump(sundhed)
