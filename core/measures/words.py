"""The signals of a run chart or control chart, spelled out in words from the catalogs."""

from __future__ import annotations

from collections.abc import Sequence

from core.i18n import Translator
from core.measures.controlchart import ControlChart
from core.measures.runchart import BELOW, MIN_USEFUL, Part
from core.measures.signals import MeasureStatus
from core.models import Measure, MeasureKind


def part_sentences(part: Part, tr: Translator) -> list[str]:
    """What the Anhøj rules say about one part: each signal, "no sign", or "too few points"."""
    if part.too_few:
        return [tr("runchart.too_few", count=part.n_useful, needed=MIN_USEFUL)]
    sentences = []
    if part.long_run_signal:
        longest = max(part.signal_runs, key=lambda run: (run.length, run.indexes[-1]))
        key = "runchart.signal_run_below" if longest.side == BELOW else "runchart.signal_run_above"
        sentences.append(tr(key, count=longest.length, limit=part.longest_run_limit))
    if part.crossings_signal:
        sentences.append(
            tr("runchart.signal_crossings", count=part.crossings, limit=part.crossings_limit))
    return sentences or [tr("runchart.no_signal")]


def sigma_sentence(chart: ControlChart, tr: Translator) -> str:
    """How many points lie outside the control limits."""
    count = len(chart.signal_indexes)
    return tr("runchart.sigma_signal", count=count) if count else tr("runchart.sigma_none")


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
        if status.direction == "better":
            return tr("measures.signal_better")
        if status.direction == "worse":
            return tr("measures.signal_worse")
        return tr("measures.signal_plain")
    if part.too_few:
        return tr("measures.too_few", count=part.n_useful)
    return tr("measures.no_signal")
