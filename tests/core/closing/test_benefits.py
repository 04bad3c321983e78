"""Benefits (gevinster): typed amounts, Danish kroner, sums per unit and across the portfolio,
the flag on an expected benefit without a documenting measure, and undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.closing.benefits import (
    add_benefit,
    benefit_summary,
    delete_benefit,
    edit_benefit,
    format_amount,
    format_kr,
    list_benefits,
    months_between,
    parse_amount,
    total_sentence,
)
from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.errors import InvalidError
from core.i18n import Translator
from core.models import Benefit, BenefitKind, BenefitStatus, Measure
from core.project import projects

DA, EN = Translator("da"), Translator("en")
START, END = dt.date(2025, 5, 1), dt.date(2026, 10, 31)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "benefits.db")


@pytest.mark.parametrize(("text", "value"), [
    ("850.000", 850_000.0), ("850000 kr.", 850_000.0), ("4,6 mio.", 4_600_000.0),
    ("4,6 mio", 4_600_000.0), ("1.234,5", 1234.5), ("12.5", 12.5), ("-2,5", -2.5),
    ("1.234.567 kr", 1_234_567.0), ("  ", None), ("0,36", 0.36),
])
def test_amounts_are_read_as_a_coordinator_types_them(text: str, value: float | None) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["mange", "4,6 mia.", "1,2,3"])
def test_an_unreadable_amount_names_the_field(text: str) -> None:
    with pytest.raises(InvalidError) as caught:
        parse_amount(text)
    assert caught.value.problems[0][0] == "amount"
    assert "Beløb" in caught.value.message(DA)


def test_kroner_the_danish_way() -> None:
    assert format_kr(4_600_000, DA) == "4,6 mio. kr."
    assert format_kr(5_000_000, DA) == "5 mio. kr."
    assert format_kr(850_000, DA) == "850\u00a0000 kr."
    assert format_kr(850_000.4, DA) == "850\u00a0000 kr."
    assert format_kr(-1_250_000, DA) == "-1,2 mio. kr."
    assert format_kr(4_600_000, EN) == "4.6 million kr."
    assert format_amount(BenefitKind.HOURS, 1200, "", DA) == "1\u00a0200 timer"
    assert format_amount(BenefitKind.SICK_LEAVE_PP, 5.05, "", DA) == "5,05 procentpoint"
    assert format_amount(BenefitKind.QUALITY, 4.2, "point", DA) == "4,2 point"
    assert format_amount(BenefitKind.KR, None, "", DA) == ""


def test_months_between() -> None:
    assert months_between(START, END) == 18
    assert months_between(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == 1
    assert months_between(None, END) is None
    assert months_between(END, START) is None


def _project(store: Store, name: str, unit: str) -> str:
    return projects.create_project(store, name, unit=unit).id


def _measure(store: Store, project_id: str, name: str = "Dage til samtale") -> str:
    with store.transaction():
        return changelog.create(store, Measure(project_id=project_id, name=name)).id


def test_sums_per_unit_and_across_the_portfolio(store: Store) -> None:
    log = UndoLog(store)
    units = ["Jobcenter", "Jobcenter", "Træning", "Sundhed", "Sundhed"]
    ids = [_project(store, f"Projekt {n}", unit) for n, unit in enumerate(units)]
    measure = _measure(store, ids[0])
    for n, project_id in enumerate(ids):
        add_benefit(log, project_id, title="Sparede sygedagpenge", amount=920_000.0,
                    status=BenefitStatus.REALISED, period_from=START + dt.timedelta(days=n),
                    period_to=END, measure_id=measure if n == 0 else None)
    add_benefit(log, ids[0], title="Forventet", amount=1_000_000.0, measure_id=measure)
    add_benefit(log, ids[2], title="Timer", kind=BenefitKind.HOURS, amount=300.0)
    add_benefit(log, ids[3], title="Sygefravær", kind=BenefitKind.SICK_LEAVE_PP,
                status=BenefitStatus.REALISED, amount=5.05)
    add_benefit(log, ids[4], title="Sygefravær", kind=BenefitKind.SICK_LEAVE_PP,
                status=BenefitStatus.REALISED, amount=2.0)
    summary = benefit_summary(store)
    realised = summary.total(BenefitKind.KR, BenefitStatus.REALISED)
    assert realised is not None
    assert (realised.amount, realised.benefits, realised.projects) == (4_600_000.0, 5, 5)
    assert total_sentence(realised, DA) == "4,6 mio. kr. sparet på 18 måneder i 5 projekter"
    assert total_sentence(realised, EN) == (
        "4.6 million kr. saved over 18 months in 5 projects")
    expected = summary.total(BenefitKind.KR, BenefitStatus.EXPECTED)
    assert expected is not None and total_sentence(expected, DA) == (
        "1 mio. kr. forventet sparet i 1 projekt")
    points = summary.total(BenefitKind.SICK_LEAVE_PP, BenefitStatus.REALISED)
    assert points is not None and points.amount is None  # percentage points are not summed
    assert total_sentence(points, DA) == (
        "Sygefravær (procentpoint) (realiseret): 2 gevinster i 2 projekter")
    assert list(summary.by_unit) == ["Jobcenter", "Sundhed", "Træning"]
    jobcenter = {(t.kind, t.status): t for t in summary.by_unit["Jobcenter"]}
    assert jobcenter[(BenefitKind.KR, BenefitStatus.REALISED)].amount == 1_840_000.0
    assert jobcenter[(BenefitKind.KR, BenefitStatus.EXPECTED)].amount == 1_000_000.0
    # the expected hours have no measure: flagged; realised benefits are not
    assert summary.unmeasured == 1
    assert summary.projects == 5
    one = benefit_summary(store, ids[0])
    assert one.total(BenefitKind.KR, BenefitStatus.REALISED).amount == 920_000.0  # type: ignore[union-attr]
    assert one.unmeasured == 0


def test_an_expected_benefit_is_flagged_until_a_live_measure_documents_it(store: Store) -> None:
    log = UndoLog(store)
    project_id = _project(store, "Projekt", "Enhed")
    measure = _measure(store, project_id)
    benefit = add_benefit(log, project_id, title="Sparede timer", kind=BenefitKind.HOURS)
    [row] = list_benefits(store, project_id)
    assert row.unmeasured and row.measure_name == ""
    edit_benefit(log, benefit.id, measure_id=measure)
    [row] = list_benefits(store, project_id)
    assert not row.unmeasured and row.measure_name == "Dage til samtale"
    with store.transaction():
        changelog.delete(store, Measure, measure)
    [row] = list_benefits(store, project_id)
    assert row.unmeasured  # its measure is gone: flagged again
    edit_benefit(log, benefit.id, status=BenefitStatus.REALISED)
    assert not list_benefits(store, project_id)[0].unmeasured


def test_edits_are_undoable_and_rules_hold(store: Store) -> None:
    log = UndoLog(store)
    project_id = _project(store, "Projekt", "Enhed")
    first = add_benefit(log, project_id, title="Første", amount=1.0)
    second = add_benefit(log, project_id, title="Anden", amount=2.0)
    assert [r.benefit.title for r in list_benefits(store, project_id)] == ["Første", "Anden"]
    assert first.order < second.order
    delete_benefit(log, first.id)
    assert [r.benefit.id for r in list_benefits(store, project_id)] == [second.id]
    log.undo()
    assert len(list_benefits(store, project_id)) == 2
    edit_benefit(log, second.id, amount=5.0)
    log.undo()
    assert changelog.load(store, Benefit, second.id).amount == 2.0
    with pytest.raises(InvalidError):
        add_benefit(log, project_id, title="Baglæns", period_from=END, period_to=START)
    with pytest.raises(InvalidError):
        add_benefit(log, project_id, title="Uendelig", amount=float("inf"))
    with pytest.raises(InvalidError):
        add_benefit(log, project_id, title="  ")


def test_the_demo_has_realised_and_expected_benefits_one_flagged(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    summary = benefit_summary(store)
    assert summary.total(BenefitKind.KR, BenefitStatus.REALISED) is not None
    assert summary.total(BenefitKind.KR, BenefitStatus.EXPECTED) is not None
    assert summary.unmeasured == 1
    flagged = [r for r in list_benefits(store) if r.unmeasured]
    assert flagged[0].benefit.kind is BenefitKind.HOURS


def test_a_benefit_whose_period_two_units_crossed_is_still_listed(store: Store) -> None:
    log = UndoLog(store)
    project_id = _project(store, "Projekt", "Enhed")
    benefit = add_benefit(log, project_id, title="Krydset", period_from=START, period_to=END)
    with store.transaction():  # what a merge of two units' edits can leave in the table
        store.execute("UPDATE benefits SET period_from = ? WHERE id = ?",
                      [dt.date(2027, 1, 1).isoformat(), benefit.id])
    [row] = list_benefits(store, project_id)
    assert row.benefit.title == "Krydset" and row.benefit.period_to == END
    assert benefit_summary(store).total(BenefitKind.KR, BenefitStatus.EXPECTED) is not None
