"""Cycles on a kaizen card: start (card to testing, annotation on the measure's chart), save,
adapt (the next cycle prefilled), adopt (the leader's decision, card to Standard), abandon."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import TavleError
from core.i18n import Translator
from core.kaizen import board, cycles, successes
from core.models import (
    ActDecision,
    Annotation,
    AnnotationKind,
    BoardColumn,
    CycleName,
    KaizenCard,
    Measure,
)
from core.project import projects

TODAY = dt.date(2026, 11, 24)
TX = Translator("da")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "cycles.db")


def _setup(store: Store) -> tuple[str, str, str]:
    project = projects.create_project(store, "Sygedagpenge", leader="Lars Winther")
    with store.transaction():
        measure = changelog.create(store, changelog.build(
            Measure, project_id=project.id, name="Dage til første samtale"))
    card = board.add_card(UndoLog(store), project.id, BoardColumn.PLANNED, "Ring til borgeren",
                          owner="Anne Bech", measure_id=measure.id)
    return project.id, measure.id, card.id


def _annotations(store: Store, measure_id: str) -> list[Annotation]:
    rows = store.execute("SELECT id FROM annotations WHERE measure_id = ? AND _exists "
                         "ORDER BY \"order\"", [measure_id]).fetchall()
    return [changelog.load(store, Annotation, id_) for (id_,) in rows]


def test_titles_follow_the_projects_name() -> None:
    assert cycles.title(TX, CycleName.PDSA, 2) == "PDSA-afprøvning 2"
    assert cycles.title(TX, CycleName.PGEK, 2) == "PGEK 2"
    assert cycles.title(TX, CycleName.TRIAL, 2) == "Prøvehandling 2"
    assert cycles.title(Translator("en"), CycleName.PDSA, 1) == "PDSA cycle 1"


def test_start_moves_the_card_and_marks_the_chart(store: Store) -> None:
    _, measure_id, card_id = _setup(store)
    log = UndoLog(store)
    cycle = cycles.start(log, card_id, TX, today=TODAY)
    assert (cycle.number, cycle.previous_id, cycle.started_on) == (1, None, TODAY)
    assert (cycle.measure_id, cycle.plan_who) == (measure_id, "Anne Bech")
    assert changelog.load(store, KaizenCard, card_id).column == BoardColumn.TESTING
    [note] = _annotations(store, measure_id)
    assert (note.kind, note.cycle_id, note.on) == (AnnotationKind.CYCLE, cycle.id, TODAY)
    assert note.text == "PDSA-afprøvning 1: Ring til borgeren"
    assert cycles.stage(cycle) == cycles.Stage.DO
    with pytest.raises(TavleError) as refused:
        cycles.start(log, card_id, TX, today=TODAY)
    assert refused.value.key == "cycles.already_running"
    log.undo()  # one step: the cycle, the move and the annotation
    assert cycles.cycles_of(store, card_id) == []
    assert _annotations(store, measure_id) == []
    assert changelog.load(store, KaizenCard, card_id).column == BoardColumn.PLANNED


def test_adapt_then_adopt(store: Store) -> None:
    project_id, measure_id, card_id = _setup(store)
    log = UndoLog(store)
    first = cycles.start(log, card_id, TX, today=TODAY - dt.timedelta(days=28))
    cycles.save(log, first.id, plan_what="Anne ringer til seks borgere",
                prediction="5 af 6 får tid inden 14 dage", plan_where="Sygedagpengeteamet",
                plan_when=TODAY - dt.timedelta(days=14))
    cycles.save(log, first.id, do_notes="Seks ringet op")
    first = changelog.load(store, type(first), first.id)
    assert cycles.stage(first) == cycles.Stage.STUDY
    assert cycles.waits_for_study(first, TODAY)
    cycles.save(log, first.id, study_notes="Holdt for tiden, ikke for opkaldets længde")
    second = cycles.adapt(log, first.id, TX, notes="Tjekliste og sms først", today=TODAY)
    closed = changelog.load(store, type(first), first.id)
    assert (closed.act, closed.act_notes, closed.ended_on) == (
        ActDecision.ADAPT, "Tjekliste og sms først", TODAY)
    assert (second.number, second.previous_id, second.started_on) == (2, first.id, TODAY)
    assert (second.plan_what, second.prediction, second.plan_where, second.measure_id) == (
        "Anne ringer til seks borgere", "5 af 6 får tid inden 14 dage", "Sygedagpengeteamet",
        measure_id)
    assert second.do_notes == second.study_notes == "" and second.plan_when is None
    assert [n.text for n in _annotations(store, measure_id)] == [
        "PDSA-afprøvning 1: Ring til borgeren", "PDSA-afprøvning 2: Ring til borgeren"]
    assert cycles.running(store, card_id) == second

    with pytest.raises(TavleError):
        cycles.adopt(log, second.id, TX, leader=" ", decision="Standard", today=TODAY)
    adopted = cycles.adopt(log, second.id, TX, leader="Lars Winther",
                           decision="Sådan gør vi her", today=TODAY)
    assert (adopted.cycle.act, adopted.cycle.decided_by, adopted.cycle.act_notes) == (
        ActDecision.ADOPT, "Lars Winther", "Sådan gør vi her")
    assert changelog.load(store, KaizenCard, card_id).column == BoardColumn.STANDARD
    assert adopted.success_text == "»Ring til borgeren« er blevet standard"
    assert [o.card_id for o in successes.card_offers(store, project_id, TX, since=TODAY)] == [
        card_id]
    successes.record(log, project_id, adopted.success_text, on=TODAY, card_id=card_id)
    assert successes.card_offers(store, project_id, TX, since=TODAY) == []
    with pytest.raises(TavleError):
        cycles.adopt(log, second.id, TX, leader="Lars", decision="", today=TODAY)


def test_abandon_needs_a_reason_and_drops_the_card(store: Store) -> None:
    _, _, card_id = _setup(store)
    log = UndoLog(store)
    cycle = cycles.start(log, card_id, TX, today=TODAY)
    with pytest.raises(TavleError) as refused:
        cycles.abandon(log, cycle.id, reason="  ", today=TODAY)
    assert refused.value.key == "cycles.reason_needed"
    done = cycles.abandon(log, cycle.id, reason="Borgerne ville hellere have brev",
                          decided_by="MH", today=TODAY)
    assert (done.act, done.act_notes, done.decided_by) == (
        ActDecision.ABANDON, "Borgerne ville hellere have brev", "MH")
    assert changelog.load(store, KaizenCard, card_id).column == BoardColumn.DROPPED
    assert cycles.stage(done) == cycles.Stage.DONE
    log.undo()
    assert changelog.load(store, KaizenCard, card_id).column == BoardColumn.TESTING


def test_a_card_without_a_measure_gets_no_annotation(store: Store) -> None:
    project = projects.create_project(store, "Sygedagpenge")
    log = UndoLog(store)
    card = board.add_card(log, project.id, BoardColumn.IDEA, "Byt plads")
    cycle = cycles.start(log, card.id, TX, today=TODAY)
    assert cycle.measure_id is None
    assert store.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 0
    assert cycles.stage(cycle) == cycles.Stage.DO
    assert not cycles.waits_for_study(cycle, TODAY)
