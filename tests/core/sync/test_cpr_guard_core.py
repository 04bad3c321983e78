"""The CPR guard over a project's outgoing text: hits with where they are, edits that remove
them (undoable), texts that are not records, received changes, and the log of overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError
from core.i18n import Translator
from core.models import Charter, Meeting, Person
from core.project import projects
from core.settings import Settings
from core.sync import cpr_guard

TX = Translator("da")
NOTE = "Borger 010190-1234 ringede om [/x] sin sag"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "guard.db")


def _meeting(store: Store, project_id: str, notes: str) -> Meeting:
    with store.transaction():
        return changelog.create(store, changelog.build(
            Meeting, project_id=project_id, held_on=dt.date(2026, 11, 24), notes=notes))


def test_a_cpr_number_in_a_meeting_note_is_found_with_its_place(store: Store) -> None:
    project = projects.create_project(store, "Sygedagpenge")
    other = projects.create_project(store, "Andet projekt 0101901234")
    meeting = _meeting(store, project.id, NOTE)
    _meeting(store, other.id, "også 0202021234")  # another project: not this one's hit
    (hit,) = cpr_guard.scan_project(store, project.id, TX)
    assert (hit.entity, hit.record_id, hit.field) == ("meeting", meeting.id, "notes")
    assert hit.editable
    assert hit.context == "Borger 010190-**** ringede om [/x] sin sag"
    assert hit.location(TX) == "Kaizen-møder · 24-11-2026 · Noter"
    assert hit.location(Translator("en")).endswith("· Notes")
    assert "1234" not in hit.context
    names = [h.field for h in cpr_guard.scan_project(store, other.id, TX)]
    assert names == ["name", "notes"]


def test_every_free_text_field_is_scanned_but_not_ids_or_deleted_records(store: Store) -> None:
    project = projects.create_project(store, "P")
    with store.transaction():
        person = changelog.create(store, changelog.build(
            Person, project_id=project.id, name="Kim", title="sagsbehandler 010190-1234"))
        changelog.create(store, changelog.build(
            Charter, project_id=project.id, background="Fx 15038512363 i Norge"))
        gone = changelog.create(store, changelog.build(
            Person, project_id=project.id, name="Slettet 0101901234"))
        changelog.delete(store, Person, gone.id)
    hits = cpr_guard.scan_project(store, project.id, TX)
    assert {(h.entity, h.field, h.kind.value) for h in hits} == {
        ("person", "title", "cpr"), ("charter", "background", "fnr")}
    assert next(h for h in hits if h.entity == "person").where == person.name
    assert "record_id" not in cpr_guard.text_fields(Person)
    assert "project_id" not in cpr_guard.text_fields(Person)


def test_fixing_a_hit_writes_the_field_through_the_change_log_and_can_be_undone(
    store: Store,
) -> None:
    project = projects.create_project(store, "P")
    meeting = _meeting(store, project.id, NOTE)
    (hit,) = cpr_guard.scan_project(store, project.id, TX)
    assert cpr_guard.current_text(store, hit) == NOTE
    log = UndoLog(store)
    cpr_guard.fix_hit(log, hit, "Borger ringede om [/x] sin sag")
    assert changelog.load(store, Meeting, meeting.id).notes == "Borger ringede om [/x] sin sag"
    assert cpr_guard.scan_project(store, project.id, TX) == []
    (entity,) = store.query(
        "SELECT entity FROM sync_change WHERE record_id = ? AND set_json LIKE '%notes%' "
        "ORDER BY seq DESC LIMIT 1", [meeting.id])
    assert entity["entity"] == "meeting"
    log.undo()
    assert changelog.load(store, Meeting, meeting.id).notes == NOTE


def test_an_edit_that_breaks_a_rule_is_refused(store: Store) -> None:
    project = projects.create_project(store, "0101901234")
    (hit,) = cpr_guard.scan_project(store, project.id, TX)
    with pytest.raises(InvalidError):
        cpr_guard.fix_hit(UndoLog(store), hit, "   ")  # a project needs a name
    assert projects.get_project(store, project.id).name == "0101901234"


def test_texts_that_are_not_records_and_numbers_already_listed(store: Store) -> None:
    project = projects.create_project(store, "P")
    _meeting(store, project.id, NOTE)
    known = cpr_guard.scan_project(store, project.id, TX)
    report = "# Status\n\nBorger 010190-1234 ringede\n\nNy: 0203041234"
    hits = cpr_guard.scan_texts([("Statusrapport", report)], known=known)
    assert [(h.where, h.context, h.editable) for h in hits] == [
        ("Statusrapport", "…rger 010190-**** ringede Ny: 020304****", False)]
    assert hits[0].location(TX) == "Statusrapport"
    assert len(cpr_guard.scan_texts([("CSV", report)])) == 2


def test_received_changes_are_scanned_by_entity_and_field() -> None:
    lines = [
        {"e": "meeting", "id": "m1", "set": {"notes": "cpr 010190-1234", "duration_min": 60}},
        {"e": "idea", "id": "i1", "set": {"text": "ingen tal"}},
        {"e": "unknown_entity", "id": "x", "set": {"odd": "15038512363"}},
    ]
    hits = cpr_guard.scan_changes(lines, TX)
    assert [(h.where, h.context) for h in hits] == [
        ("Kaizen-møder · Noter", "cpr 010190-****"), ("unknown_entity · odd", "150385*****")]


def test_an_override_is_logged_with_its_reason(store: Store) -> None:
    project = projects.create_project(store, "P")
    _meeting(store, project.id, NOTE)
    hits = cpr_guard.scan_project(store, project.id, TX)
    store.author = "KF"
    entry = cpr_guard.log_override(store, "export", "Tavle_P_2026-11-24.tavle", hits,
                                   "  Sagsnummer, ikke CPR  ")
    assert cpr_guard.guard_entries(store) == [entry]
    assert (entry.what, entry.target, entry.hits, entry.reason, entry.author) == (
        "export", "Tavle_P_2026-11-24.tavle", 1, "Sagsnummer, ikke CPR", "KF")
    with pytest.raises(ValueError):
        cpr_guard.log_override(store, "export", "x", hits, "   ")
    with pytest.raises(ValueError):
        cpr_guard.log_override(store, "mail", "x", hits, "grund")
    assert len(cpr_guard.guard_entries(store)) == 1
    # the log is local: no change-log entry
    assert store.query("SELECT COUNT(*) AS n FROM sync_change WHERE entity LIKE '%guard%'")[0][
        "n"] == 0


def test_hit_lines_for_a_command_line(store: Store) -> None:
    project = projects.create_project(store, "P")
    _meeting(store, project.id, NOTE)
    (line,) = cpr_guard.hit_summary(cpr_guard.scan_project(store, project.id, TX), TX)
    assert line == ("CPR-nummer – Kaizen-møder · 24-11-2026 · Noter: "
                    "Borger 010190-**** ringede om [/x] sin sag")


def test_the_setting_warns_by_default_and_can_block() -> None:
    assert Settings().cpr_guard == "warn"
    assert Settings(cpr_guard="block").cpr_guard == "block"
    with pytest.raises(ValueError):
        Settings(cpr_guard="ignore")


def test_the_demo_has_no_cpr_numbers(tmp_path: Path) -> None:
    from core.demo.build import open_demo

    demo = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    ids = [row["id"] for row in demo.query("SELECT id FROM projects")]
    assert ids
    assert all(cpr_guard.scan_project(demo, pid, TX) == [] for pid in ids)


def test_a_received_file_with_a_number_gives_the_import_warning(
    store: Store, tmp_path: Path
) -> None:
    from core.sync.exporter import export_scope
    from core.sync.fileformat import read_file

    project = projects.create_project(store, "P")
    _meeting(store, project.id, NOTE)
    result = export_scope(store, project.id, folder=tmp_path)
    changes = read_file(result.path).changes()
    hits = cpr_guard.scan_changes(changes, TX)
    assert [(h.where, h.context, h.editable) for h in hits] == [
        ("Kaizen-møder · Noter", "Borger 010190-**** ringede om [/x] sin sag", False)]
    assert cpr_guard.import_warnings(changes) == [("cpr.import.warning", {"count": 1})]
    [(key, params)] = cpr_guard.import_warnings(changes, Translator("en"))
    assert Translator("en")(key, **params).startswith(
        "The file holds numbers that look like a CPR number (1: Kaizen meetings · Notes)")
    clean = projects.create_project(store, "Q")
    assert cpr_guard.import_warnings(
        read_file(export_scope(store, clean.id, folder=tmp_path).path).changes()) == []


def test_outgoing_text_lists_record_hits_as_editable_and_the_rest_by_place(
    store: Store,
) -> None:
    project = projects.create_project(store, "P")
    meeting = _meeting(store, project.id, NOTE)
    _meeting(store, project.id, "en anden 0505051234 ikke i filen")
    minutes = f"# Referat\n\n{NOTE}\n\nTilføjet: 15038512363"
    hits = cpr_guard.scan_outgoing(store, project.id, [("Referat", minutes)], TX)
    assert [(h.record_id, h.kind.value, h.editable) for h in hits] == [
        (meeting.id, "cpr", True), (None, "fnr", False)]
    assert hits[1].location(TX) == "Referat"
    assert cpr_guard.scan_outgoing(store, project.id, [("Referat", "ingen tal")], TX) == []


# -- every message masks the number, also where it is -------------------------------------------

CPR = "010190-1239"
"""A CPR number with a real date (1 January 1990): what the guard must never show in full."""


def test_the_number_in_a_records_label_is_masked_where_the_hit_is_shown(store: Store) -> None:
    """A project named with the number, an action whose label (its change) holds it: the hit's
    place and the command line's hit lines show the date, never the rest."""
    from core.models import Action
    from core.sync.cpr_numbers import is_cpr

    assert is_cpr(CPR.replace("-", ""))
    project = projects.create_project(store, f"Borger {CPR}")
    with store.transaction():
        action = changelog.create(store, Action(
            project_id=project.id, change=f"Ring til borger {CPR}", how=f"Notat om {CPR}"))
    hits = cpr_guard.scan_project(store, project.id, TX)
    places = {(h.entity, h.field): h.location(TX) for h in hits}
    assert places == {
        ("project", "name"): "Projekter · Borger 010190-**** · Navn",
        ("action", "change"): "Handlinger · Ring til borger 010190-**** · Ændring/opgave",
        ("action", "how"): "Handlinger · Ring til borger 010190-**** · Hvordan",
    }
    assert all(h.record_id in (project.id, action.id) for h in hits)
    lines = cpr_guard.hit_summary(hits, TX) + cpr_guard.hit_summary(hits, Translator("nb"))
    assert lines and all("1239" not in line and "010190-****" in line for line in lines)


