"""The fields of a benefit for `ChoiceFormDialog`, and the typed values back as model fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from core.closing.benefits import parse_amount
from core.errors import InvalidError
from core.models import Benefit, BenefitKind, BenefitStatus
from core.values.days import Looking, parse_day
from tui.dialogs.choice_form import ChoiceField, Field, TextField, Values
from tui.dialogs.editing import day_preview
from tui.lang import tr, translator


def _amount_text(benefit: Benefit | None) -> str:
    if benefit is None or benefit.amount is None:
        return ""
    return translator().number(benefit.amount, 2)


def _current_measure(benefit: Benefit | None, measures: Sequence[tuple[str, str]]) -> str:
    """The documenting measure's id when it is still a choice, else "" (none)."""
    ids = {value for _, value in measures}
    return (benefit.measure_id or "") if benefit and benefit.measure_id in ids else ""


def benefit_fields(benefit: Benefit | None, measures: Sequence[tuple[str, str]],
                   today: dt.date) -> list[Field]:
    """What, kind, expected or realised, amount, unit, period, how computed, measure, note.
    The period's dates show what they are read as while they are typed (`benefit_values`)."""
    t = translator()
    none = [(tr("benefits.no_measure"), "")]
    return [
        TextField("title", tr("benefits.form.title_label"), benefit.title if benefit else "",
                  placeholder=tr("benefits.form.title_placeholder")),
        ChoiceField("kind", tr("field.kind"),
                    [(tr(f"enum.benefit_kind.{k.value}"), k.value) for k in BenefitKind],
                    (benefit.kind if benefit else BenefitKind.KR).value),
        ChoiceField("status", tr("field.status"),
                    [(tr(f"enum.benefit_status.{s.value}"), s.value) for s in BenefitStatus],
                    (benefit.status if benefit else BenefitStatus.EXPECTED).value),
        TextField("amount", tr("field.amount"), _amount_text(benefit),
                  placeholder=tr("benefits.form.amount_placeholder")),
        TextField("unit", tr("benefits.form.unit_label"), benefit.unit if benefit else "",
                  placeholder=tr("benefits.form.unit_placeholder")),
        TextField("period_from", tr("field.period_from"),
                  t.date(benefit.period_from) if benefit else "",
                  placeholder=tr("benefits.form.date_placeholder"),
                  preview=day_preview(today, Looking.THIS_YEAR)),
        TextField("period_to", tr("field.period_to"),
                  t.date(benefit.period_to) if benefit else "",
                  placeholder=tr("benefits.form.date_placeholder"),
                  preview=day_preview(today, Looking.THIS_YEAR_END)),
        TextField("how_computed", tr("field.how_computed"),
                  benefit.how_computed if benefit else "", max_length=2000,
                  placeholder=tr("benefits.form.how_placeholder")),
        ChoiceField("measure_id", tr("benefits.form.measure_label"), [*none, *measures],
                    _current_measure(benefit, measures)),
        TextField("note", tr("field.note"), benefit.note if benefit else "", max_length=2000),
    ]


def benefit_values(values: Values, today: dt.date) -> dict[str, Any]:
    """The typed values as `Benefit` fields (raises `InvalidError` naming every unreadable
    field: the amount, the dates). A date without its year is this year's, as in Excel, and a
    week is its Monday for the start and its Sunday for the end: "uge 1" to "uge 26" is this
    year's first half."""
    problems: list[tuple[str, str, dict[str, Any]]] = []
    parsed: dict[str, Any] = {}
    readers = (
        ("amount", parse_amount),
        ("period_from", lambda text: parse_day(text, "period_from", today, Looking.THIS_YEAR)),
        ("period_to", lambda text: parse_day(text, "period_to", today, Looking.THIS_YEAR_END)),
    )
    for name, read in readers:
        try:
            parsed[name] = read(values[name])
        except InvalidError as error:
            problems += error.problems
    if problems:
        raise InvalidError(problems)
    return {
        "title": values["title"].strip(), "kind": BenefitKind(values["kind"]),
        "status": BenefitStatus(values["status"]), "unit": values["unit"].strip(),
        "how_computed": values["how_computed"].strip(), "measure_id": values["measure_id"] or None,
        "note": values["note"].strip(), **parsed,
    }
