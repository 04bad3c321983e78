"""Figures of hand-made workflow maps: counts, the handover rule, durations in mixed units."""

from __future__ import annotations

import pytest

from core.i18n import Translator
from core.models import Lane, MapKind, Step, StepSymbol, WorkflowMap
from core.values.durations import Span, format_minutes, format_span, parse_duration
from core.workflow.maps import MapView, figures, handover_flags

T, D, IT = StepSymbol.TASK, StepSymbol.DECISION, StepSymbol.IT_SYSTEM
C, H, WT = StepSymbol.CITIZEN_CONTACT, StepSymbol.HANDOVER, StepSymbol.WAITING


def make_map(*steps: tuple[str, StepSymbol, str, str], lanes: str = "ABC",
             kind: MapKind = MapKind.CURRENT) -> MapView:
    """A map in memory: lanes named by letters, steps as (lane, symbol, text, duration)."""
    workflow = WorkflowMap(project_id="p", kind=kind)
    lane_records = [Lane(id=f"lane-{n}", project_id="p", map_id=workflow.id, name=n,
                         order=f"{i:04d}") for i, n in enumerate(lanes)]
    step_records = [Step(id=f"s{i}", project_id="p", map_id=workflow.id, lane_id=f"lane-{lane}",
                         symbol=symbol, text=text, duration=duration, order=f"{i:04d}")
                    for i, (lane, symbol, text, duration) in enumerate(steps)]
    return MapView(workflow, tuple(lane_records), tuple(step_records))


def test_an_empty_map_has_zero_figures() -> None:
    empty = figures(make_map())
    assert (empty.steps, empty.handovers, empty.it_steps, empty.waiting) == (0, 0, 0, 0)
    assert empty.duration == Span(0, 0) and empty.unknown_durations == ()
    assert figures(None) == empty


def test_one_lane_has_no_handovers_unless_a_step_is_marked() -> None:
    plain = make_map(("A", T, "a", ""), ("A", IT, "b", ""), ("A", WT, "c", ""))
    assert figures(plain).handovers == 0
    marked = make_map(("A", T, "a", ""), ("A", H, "b", ""), ("A", T, "c", ""))
    assert figures(marked).handovers == 1


def test_handovers_count_lane_changes_and_marked_steps_once_each() -> None:
    view = make_map(
        ("A", T, "1", ""),
        ("B", H, "2", ""),  # marked and followed by a lane change: one handover
        ("C", T, "3", ""),
        ("C", H, "4", ""),  # marked, same lane next: one
        ("C", T, "5", ""),
        ("A", H, "6", ""),  # marked and last: one (hands the case on beyond the map)
    )
    assert handover_flags(view.steps) == [True, True, False, True, True, True]
    assert figures(view).handovers == 5


def test_symbols_are_counted() -> None:
    view = make_map(("A", IT, "1", ""), ("A", IT, "2", ""), ("B", WT, "3", ""),
                    ("B", C, "4", ""), ("B", D, "5", ""), ("B", T, "6", ""))
    result = figures(view)
    assert (result.steps, result.it_steps, result.waiting, result.citizen_contacts,
            result.decisions) == (6, 2, 1, 1, 1)


def test_durations_in_mixed_units_are_summed() -> None:
    view = make_map(("A", T, "1", "30 min"), ("A", T, "2", "2 t"), ("A", T, "3", "3 dage"),
                    ("A", T, "4", "2 uger"), ("A", T, "5", "1 time"), ("A", T, "6", "1,5 t"),
                    ("A", T, "7", ""))
    result = figures(view)
    minutes = 30 + 120 + 3 * 1440 + 14 * 1440 + 60 + 90
    assert result.duration == Span(minutes, minutes)
    assert result.timed_steps == 6 and result.unknown_durations == ()
    assert format_span(result.duration, Translator("da")) == "2 uger 3 dage 5 t"
    assert format_span(result.duration, Translator("en")) == "2 weeks 3 days 5 h"


def test_an_unparseable_duration_is_reported_not_summed() -> None:
    view = make_map(("A", T, "1", "30 min"), ("A", T, "2", "et stykke tid"),
                    ("A", T, "3", "2 parsecs"))
    result = figures(view)
    assert result.duration == Span(30, 30)
    assert result.unknown_durations == ("et stykke tid", "2 parsecs")
    assert result.timed_steps == 1


def test_a_range_gives_a_range_total() -> None:
    result = figures(make_map(("A", T, "1", "1-5 dage"), ("A", T, "2", "1 uge")))
    assert result.duration == Span(8 * 1440, 12 * 1440)
    assert format_span(result.duration, Translator("da")) == "1 uge 1 dag – 1 uge 5 dage"


@pytest.mark.parametrize(("typed", "minutes"), [
    ("30 min", 30), ("45 minutter", 45), ("2 t", 120), ("2t", 120), ("2 timer", 120),
    ("1 time", 60), ("3 d", 4320), ("3 dage", 4320), ("1 dag", 1440), ("2 uger", 20160),
    ("1 uge", 10080), ("1 t 30 min", 90), ("1.5 h", 90), ("2 hours", 120), ("3 days", 4320),
    ("2 weeks", 20160), ("  10 MIN ", 10), ("1–2 uger", 10080), ("", 0),
])
def test_parse_duration(typed: str, minutes: int) -> None:
    span = parse_duration(typed)
    assert span is not None and span.low == minutes


@pytest.mark.parametrize("typed", ["cirka en uge", "2", "uge 2", "5-3 dage", "2 parsecs",
                                   "1 t og lidt"])
def test_parse_duration_refuses(typed: str) -> None:
    assert parse_duration(typed) is None


def test_format_minutes_singular_and_nothing() -> None:
    da = Translator("da")
    assert format_minutes(0, da) == "0 min"
    assert format_minutes(10080 + 1440 + 60 + 1, da) == "1 uge 1 dag 1 t 1 min"