def test_a_place_given_by_the_caller_or_a_received_file_is_masked(store: Store) -> None:
    [hit] = cpr_guard.scan_texts([(f"Referat om {CPR}", f"Borger {CPR}")])
    assert hit.where == f"Referat om {CPR}"  # kept as given; shown only through location
    assert hit.location(TX) == "Referat om 010190-****"
    lines = [{"e": "meeting", "id": "m1", "set": {"notes_0101901239": f"cpr {CPR}"}}]
    [(key, params)] = cpr_guard.import_warnings(lines, TX)
    assert "1239" not in TX(key, **params)


def test_the_log_of_files_sent_anyway_keeps_no_number_in_full(store: Store) -> None:
    project = projects.create_project(store, f"Borger {CPR}")
    hits = cpr_guard.scan_project(store, project.id, TX)
    entry = cpr_guard.log_override(store, "export", project.name, hits, f"{CPR} er et sagsnr.")
    [logged] = cpr_guard.guard_entries(store)
    assert logged == entry
    assert (logged.target, logged.reason) == ("Borger 010190-****", "010190-**** er et sagsnr.")


@pytest.mark.parametrize("written", [
    "01.01.90-1239", "01 01 90 1239", "0101 90\n1239", "０１０１９０－１２３９", "٠١٠١٩٠١٢٣٩",
    "0101\u200b901239", "15.03.87 12486",
])
def test_a_number_written_any_way_in_a_record_is_found(store: Store, written: str) -> None:
    """The quick look in the database lets every written form through to the scanner."""
    project = projects.create_project(store, "P")
    meeting = _meeting(store, project.id, f"Borger {written} ringede")
    _meeting(store, project.id, "Møde i uge 47 med 12 deltagere og 3 sager")
    (hit,) = cpr_guard.scan_project(store, project.id, TX)
    assert hit.record_id == meeting.id
    assert "*" in hit.context
