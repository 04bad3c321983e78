"""A measure's chart as report data: points, centre lines, limits, signals and the rules in words.

Everything comes from the chart the measure is read on (`core.measures.signals.status_of`, i.e.
`core.measures.qic.qic`), so the picture and the sentences agree with the measures screen: the
centre line of each point (the median of a run chart, the mean of a control chart), the limits
where the chart has them, the points in a signalling run against that centre line and the
points outside the limits. Every sentence names the chart its signal belongs to.
"""

from __future__ import annotations

from core.i18n import Translator
from core.measures.qic import Qic
from core.measures.signals import MeasureStatus, Series
from core.measures.targets import target_points, target_text
from core.measures.words import (
    centre_name,
    chart_name,
    format_value,
    part_sentences,
    point_label,
    point_tick,
    sigma_sentence,
    state_text,
)
from core.models import Chart as ChartType
from core.models import MeasureKind
from core.reports.model import Chart, ChartPart, ChartPoint, Mark

MEDIAN_CHARTS = (ChartType.RUN, ChartType.G)
"""Charts whose centre line is a median (the others' is a mean)."""


def says(chart: ChartType, text: str, tr: Translator) -> str:
    """A sentence about a chart, with the chart's name: "I-kort: Signal: …"."""
    return tr("qic_core.says", chart=chart_name(chart, tr), text=text)


def chart_sentences(series: Series, qic: Qic, tr: Translator) -> list[str]:
    """The rules in words for each part, the points outside the limits and the frozen
    baselines, each naming the chart (shared by the reports and the text exports)."""
    if not qic.points:
        return [tr("reports.chart.no_points")]
    chart = qic.chart
    lines = []
    for part in qic.parts:
        text = " · ".join(part_sentences(part, tr, chart))
        if not text:
            continue  # an MR chart has no runs analysis
        if len(qic.parts) > 1:
            lines.append(tr("qic_core.part_says", chart=chart_name(chart, tr),
                            number=part.number + 1,
                            period=point_label(series.measure, series.labels[part.start], tr),
                            text=text))
        else:
            lines.append(says(chart, text, tr))
    limits = sigma_sentence(qic, tr)
    if limits:
        lines.append(says(chart, limits, tr))
    key = "qic_core.frozen_limits" if qic.has_limits else "qic_core.frozen"
    for part in qic.parts:
        if part.frozen is not None:
            last = series.labels[part.start + part.frozen - 1]
            lines.append(tr(key, centre=centre_name(chart, tr),
                            period=point_label(series.measure, last, tr)))
    return lines


def legend(qic: Qic, tr: Translator, *, target: bool, marks: bool) -> str:
    """What the marks of this chart mean: only the ones it shows."""
    points = qic.points
    words = [tr("qic_core.legend.point")]
    if qic.chart is not ChartType.MR:
        words.append(tr("qic_core.legend.signal"))
    if qic.chart.has_limits:
        words.append(tr("qic_core.legend.sigma"))
    if any(not p.include for p in points):
        words.append(tr("qic_core.legend.excluded"))
    if any(p.y is None for p in points):
        words.append(tr("qic_core.legend.missing"))
    words.append(tr("qic_core.legend.centre", centre=centre_name(qic.chart, tr)))
    if qic.has_limits:
        words.append(tr("qic_core.legend.limits"))
    if target:
        words.append(tr("qic_core.legend.target"))
    if marks:
        words.append(tr("qic_core.legend.mark"))
    return " · ".join(words)


def chart_of(status: MeasureStatus, tr: Translator) -> Chart:
    """The chart of a measure's status (the one it is read on), ready to draw and to read."""
    series, measure, qic = status.series, status.measure, status.chart
    runs = qic.run_indexes
    sigma = set(qic.sigma_indexes)

    def shown(value: float | None) -> str:
        return format_value(measure, value, tr)

    points = tuple(
        ChartPoint(
            period=key, label=point_label(series.measure, key, tr),
            tick=point_tick(series.measure, key, tr),
            value=point.y, shown=shown(point.y), centre=point.cl, centre_shown=shown(point.cl),
            signal=point.index in runs, sigma=point.index in sigma, lcl=point.lcl,
            ucl=point.ucl, lcl_shown=shown(point.lcl), ucl_shown=shown(point.ucl),
            excluded=not point.include,
        )
        for key, point in zip(series.labels, qic.points, strict=True)
    )
    parts = tuple(
        ChartPart(part.start, part.end, part.centre, shown(part.centre),
                  part.start + part.frozen if part.frozen is not None else None)
        for part in qic.parts
    )
    located = [(series.index_at(a.on), a) for a in series.annotations]
    marks = tuple(
        Mark(index, number, tr.date(note.on), note.text, note.split)
        for number, (index, note) in enumerate(
            ((i, a) for i, a in located if i is not None), start=1)
    )
    about = [chart_name(qic.chart, tr), tr(f"enum.measure_kind.{measure.kind.value}"),
             tr(f"enum.direction.{measure.better.value}")]
    if measure.unit:
        about.append(measure.unit)
    return Chart(
        measure_id=measure.id, title=measure.name, subtitle=" · ".join(about), points=points,
        parts=parts, marks=marks, sentences=tuple(chart_sentences(series, qic, tr)),
        state=state_text(status, tr), target=measure.target,
        target_shown=target_text(measure, tr), targets=target_points(series) or (),
        percent=measure.kind is MeasureKind.PROPORTION, last_shown=shown(status.last_value),
        chart=qic.chart.value, chart_name=chart_name(qic.chart, tr),
        median=qic.chart in MEDIAN_CHARTS,
        legend=legend(qic, tr, target=measure.target is not None, marks=bool(marks)),
    )


def centre_text(chart: Chart, value: str, tr: Translator) -> str:
    """The last part's centre line with its value: "Median: 14 dage", "Middelværdi: 19 dage"."""
    return tr("reports.chart.median" if chart.median else "qic_core.mean", value=value)


def mark_text(mark: Mark, tr: Translator, *, median: bool = True) -> str:
    """A change marked on a chart, in words: "24-11-2026: Fælles screening (ny del)" (a new
    part of a control chart gets a centre line and limits of its own, not a median)."""
    key = "reports.chart.mark"
    if mark.split:
        key = "reports.chart.mark_split" if median else "qic_core.mark_split"
    return tr(key, date=mark.date, text=mark.text)
