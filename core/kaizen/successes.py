"""Successes the team celebrates (fejr succeserne): a routine that became the standard, a measure
that shows a real change in its better direction.

Tavle offers to record a success when a card reaches Standard (`core.kaizen.cycles.adopt`) and
when a measure signals in its better direction (`signal_offers`, shown when a kaizen meeting ends);
the team decides whether to record it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.measures.signals import measure_status, project_measure_ids
from core.measures.words import chart_name
from core.models import Success


@dataclass(frozen=True)
class SuccessOffer:
    """A success Tavle suggests recording: its text and what it is about."""

    text: str
    card_id: str | None = None
    measure_id: str | None = None


def record(log: UndoLog, project_id: str, text: str, *, on: dt.date, card_id: str | None = None,
           measure_id: str | None = None, meeting_id: str | None = None,
           recorded_by: str = "") -> Success:
    """Write a success (raises `InvalidError` when the text is empty)."""
    return log.create(changelog.build(
        Success, project_id=project_id, text=text.strip()[:200], on=on, card_id=card_id,
        measure_id=measure_id, meeting_id=meeting_id, recorded_by=recorded_by,
    ))


def list_successes(store: Store, project_id: str) -> list[Success]:
    """The project's successes, newest first."""
    rows = store.execute(
        "SELECT id FROM successes WHERE project_id = ? AND _exists ORDER BY \"on\" DESC, id",
        [project_id],
    ).fetchall()
    return [changelog.load(store, Success, id_) for (id_,) in rows]


def of_meeting(store: Store, meeting_id: str) -> list[Success]:
    """The successes recorded at a meeting, oldest first."""
    rows = store.execute(
        "SELECT id FROM successes WHERE meeting_id = ? AND _exists ORDER BY \"on\", id",
        [meeting_id],
    ).fetchall()
    return [changelog.load(store, Success, id_) for (id_,) in rows]


def card_offers(store: Store, project_id: str, tx: Translator, *,
                since: dt.date) -> list[SuccessOffer]:
    """Cards that reached Standard on or after `since` (their last cycle adopted then, or the
    card moved there) and have no success recorded yet."""
    rows = store.execute(
        "SELECT c.id, c.title FROM kaizen_cards c WHERE c.project_id = ? AND c._exists "
        "AND NOT COALESCE(c.archived, 0) AND c.\"column\" = 'standard' "
        "AND NOT EXISTS (SELECT 1 FROM successes s WHERE s.card_id = c.id AND s._exists) "
        "AND EXISTS (SELECT 1 FROM cycles y WHERE y.card_id = c.id AND y._exists "
        "AND y.act = 'adopt' AND y.ended_on >= ?) ORDER BY c.\"order\", c.id",
        [project_id, since.isoformat()],
    ).fetchall()
    return [SuccessOffer(tx("successes.offer_card", title=title), card_id=id_)
            for id_, title in rows]


def signal_offers(store: Store, project_id: str, tx: Translator, *,
                  today: dt.date) -> list[SuccessOffer]:
    """Measures whose chart (the one each is read on) signals in their better direction now and
    whose success has not been recorded yet (the offer names the chart)."""
    recorded = {
        measure_id for (measure_id,) in store.execute(
            "SELECT measure_id FROM successes WHERE project_id = ? AND _exists "
            "AND measure_id IS NOT NULL", [project_id]).fetchall()
    }
    offers = []
    for measure_id in project_measure_ids(store, project_id):
        if measure_id in recorded:
            continue
        status = measure_status(store, measure_id, until=today)
        if status.signal and status.direction == "better":
            offers.append(SuccessOffer(
                tx("qic_core.offer_signal", measure=status.measure.name,
                   chart=chart_name(status.chart.chart, tx)),
                measure_id=measure_id))
    return offers


def summary(store: Store, project_id: str) -> tuple[int, Success | None]:
    """How many successes the project has recorded, and the latest."""
    found = list_successes(store, project_id)
    return len(found), (found[0] if found else None)
