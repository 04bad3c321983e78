"""The fields of a measure for `ChoiceFormDialog`, and the values typed back as model fields:
what the measure is (name, kind, unit, target – one level or a path from a start value and date
to the target by a date –, ...) and how its chart is read (scale, given centre line, negative
values, the sigma rule, warning lines)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from core.errors import InvalidError, TavleError
from core.models import SCALES, Direction, Frequency, Measure, MeasureKind, Sigma
from core.values.dates import format_date
from core.values.days import Looking, parse_day
from core.values.numbers import parse_number, typed_number
from tui.dialogs.choice_form import ChoiceField, Field, TextField, Values
from tui.dialogs.editing import day_preview
from tui.lang import tr, translator

CHART_OPTIONS = ("multiply", "centre", "negative", "sigma", "warning_lines")
"""The chart's options, as fields of the form (and of `Measure`)."""


def _share_text(measure: Measure | None, value: float | None) -> str:
    """A target or centre as typed back, to the last digit: a proportion in per cent."""
    if measure is None or value is None:
        return ""
    if measure.kind is MeasureKind.PROPORTION:
        percent = float(Decimal(repr(float(value))) * 100)
        return tr("format.percent", value=typed_number(percent, translator()))
    return typed_number(value, translator())


def _scale_label(scale: float) -> str:
    if scale == 1:
        return tr("measures.scale_none")
    return tr("measures.scale_per", scale=translator().number(scale, 0))


def chart_option_fields(measure: Measure | None) -> list[Field]:
    """Scale, given centre line, whether values can be negative, the sigma rule (with a line
    saying what each means) and the 2-sigma warning lines."""
    scale = measure.multiply if measure else 1.0
    negative = "" if measure is None or measure.negative is None else (
        "yes" if measure.negative else "no")
    return [
        ChoiceField("multiply", tr("measures.option.scale"),
                    [(_scale_label(s), str(s)) for s in SCALES], str(scale),
                    hint=tr("measures.option.scale_hint")),
        TextField("centre", tr("measures.option.centre"), _share_text(measure, measure.centre
                  if measure else None), placeholder=tr("measures.option.centre_hint")),
        ChoiceField("negative", tr("measures.option.negative"), [
            (tr("measures.option.negative_kind"), ""), (tr("measures.option.negative_yes"), "yes"),
            (tr("measures.option.negative_no"), "no")], negative),
        ChoiceField("sigma", tr("measures.option.sigma"),
                    [(tr(f"enum.sigma.{s.value}"), s.value) for s in Sigma],
                    (measure.sigma if measure else Sigma.QICHARTS2).value,
                    hint=tr("measures.option.sigma_hint")),
        ChoiceField("warning_lines", tr("measures.option.warning_lines"), [
            (tr("measures.option.warning_no"), ""), (tr("measures.option.warning_yes"), "yes")],
                    "yes" if measure and measure.warning_lines else ""),
    ]


def measure_fields(
    measure: Measure | None, steps: Sequence[tuple[str, str]], goals: Sequence[tuple[str, str]],
    today: dt.date,
) -> list[Field]:
    """Name, definition, kind, unit, better direction, frequency, target, step and goal (as
    `core.measures.entry.link_choices` gives them: id and text), and the chart's options."""
    none = [(tr("measures.no_link"), "")]
    return [
        TextField("name", tr("field.name"), measure.name if measure else ""),
        TextField("definition", tr("field.definition"), measure.definition if measure else "",
                  max_length=2000),
        ChoiceField("kind", tr("field.kind"),
                    [(tr(f"enum.measure_kind.{k.value}"), k.value) for k in MeasureKind],
                    (measure.kind if measure else MeasureKind.COUNT).value),
        TextField("unit", tr("field.unit"), measure.unit if measure else ""),
        ChoiceField("better", tr("field.better"),
                    [(tr(f"enum.direction.{d.value}"), d.value) for d in Direction],
                    (measure.better if measure else Direction.HIGHER).value),
        ChoiceField("frequency", tr("field.frequency"),
                    [(tr(f"enum.frequency.{f.value}"), f.value) for f in Frequency],
                    (measure.frequency if measure else Frequency.WEEKLY).value),
        TextField("target", tr("field.target"), _share_text(measure, measure.target
                  if measure else None), placeholder=tr("measures.target_hint")),
        *target_path_fields(measure, today),
        ChoiceField("step_id", tr("field.step_id"), [*none, *((t, i) for i, t in steps)],
                    (measure.step_id or "") if measure else ""),
        ChoiceField("goal_id", tr("field.goal_id"), [*none, *((t, i) for i, t in goals)],
                    (measure.goal_id or "") if measure else ""),
        *chart_option_fields(measure),
    ]


