"""A measure at a glance, for studying a cycle: its latest values and what its run chart says.
The rules are `core.measures.signals`', the words `core.measures.words`'; this only gathers them."""

from __future__ import annotations

from dataclasses import dataclass

from core.db.store import Store
from core.i18n import Translator
from core.measures.signals import measure_status
from core.measures.words import format_value, part_sentences, state_text
from core.values.periods import period_tick

LAST = 10
"""How many of the latest values are shown."""


@dataclass(frozen=True)
class Glance:
    """What a screen shows of a measure: name, latest values as text, the signal in words."""

    name: str
    values: list[tuple[str, str]]
    """(period, value) of the latest points, oldest first, formatted for the language."""
    sentence: str
    target: str


def glance(store: Store, measure_id: str, tx: Translator) -> Glance:
    """The latest values of a measure and what its chart says now."""
    status = measure_status(store, measure_id)
    measure = status.measure
    points = status.series.points[-LAST:]
    values = [(period_tick(p.period, tx), format_value(measure, p.shown_value, tx))
              for p in points]
    words = [state_text(status, tx)]
    if status.part is not None:
        words += part_sentences(status.part, tx)
    return Glance(measure.name, values, " · ".join(words),
                  format_value(measure, measure.target, tx))
