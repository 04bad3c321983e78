"""Deviation alerts: past the threshold the worse way, a new signal on the worse side, the better
direction never alerts, and an acknowledged alert is not raised again for the same event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.models import AlertAck, Direction
from core.teams.alerts import acknowledge, alert_text, find_alerts, history, open_alerts
from core.teams.states import judge, load_org
from tests.core.teams import teamcmp_org as org

CALM = [4.0, 4.4, 3.9, 4.2, 4.1, 3.8, 4.3, 4.0, 4.2, 3.9, 4.1, 4.0, 4.3, 3.9, 4.1]
"""Fifteen weeks of ordinary sick leave: no signal, under the threshold of 8 %."""


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "alerts.db")


def _alerts(store: Store, org_id: str) -> list[tuple[str, str, str]]:
    data = judge(load_org(store, org_id))
    return [(a.team.name, a.kind, a.period) for a in open_alerts(store, data)]


def test_a_sharp_rise_past_the_threshold_raises_both_alerts_in_words(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id)
    calm, rising = org.team(store, org_id, "Rolig"), org.team(store, org_id, "Stiger")
    org.values(store, org_id, calm, sick.id, CALM)
    periods = org.values(store, org_id, rising, sick.id, [*CALM, 9.8])
    data = judge(load_org(store, org_id))
    alerts = find_alerts(data)
    assert [(a.team.name, a.kind, a.period) for a in alerts] == [
        ("Stiger", "threshold", periods[-1]), ("Stiger", "signal", periods[-1])]
    threshold = alerts[0]
    da = Translator("da")
    assert alert_text(threshold, da) == (
        "Sygefravær steg fra 4,1 % til 9,8 % i uge 16 2026; over alarmgrænsen 8 %")
    assert alert_text(alerts[1], da).startswith("Sygefravær ligger usædvanligt højt siden uge 16")
    assert "rose from 4.1% to 9.8% in week 16 2026" in alert_text(threshold, Translator("en"))


def test_past_the_threshold_but_improving_raises_no_threshold_alert(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id)
    team_id = org.team(store, org_id, "Nord")
    org.values(store, org_id, team_id, sick.id, [9.5, 9.0])
    assert _alerts(store, org_id) == []
    org.values(store, org_id, team_id, sick.id, [9.5, 9.0, 9.0])
    assert _alerts(store, org_id) == []  # no change: nothing new happened


def test_a_first_value_past_the_threshold_raises_an_alert(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id)
    team_id = org.team(store, org_id, "Nord")
    org.values(store, org_id, team_id, sick.id, [8.5])
    data = judge(load_org(store, org_id))
    (alert,) = find_alerts(data)
    assert alert_text(alert, Translator("da")) == (
        "Sygefravær var 8,5 % i uge 1 2026; over alarmgrænsen 8 %")


def test_higher_is_better_alerts_on_a_fall_below_the_threshold(store: Store) -> None:
    org_id = org.organisation(store)
    share = org.figure(store, org_id, "Klienttid", better=Direction.HIGHER, target=60,
                       threshold=50)
    team_id = org.team(store, org_id, "Nord")
    org.values(store, org_id, team_id, share.id, [55.0, 48.0])
    data = judge(load_org(store, org_id))
    (alert,) = find_alerts(data)
    assert alert.kind == "threshold"
    assert alert_text(alert, Translator("da")).startswith(
        "Klienttid faldt fra 55 % til 48 % i uge 2 2026; under alarmgrænsen 50 %")
    org.values(store, org_id, team_id, share.id, [55.0, 48.0, 70.0])  # rises: the better way
    assert _alerts(store, org_id) == []


def test_a_signal_on_the_better_side_raises_no_alert(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id, threshold=None)
    team_id = org.team(store, org_id, "Nord")
    org.values(store, org_id, team_id, sick.id, [*CALM, 0.5])
    data = judge(load_org(store, org_id))
    state = data.states[(team_id, sick.id)]
    assert state.signal and state.direction == "better"
    assert find_alerts(data) == []


def test_a_long_run_on_the_worse_side_is_one_event(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id, threshold=None)
    team_id = org.team(store, org_id, "Nord")
    lifted = [*CALM[:10], 5.0, 5.1, 5.2, 5.0, 5.3, 5.1, 5.2, 5.4, 5.1, 5.2]
    periods = org.values(store, org_id, team_id, sick.id, lifted)
    first = _alerts(store, org_id)
    assert [kind for _, kind, _ in first] == ["signal"]
    start = first[0][2]
    assert start in periods[10:]
    for more in ([5.3], [5.3, 5.2], [5.3, 5.2, 5.4]):
        org.values(store, org_id, team_id, sick.id, [*lifted, *more])
        assert _alerts(store, org_id) == [("Nord", "signal", start)]


def test_an_acknowledged_alert_leaves_the_list_and_stays_in_the_history(store: Store) -> None:
    org_id = org.organisation(store)
    sick = org.figure(store, org_id)
    team_id = org.team(store, org_id, "Stiger")
    org.values(store, org_id, team_id, sick.id, [*CALM, 9.8])
    log = UndoLog(store)
    data = judge(load_org(store, org_id))
    threshold, signal = open_alerts(store, data)
    ack = acknowledge(log, threshold, "Spurgt: hvad skete der? Svar: influenza i teamet.",
                      by="MH", on=dt.date(2026, 4, 20))
    assert ack.id == AlertAck.id_for(team_id, sick.id, threshold.period, "threshold")
    assert [a.kind for a in open_alerts(store, data)] == ["signal"]
    # the same event is not raised again, also after reading the data anew
    assert [kind for _, kind, _ in _alerts(store, org_id)] == ["signal"]
    (entry,) = history(store, team_id)
    assert (entry.figure_name, entry.ack.note, entry.ack.acknowledged_by) == (
        "Sygefravær", "Spurgt: hvad skete der? Svar: influenza i teamet.", "MH")
    log.undo()
    assert len(open_alerts(store, data)) == 2 and history(store, team_id) == []
    acknowledge(log, threshold, "Igen", by="MH")
    acknowledge(log, signal, "Samme sag", by="MH")
    assert open_alerts(store, data) == []
    assert [e.ack.note for e in history(store, team_id)] == ["Igen", "Samme sag"] or [
        e.ack.note for e in history(store, team_id)] == ["Samme sag", "Igen"]
    # a new, higher value is a new event: raised again
    org.values(store, org_id, team_id, sick.id, [*CALM, 9.8, 12.0])
    assert ("Stiger", "threshold", org.weeks(17)[-1]) in _alerts(store, org_id)
