"""A record's history, read from the change log: created, changed, deleted, restored, imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.db import changelog
from core.db.store import Store
from core.models import Action
from core.project import projects
from core.sync.exporter import export_scope
from core.sync.history import (
    FieldChange,
    HistoryEntry,
    enum_key,
    is_link,
    link_labels,
    record_history,
    shown_fields,
)
from core.sync.importer import apply_import

START_MS = int(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC).timestamp() * 1000)


class Clock:
    """A wall clock that moves one minute per reading."""

    def __init__(self) -> None:
        self.now = START_MS

    def __call__(self) -> int:
        self.now += 60_000
        return self.now


def _unit(path: Path, name: str) -> Store:
    store = Store.open(path, wall_clock=Clock(), fingerprint=name)
    with store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = ?", [name])
    store.author = name[:2].upper()
    return store


def _action(store: Store, change: str = "Ring til borgeren") -> tuple[str, str]:
    project = projects.create_project(store, "Sygefravær", unit="Jobcenter Nord")
    with store.transaction():
        action = changelog.create(store, Action(project_id=project.id, change=change))
    return project.id, action.id


def test_a_record_s_changes_are_listed_newest_first_with_old_and_new_values(
    tmp_path: Path,
) -> None:
    store = _unit(tmp_path / "nord.db", "Jobcenter Nord")
    try:
        _project, action_id = _action(store)
        with store.transaction():
            changelog.update(store, Action, action_id, responsible="MH",
                             deadline=dt.date(2026, 12, 1))
        with store.transaction():
            changelog.update(store, Action, action_id, responsible="LK")
        with store.transaction():
            changelog.delete(store, Action, action_id)
        with store.transaction():
            changelog.restore(store, Action, action_id)

        entries = record_history(store, "action", action_id)

        assert [e.kind for e in entries] == [
            "restored", "deleted", "changed", "changed", "created"]
        restored, deleted, second, first, created = entries
        assert restored.fields == [] and deleted.fields == []
        assert [(f.field, f.old, f.new, f.had_old) for f in second.fields] == [
            ("responsible", "MH", "LK", True)]
        assert [(f.field, f.old, f.new) for f in first.fields] == [
            ("deadline", None, "2026-12-01"), ("responsible", "", "MH")]
        change = next(f for f in created.fields if f.field == "change")
        assert change.new == "Ring til borgeren" and not change.had_old
        assert all(e.own and not e.imported for e in entries)
        assert {e.unit for e in entries} == {"Jobcenter Nord"}
        assert {e.author for e in entries} == {"JO"}
        times = [e.written_at for e in entries]
        assert times == sorted(times, reverse=True)
        assert created.written_at.tzinfo is dt.UTC
        assert created.written_at > dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)
    finally:
        store.close()


def test_a_record_that_is_not_here_has_no_history(tmp_path: Path) -> None:
    store = _unit(tmp_path / "t.db", "Jobcenter Nord")
    try:
        assert record_history(store, "action", "not-here") == []
        assert record_history(store, "no-such-kind", "x") == []
    finally:
        store.close()


def test_a_change_imported_from_another_unit_names_that_unit(tmp_path: Path) -> None:
    nord = _unit(tmp_path / "nord.db", "Jobcenter Nord")
    sundhed = _unit(tmp_path / "sundhed.db", "Sundhed")
    try:
        project_id, action_id = _action(nord)
        apply_import(sundhed, export_scope(nord, project_id, folder=tmp_path).path)
        with sundhed.transaction():
            changelog.update(sundhed, Action, action_id, change="Ring til borgeren i dag")
        apply_import(nord, export_scope(sundhed, project_id, folder=tmp_path).path)

        entries = record_history(nord, "action", action_id)

        assert [e.kind for e in entries] == ["changed", "created"]
        latest, created = entries
        assert latest.unit == "Sundhed" and latest.author == "SU"
        assert latest.imported and not latest.own
        assert [(f.field, f.old, f.new) for f in latest.fields] == [
            ("change", "Ring til borgeren", "Ring til borgeren i dag")]
        assert created.own and not created.imported and created.unit == "Jobcenter Nord"
        there = record_history(sundhed, "action", action_id)
        assert there[0].own and not there[0].imported
        assert there[1].imported and there[1].unit == "Jobcenter Nord"
    finally:
        nord.close()
        sundhed.close()


EDITS = st.lists(
    st.one_of(
        st.fixed_dictionaries({"responsible": st.sampled_from(["", "MH", "LK", "Åse"])}),
        st.fixed_dictionaries({"how": st.text(max_size=8)}),
        st.fixed_dictionaries({"deadline": st.one_of(
            st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)))}),
        st.just({"delete": True}),
    ),
    max_size=8,
)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_replaying_the_new_values_oldest_first_gives_the_record(
    tmp_path_factory: object, edits: list[dict[str, object]]
) -> None:
    folder = tmp_path_factory.mktemp("history")  # type: ignore[attr-defined]
    store = _unit(folder / "t.db", "Jobcenter Nord")
    try:
        _project, action_id = _action(store)
        for edit in edits:
            with store.transaction():
                if "delete" in edit:
                    changelog.delete(store, Action, action_id)
                    changelog.restore(store, Action, action_id)
                else:
                    changelog.update(store, Action, action_id, **edit)
        replayed: dict[str, object] = {}
        for entry in reversed(record_history(store, "action", action_id)):
            for change in entry.fields:
                assert change.had_old == (change.field in replayed)
                if change.had_old:
                    assert change.old == replayed[change.field]
                replayed[change.field] = change.new
        current = changelog.load(store, Action, action_id).model_dump(mode="json")
        current.pop("id")
        assert replayed == current
    finally:
        store.close()


def test_choices_links_and_hidden_fields_are_named_for_reading(tmp_path: Path) -> None:
    store = _unit(tmp_path / "t.db", "Jobcenter Nord")
    try:
        project_id, action_id = _action(store)
        with store.transaction():
            other = changelog.create(store, Action(project_id=project_id, change="Tjekliste"))
        with store.transaction():
            changelog.update(store, Action, other.id, status="done", order="0099")
        [changed, created] = record_history(store, "action", other.id)
        assert [f.field for f in shown_fields("action", created.fields)].count("project_id") == 0
        assert [f.field for f in shown_fields("action", changed.fields)] == ["status"]
        assert enum_key("action", "status", "done") == "enum.action_status.done"
        assert enum_key("action", "responsible", "MH") is None
        assert is_link("measure_id") and not is_link("responsible")
        entry = HistoryEntry(("r", 1), "changed", created.written_at, "", "", True, False,
                             [FieldChange("idea_id", None, action_id, False),
                              FieldChange("step_id", None, "gone", False)])
        assert link_labels(store, [entry]) == {action_id: "Ring til borgeren", "gone": ""}
    finally:
        store.close()
