"""A measure at a glance, for studying a cycle: its latest values and what the chart it is read on
says (a run chart or a control chart, named in the sentence). The rules are
`core.measures.qic`'s and `core.measures.signals`', the words `core.measures.words`'; this only
gathers them."""

from __future__ import annotations

from dataclasses import dataclass

from core.db.store import Store
from core.i18n import Translator
from core.measures.signals import measure_status
from core.measures.targets import target_text
from core.measures.words import (
    chart_name,
    format_value,
    part_sentences,
    point_tick,
    reading_text,
    sigma_sentence,
    state_text,
)

LAST = 10
"""How many of the latest values are shown."""


@dataclass(frozen=True)
class Glance:
    """What a screen shows of a measure: name, latest values as text, the signal in words."""

    name: str
    values: list[tuple[str, str]]
    """(period, value) of the latest points, oldest first, formatted for the language (a
    missing period shows as "–")."""
    sentence: str
    """The state, then what the chart says, with the chart's name ("I-kort: …")."""
    target: str


def glance(store: Store, measure_id: str, tx: Translator) -> Glance:
    """The latest values of a measure and what its chart says now."""
    status = measure_status(store, measure_id)
    measure, chart = status.measure, status.chart
    shown = list(zip(status.series.labels, chart.points, strict=True))[-LAST:]
    values = [(point_tick(status.measure, label, tx), format_value(measure, point.y, tx) or "–")
              for label, point in shown]
    words = [state_text(status, tx)]
    if status.part is not None:
        said = [*part_sentences(status.part, tx, chart.chart)]
        limits = sigma_sentence(chart, tx)
        if limits:
            said.append(limits)
        words.append(tx("qic_core.says", chart=chart_name(chart.chart, tx),
                        text=" · ".join(said)))
    if status.reading.variation is not None:
        words.append(reading_text(status.reading, tx))
    return Glance(measure.name, values, " · ".join(words),
                  target_text(measure, tx))
