"""What a cycle's study shows of its measure: the latest ten values and the signal in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.demo.build import open_demo
from core.i18n import Translator
from core.measures.glance import glance


def test_the_demo_measure_that_signals(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    [(measure_id,)] = store.execute(
        "SELECT id FROM measures WHERE name LIKE 'Dage fra sygemelding%' "
        "AND COALESCE(entry, 'period') = 'period'").fetchall()
    seen = glance(store, measure_id, Translator("da"))
    assert seen.name.startswith("Dage fra sygemelding")
    assert len(seen.values) == 10 and seen.values[-1][0] == "u47"
    assert seen.values[-1][1].endswith("dage")
    assert seen.target == "14 dage"
    # the signal belongs to the chart the measure is read on, and the sentence says which
    assert seen.sentence.startswith("▲ Signal – bedre (I-kort) · I-kort: Signal: 16 punkter i "
                                    "træk over middelværdien (grænse 8)")
    # then variation and assurance: the limits of the one part lie above the target
    assert seen.sentence.endswith("Signal: 12 punkter uden for kontrolgrænserne · "
                                  "▲ særlig årsag – forbedring · ✗ når ikke målet")
