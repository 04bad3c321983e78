"""A measure's run chart as report data: points, medians, signals and the rules in words.

Everything comes from core's own analysis (`core.measures.signals.status_of`, i.e.
`core.measures.runchart` and `core.measures.controlchart`), so the picture and the sentences agree
with the measures screen.
"""

from __future__ import annotations

from core.i18n import Translator
from core.measures.signals import MeasureStatus
from core.measures.words import format_value, part_sentences, sigma_sentence, state_text
from core.models import MeasureKind
from core.reports.model import Chart, ChartPart, ChartPoint, Mark
from core.values.periods import period_label, period_tick


def _sentences(status: MeasureStatus, tr: Translator) -> list[str]:
    series = status.series
    if not series.points:
        return [tr("reports.chart.no_points")]
    parts = status.analysis.parts
    lines = []
    for number, part in enumerate(parts, start=1):
        prefix = ""
        if len(parts) > 1:
            prefix = tr("runchart.part", number=number,
                        period=period_label(series.periods[part.start], tr)) + " "
        lines.append(prefix + " · ".join(part_sentences(part, tr)))
    if status.control.signal_indexes:
        lines.append(sigma_sentence(status.control, tr))
    if status.measure.baseline_until:
        lines.append(tr("runchart.frozen", period=period_label(status.measure.baseline_until, tr)))
    return lines


def chart_of(status: MeasureStatus, tr: Translator) -> Chart:
    """The run chart of a measure's status, ready to draw and to read."""
    series, measure, analysis = status.series, status.measure, status.analysis
    centres = analysis.centres()
    runs = analysis.signal_indexes
    sigma = set(status.control.signal_indexes)

    def shown(value: float | None) -> str:
        return format_value(measure, value, tr)

    points = tuple(
        ChartPoint(
            period=point.period, label=period_label(point.period, tr),
            tick=period_tick(point.period, tr), value=value, shown=shown(value),
            centre=centre, centre_shown=shown(centre), signal=index in runs,
            sigma=index in sigma,
        )
        for index, (point, value, centre) in enumerate(
            zip(series.points, series.values, centres, strict=True))
    )
    parts = tuple(
        ChartPart(part.start, part.end, part.centre, shown(part.centre),
                  part.baseline_end if part.frozen else None)
        for part in analysis.parts
    )
    located = [(series.index_at(a.on), a) for a in series.annotations]
    marks = tuple(
        Mark(index, number, tr.date(note.on), note.text, note.split)
        for number, (index, note) in enumerate(
            ((i, a) for i, a in located if i is not None), start=1)
    )
    about = [tr(f"enum.measure_kind.{measure.kind.value}"),
             tr(f"enum.direction.{measure.better.value}")]
    if measure.unit:
        about.append(measure.unit)
    return Chart(
        measure_id=measure.id, title=measure.name, subtitle=" · ".join(about), points=points,
        parts=parts, marks=marks, sentences=tuple(_sentences(status, tr)),
        state=state_text(status, tr), target=measure.target, target_shown=shown(measure.target),
        percent=measure.kind is MeasureKind.PROPORTION, last_shown=shown(status.last_value),
    )


def mark_text(mark: Mark, tr: Translator) -> str:
    """A change marked on a chart, in words: "24-11-2026: Fælles screening (ny del)"."""
    key = "reports.chart.mark_split" if mark.split else "reports.chart.mark"
    return tr(key, date=mark.date, text=mark.text)
