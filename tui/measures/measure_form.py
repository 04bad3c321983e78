"""The fields of a measure for `ChoiceFormDialog`, and the values typed back as model fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.models import Direction, Frequency, Measure, MeasureKind
from core.values.numbers import parse_number
from tui.dialogs.choice_form import ChoiceField, Field, TextField, Values
from tui.lang import tr, translator


def _target_text(measure: Measure | None) -> str:
    if measure is None or measure.target is None:
        return ""
    if measure.kind is MeasureKind.PROPORTION:
        return translator().percent(measure.target)
    return translator().number(measure.target, 2)


def measure_fields(
    measure: Measure | None, steps: Sequence[tuple[str, str]], goals: Sequence[tuple[str, str]]
) -> list[Field]:
    """Name, definition, kind, unit, better direction, frequency, target, step and goal."""
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
        TextField("target", tr("field.target"), _target_text(measure),
                  placeholder=tr("measures.target_hint")),
        ChoiceField("step_id", tr("field.step_id"), [*none, *steps],
                    (measure.step_id or "") if measure else ""),
        ChoiceField("goal_id", tr("field.goal_id"), [*none, *goals],
                    (measure.goal_id or "") if measure else ""),
    ]


def measure_values(values: Values) -> dict[str, Any]:
    """The typed values as `Measure` fields (raises `InvalidError` for an unreadable target).
    A target typed with % is a proportion: "80 %" is 0.8."""
    target_text = values["target"].strip()
    target = parse_number(target_text.rstrip("%").strip(), "target")
    if target is not None and target_text.endswith("%"):
        target /= 100
    return {
        "name": values["name"].strip(), "definition": values["definition"].strip(),
        "kind": MeasureKind(values["kind"]), "unit": values["unit"].strip(),
        "better": Direction(values["better"]), "frequency": Frequency(values["frequency"]),
        "target": target, "step_id": values["step_id"] or None,
        "goal_id": values["goal_id"] or None,
    }
