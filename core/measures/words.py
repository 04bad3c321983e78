"""The signals of a run chart or control chart, spelled out in words from the catalogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core.i18n import Translator
from core.measures.assurance import Assurance, Reading, Variation
from core.measures.qic import Part, Qic
from core.measures.runs import BELOW, FEW_USEFUL
from core.measures.signals import MeasureStatus
from core.models import Chart, Entry, Measure, MeasureKind
from core.values.periods import period_label, period_tick


def point_label(measure: Measure, key: str, tr: Translator) -> str:
    """A chart point's name: its period ("uge 47 2026", "november 2026"), or for a rare-event
    measure the event's date (dd-mm-åååå)."""
    if measure.entry is Entry.EVENTS:
        return tr.date(dt.date.fromisoformat(key))
    return period_label(key, tr)


def point_tick(measure: Measure, key: str, tr: Translator) -> str:
    """A chart point's short name under the x axis: "u47", "nov 26", or an event's day and
    month ("03-11")."""
    if measure.entry is Entry.EVENTS:
        day_month = tr("format.date").replace("%Y", "").strip("-./ ")
        return dt.date.fromisoformat(key).strftime(day_month)
    return period_tick(key, tr)


def chart_name(chart: Chart, tr: Translator) -> str:
    """A chart type's name: "Seriediagram", "I-kort", "P′-kort (Laney)" …"""
    return tr(f"qic.chart.{chart.value}")


def centre_name(chart: Chart, tr: Translator) -> str:
    """What the centre line is: the median on run and G charts, else the mean."""
    return tr("qic.median") if chart in (Chart.RUN, Chart.G) else tr("qic.mean")


def part_sentences(part: Part, tr: Translator, chart: Chart = Chart.RUN) -> list[str]:
    """What the Anhøj rules say about one part of a chart, against its own centre line: each
    signal or "no sign", and – below 10 useful points – that the rules have little power
    (the rules still apply; nothing is hidden)."""
    runs = part.runs
    centre = centre_name(chart, tr)
    sentences = []
    if chart is Chart.MR:
        return []
    if runs.long_run_signal:
        longest = max(runs.signal_runs, key=lambda run: (run.length, run.indexes[-1]))
        key = "qic.run_below" if longest.side == BELOW else "qic.run_above"
        sentences.append(tr(key, count=longest.length, limit=runs.longest_run_max,
                            centre=centre))
    if runs.crossings_signal:
        sentences.append(tr.count("qic.crossings", runs.crossings or 0,
                                 limit=runs.crossings_min, centre=centre))
    if not sentences:
        sentences.append(tr("qic.no_runs_signal") if runs.n_useful else tr("qic.no_useful"))
    if runs.n_useful and runs.few:
        sentences.append(tr.count("qic.few_points", runs.n_useful, needed=FEW_USEFUL))
    return sentences


def sigma_sentence(chart: Qic, tr: Translator) -> str:
    """How many points lie outside the limits (or that the chart has none)."""
    if not chart.chart.has_limits:
        return ""
    if not chart.has_limits:
        return tr("qic.no_limits")
    count = len(chart.sigma_indexes)
    return tr.count("qic.sigma_signal", count) if count else tr("qic.sigma_none")


BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], width: int = 16) -> str:
    """The last `width` values as a line of block characters (lowest ▁, highest █)."""
    shown = list(values)[-width:]
    if not shown:
        return ""
    low, high = min(shown), max(shown)
    span = high - low
    if span == 0:
        return BLOCKS[3] * len(shown)
    return "".join(BLOCKS[min(7, int((v - low) / span * 8))] for v in shown)


def format_value(measure: Measure, value: float | None, tr: Translator) -> str:
    """A value as the measure shows it: a proportion in per cent, else a number and its unit."""
    if value is None:
        return ""
    if measure.kind is MeasureKind.PROPORTION:
        return tr.percent(value)
    text = tr.number(value, 2 if measure.kind is MeasureKind.RATE else 1)
    return f"{text} {measure.unit}".strip()


def state_text(status: MeasureStatus, tr: Translator) -> str:
    """A measure's signal state in a few words, with a marker (for the overview)."""
    part = status.part
    if part is None:
        return tr("measures.no_data")
    if status.signal:
        chart = chart_name(status.chart.chart, tr)
        if status.direction == "better":
            return tr("qic.state_better", chart=chart)
        if status.direction == "worse":
            return tr("qic.state_worse", chart=chart)
        return tr("qic.state_plain", chart=chart)
    if part.runs.few:
        return tr.count("measures.few", part.runs.n_useful)
    return tr("measures.no_signal")


VARIATION_SYMBOL: dict[Variation, str] = {
    Variation.COMMON: "~", Variation.IMPROVING: "▲", Variation.CONCERNING: "▼",
    Variation.NEITHER: "◆",
}
"""A symbol beside each variation word (never colour alone: a projector washes it out)."""
ASSURANCE_SYMBOL: dict[Assurance, str] = {
    Assurance.PASS: "✓", Assurance.HIT_AND_MISS: "±", Assurance.FAIL: "✗",
}


def variation_text(reading: Reading, tr: Translator, *, short: bool = False) -> str:
    """The variation as a symbol and words ("▲ særlig årsag – forbedring"; `short`:
    "▲ forbedring"); "Ingen data" without points."""
    if reading.variation is None:
        return tr("measures.no_data")
    words = "mdc.variation_short" if short else "mdc.variation_word"
    return f"{VARIATION_SYMBOL[reading.variation]} {tr(f'{words}.{reading.variation}')}"


def assurance_text(reading: Reading, tr: Translator, *, short: bool = False) -> str:
    """The assurance as a symbol and words ("✓ når målet hver gang"), or why there is none
    ("intet mål", "kræver kontrolgrænser"); "–" without points."""
    if reading.variation is None:
        return "–"
    words = "mdc.assurance_short" if short else "mdc.assurance_word"
    if reading.assurance is None:
        why = "no_target" if reading.target is None else "no_limits"
        return f"– {tr(f'{words}.{why}')}"
    return f"{ASSURANCE_SYMBOL[reading.assurance]} {tr(f'{words}.{reading.assurance}')}"


def reading_text(reading: Reading, tr: Translator, *, short: bool = False) -> str:
    """Variation and assurance in one line ("~ almindelig variation · ✓ når målet hver
    gang")."""
    variation = variation_text(reading, tr, short=short)
    return f"{variation} · {assurance_text(reading, tr, short=short)}"


def reading_sentence(status: MeasureStatus, tr: Translator) -> str:
    """Variation since when, and assurance against which target, in full words ("Variation:
    ▲ særlig årsag – forbedring siden uge 38 2026 · Når målet? ✗ når ikke målet (mål 14
    dage)"); "" without points."""
    reading = status.reading
    labels = status.series.labels
    if reading.variation is None or not labels:
        return ""
    since = labels[reading.since] if reading.since is not None else labels[0]
    variation = tr("mdc.variation_since", variation=variation_text(reading, tr),
                   since=point_label(status.measure, since, tr))
    if reading.target is None:
        assurance = tr("mdc.assurance_plain", assurance=assurance_text(reading, tr))
    else:
        assurance = tr("mdc.assurance_target", assurance=assurance_text(reading, tr),
                       target=format_value(status.measure, reading.target, tr))
    return f"{variation} · {assurance}"