def target_path_fields(measure: Measure | None, today: dt.date) -> list[Field]:
    """The target path's optional fields, next to the target: start value, start date and the
    date the target is to be reached by (all empty: one fixed target). The dates read what
    every date field reads (`target_path_values`) and show what was read as it is typed."""
    return [
        TextField("target_start", tr("field.target_start"),
                  _share_text(measure, measure.target_start if measure else None)),
        TextField("target_from", tr("field.target_from"),
                  format_date(measure.target_from if measure else None),
                  placeholder=tr("charter.date_placeholder"),
                  preview=day_preview(today, Looking.NEAREST)),
        TextField("target_by", tr("field.target_by"),
                  format_date(measure.target_by if measure else None),
                  placeholder=tr("charter.date_placeholder"), hint=tr("splits.target_path_hint"),
                  preview=day_preview(today)),
    ]


def target_path_values(values: Values, target: float | None, proportion: bool,
                       today: dt.date) -> dict[str, Any]:
    """The target path's fields as `Measure` fields: all three or none (a `TavleError` in words
    otherwise, or for an unreadable number or date, or a goal date not after the start). The
    start date without a year is the nearer one ("uge 2"), the goal date the next ("uge 26")."""
    start = _read(lambda: _share(values["target_start"], "target_start", proportion),
                  "field.target_start")
    begin = _read(lambda: parse_day(values["target_from"], "target_from", today, Looking.NEAREST),
                  "field.target_from")
    by = _read(lambda: parse_day(values["target_by"], "target_by", today), "field.target_by")
    given = [v is not None for v in (start, begin, by)]
    if any(given) and not all(given):
        raise InvalidError([("", "splits.path_incomplete", {})])
    if all(given) and target is None:
        raise InvalidError([("", "splits.path_needs_target", {})])
    if begin is not None and by is not None and by <= begin:
        raise InvalidError([("", "error.target_path", {})])
    return {"target_start": start, "target_from": begin, "target_by": by}


def _read(read: Callable[[], Any], label: str) -> Any:
    """A typed value, or a `TavleError` naming the field by its label."""
    try:
        return read()
    except InvalidError as error:
        _, key, params = error.problems[0]
        raise TavleError("error.field_prefix", field=tr(label),
                         message=tr(key, **params)) from None


def _share(text: str, field: str, proportion: bool = False, unit: str = "") -> float | None:
    """A number typed for a target or centre (`InvalidError` when unreadable or ambiguous): on a
    share measure per cent, stored as a fraction – "80" and "80 %" are 0.8, "0,8" is asked
    about; on other measures the number as typed, with or without the measure's unit."""
    return parse_number(text, field, units=(unit,), share=proportion)


def chart_option_values(values: Values, kind: MeasureKind) -> dict[str, Any]:
    """The chart's options as `Measure` fields for a measure of `kind` (raises `InvalidError`
    for an unreadable centre line)."""
    negative = values["negative"]
    return {
        "multiply": float(values["multiply"]),
        "centre": _share(values["centre"], "centre", kind is MeasureKind.PROPORTION),
        "negative": None if not negative else negative == "yes",
        "sigma": Sigma(values["sigma"]),
        "warning_lines": values["warning_lines"] == "yes",
    }


def measure_values(values: Values, today: dt.date) -> dict[str, Any]:
    """The typed values as `Measure` fields (raises `InvalidError` for an unreadable target
    or centre). A target typed with % is a proportion: "80 %" is 0.8."""
    kind = MeasureKind(values["kind"])
    target = _share(values["target"], "target", kind is MeasureKind.PROPORTION,
                    values["unit"].strip())
    return {
        "name": values["name"].strip(), "definition": values["definition"].strip(),
        "kind": kind, "unit": values["unit"].strip(),
        "better": Direction(values["better"]), "frequency": Frequency(values["frequency"]),
        "target": target,
        **target_path_values(values, target, kind is MeasureKind.PROPORTION, today),
        "step_id": values["step_id"] or None, "goal_id": values["goal_id"] or None,
        **chart_option_values(values, kind),
    }
