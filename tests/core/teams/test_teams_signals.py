"""figure_state: one team figure series judged by the measures core's rules."""

from __future__ import annotations

from core.i18n import Translator
from core.measures.runchart import analyse
from core.models import Direction, KeyFigure, MeasureKind
from core.teams.signals import FigureRule, figure_state, state_of
from core.teams.words import change_text, format_figure, verdict_text

DA = Translator("da")
STABLE = [5.0, 5.4, 4.8, 5.1, 5.3, 4.9, 5.2, 4.7, 5.0, 5.3, 4.8, 5.1, 5.2, 4.9]


def _sick(**values: object) -> KeyFigure:
    fields: dict[str, object] = {
        "org_id": "o", "key": "sick_leave_pct", "name": "Sygefravær", "unit": "%",
        "kind": MeasureKind.PROPORTION, "better": Direction.LOWER, "target": 6.0,
        "alert_threshold": 8.0}
    return KeyFigure.model_validate({**fields, **values})


def test_stable_series_on_target() -> None:
    state = figure_state(STABLE, _sick())
    assert not state.signal and state.verdict == "on_target"
    assert state.last == 4.9 and round(state.change or 0, 6) == -0.3
    assert state.change_better is True and not state.past_threshold
    assert verdict_text(state, DA) == "✓ På mål"
    assert change_text(state, DA) == "−0,3 (bedre)"


def test_off_target_without_a_signal() -> None:
    state = figure_state(STABLE, _sick(target=4.0))
    assert state.verdict == "off_target" and state.on_target is False


def test_a_sharp_rise_is_a_signal_in_the_worse_direction_past_the_threshold() -> None:
    state = figure_state([*STABLE, 13.5], _sick())
    assert state.signal and state.direction == "worse" and state.verdict == "signal_worse"
    assert state.past_threshold and state.last_in_signal
    assert state.change_better is False
    assert verdict_text(state, DA) == "▼ Signal – værre ⚠ ud over alarmgrænsen"


def test_a_long_run_below_the_median_is_better_when_lower_is_better() -> None:
    values = [6.0, 6.2, 5.9, 6.1, 6.3, 6.0, 6.2, 5.8, 4.1, 4.0, 4.2, 3.9, 4.1, 4.0, 3.8, 4.2, 4.1,
              3.9]
    assert analyse(values).signal
    lower = figure_state(values, _sick())
    assert lower.signal and lower.direction == "better" and lower.verdict == "signal_better"
    higher = figure_state(values, _sick(better=Direction.HIGHER))
    assert higher.direction == "worse" and higher.verdict == "signal_worse"
    # the threshold is judged on the worse side of the figure's own direction
    assert figure_state([9.0], FigureRule(better=Direction.HIGHER, alert_threshold=8.0)
                        ).past_threshold is False
    assert figure_state([7.0], FigureRule(better=Direction.HIGHER, alert_threshold=8.0)
                        ).past_threshold is True


def test_without_target_or_data() -> None:
    assert figure_state([], _sick()).verdict == "no_data"
    state = figure_state(STABLE, _sick(target=None))
    assert state.verdict == "no_signal" and state.on_target is None


def test_states_are_cached_on_the_values_and_rule() -> None:
    rule = FigureRule.of(_sick())
    assert figure_state(STABLE, rule) is figure_state(tuple(STABLE), _sick())
    assert state_of.cache_info().hits >= 1


def test_values_are_shown_with_their_unit() -> None:
    assert format_figure(_sick(), 4.75, DA) == "4,8 %"
    citizens = KeyFigure(org_id="o", name="Borgere", unit="borgere", kind=MeasureKind.COUNT)
    assert format_figure(citizens, 1234.0, DA) == "1.234 borgere"
