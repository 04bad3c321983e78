"""The words of the workflow screens: figures, legend, the focused step, the comparison."""

from __future__ import annotations

from core.models import StepSymbol
from core.values.durations import format_span
from core.workflow.maps import COUNTED, MapComparison, MapFigures, StepChange
from tui.lang import tr
from tui.workflow.swimlane_layout import MARKERS


def symbol_name(symbol: StepSymbol) -> str:
    """A symbol's name in the UI language."""
    return tr(f"enum.step_symbol.{symbol.value}")


def duration_text(result: MapFigures) -> str:
    """The total duration, or that no step has one."""
    if not result.timed_steps:
        return tr("workflow.figure.no_duration")
    return format_span(result.duration, tr)


def figure_lines(result: MapFigures) -> list[str]:
    """One line per figure ("Overleveringer: 6"), then the duration and what was not read."""
    lines = [tr("workflow.figure.line", name=tr(f"workflow.figure.{name}"),
                value=getattr(result, name)) for name in COUNTED]
    lines.append(tr("workflow.figure.line", name=tr("workflow.figure.duration"),
                    value=duration_text(result)))
    if result.steps and result.timed_steps < result.steps:
        lines.append(tr("workflow.figure.timed", count=result.timed_steps, total=result.steps))
    if result.unknown_durations:
        lines.append(tr("workflow.figure.unknown",
                        texts=", ".join(f"»{t}«" for t in result.unknown_durations)))
    return lines


def legend_lines() -> list[str]:
    """The markers and what they mean, one per line."""
    return [f"{MARKERS[symbol]} {symbol_name(symbol)}" for symbol in StepSymbol]


def figure_change_lines(comparison: MapComparison) -> list[str]:
    """The figures before and after ("Overleveringer: 6 → 5"), then the duration."""
    lines = [tr("workflow.figure.change", name=tr(f"workflow.figure.{c.name}"),
                before=c.before, after=c.after) for c in comparison.figure_changes()]
    lines.append(tr("workflow.figure.change", name=tr("workflow.figure.duration"),
                    before=duration_text(comparison.before),
                    after=duration_text(comparison.after)))
    return lines


def _quoted(text: str) -> str:
    return text if text else tr("workflow.compare.empty")


def change_detail_lines(change: StepChange) -> list[str]:
    """What changed in a step, field by field (the lane is listed under "moved")."""
    values = {
        "text": (change.before.text, change.after.text),
        "symbol": (symbol_name(change.before.symbol), symbol_name(change.after.symbol)),
        "duration": (change.before.duration, change.after.duration),
    }
    labels = {"text": "field.text", "symbol": "field.symbol", "duration": "field.duration"}
    return [
        tr("workflow.compare.field_line", field=tr(labels[name]),
           before=_quoted(values[name][0]), after=_quoted(values[name][1]))
        for name in change.fields if name in values
    ]


def comparison_lines(comparison: MapComparison) -> list[tuple[str, str]]:
    """The comparison as (style, line) pairs: "title" headings and "" lines."""
    out: list[tuple[str, str]] = [("title", tr("workflow.figure.title"))]
    out += [("", f"  {line}") for line in figure_change_lines(comparison)]
    if not comparison.has_differences:
        return [*out, ("title", tr("workflow.compare.same"))]
    out.append(("title", tr("workflow.compare.removed", count=len(comparison.removed))))
    out += [("", f"  − {step.text}") for step in comparison.removed] or [
        ("", f"  {tr('workflow.compare.none')}")]
    out.append(("title", tr("workflow.compare.added", count=len(comparison.added))))
    out += [("", f"  + {step.text}") for step in comparison.added] or [
        ("", f"  {tr('workflow.compare.none')}")]
    changed = [c for c in comparison.changed if set(c.fields) - {"lane"}]
    out.append(("title", tr("workflow.compare.changed", count=len(changed))))
    for change in changed:
        out.append(("", f"  ~ {change.after.text}"))
        out += [("", f"      {line}") for line in change_detail_lines(change)]
    if not changed:
        out.append(("", f"  {tr('workflow.compare.none')}"))
    out.append(("title", tr("workflow.compare.moved", count=len(comparison.moved))))
    out += [("", "  ↕ " + tr("workflow.compare.moved_line", text=c.after.text,
                                  before=c.lane_before, after=c.lane_after))
            for c in comparison.moved] or [("", f"  {tr('workflow.compare.none')}")]
    return out
