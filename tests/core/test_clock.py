"""The hybrid logical clock (sync-design.md §4.4), as properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.clock import (
    COUNTER_MAX,
    MAX_REMOTE_AHEAD_MS,
    next_stamp,
    observe,
    pack,
    stamp_to_ms,
    unpack,
)

MS_MAX = (1 << 47) - 1
BASE = 1_795_000_000_000

wall_ms = st.integers(min_value=0, max_value=MS_MAX - 10_000_000)
counters = st.one_of(
    st.integers(min_value=0, max_value=COUNTER_MAX),
    st.integers(min_value=COUNTER_MAX - 3, max_value=COUNTER_MAX),  # near overflow
)
stamps = st.builds(pack, wall_ms, counters)
# Wall readings around one moment: forwards, backwards, repeated.
readings = st.lists(
    st.integers(min_value=-86_400_000, max_value=86_400_000).map(lambda d: BASE + d)
    | st.just(BASE),
    max_size=200,
)


@given(ms=st.integers(min_value=0, max_value=MS_MAX), counter=st.integers(0, COUNTER_MAX))
def test_pack_and_unpack_round_trip(ms: int, counter: int) -> None:
    stamp = pack(ms, counter)
    assert unpack(stamp) == (ms, counter)
    assert stamp_to_ms(stamp) == ms
    assert 0 <= stamp < 1 << 63  # fits a signed SQLite INTEGER


@given(a=stamps, b=stamps)
def test_stamps_order_like_their_time_then_counter(a: int, b: int) -> None:
    assert (a < b) == (unpack(a) < unpack(b))


@given(last=stamps, walls=readings)
def test_next_stamp_strictly_increases_whatever_the_wall_clock_does(
    last: int, walls: list[int]
) -> None:
    for wall in walls:
        stamp = next_stamp(last, wall)
        assert stamp > last
        assert stamp_to_ms(stamp) >= wall  # never behind the wall clock
        last = stamp


@given(ms=wall_ms, behind=st.integers(min_value=0, max_value=10_000))
def test_counter_overflow_moves_to_the_next_millisecond(ms: int, behind: int) -> None:
    last = pack(ms, COUNTER_MAX)
    assert next_stamp(last, ms - behind) == pack(ms + 1, 0)


def test_a_burst_in_one_millisecond_counts_up_and_then_overflows() -> None:
    last = pack(BASE, 0)
    seen = [last]
    for _ in range(COUNTER_MAX + 2):
        last = next_stamp(last, BASE)
        seen.append(last)
    assert unpack(seen[1]) == (BASE, 1)
    assert unpack(seen[COUNTER_MAX]) == (BASE, COUNTER_MAX)
    assert unpack(seen[COUNTER_MAX + 1]) == (BASE + 1, 0)
    assert unpack(seen[-1]) == (BASE + 1, 1)
    assert seen == sorted(set(seen))


def test_a_later_wall_clock_resets_the_counter() -> None:
    assert next_stamp(pack(BASE, 7), BASE + 1) == pack(BASE + 1, 0)


@given(
    last=stamps,
    wall=wall_ms,
    ahead=st.integers(min_value=-10_000_000, max_value=10_000_000),
    counter=counters,
)
def test_observe_adopts_a_remote_stamp_only_when_it_is_not_too_far_ahead(
    last: int, wall: int, ahead: int, counter: int
) -> None:
    remote = pack(max(0, wall + ahead), counter)
    result = observe(last, remote, wall)
    if stamp_to_ms(remote) > wall + MAX_REMOTE_AHEAD_MS:
        assert result == last
    else:
        assert result == max(last, remote)
    assert result >= last


@given(wall=wall_ms, counter=counters)
def test_observe_bound_is_exactly_sixty_seconds(wall: int, counter: int) -> None:
    at_limit = pack(wall + MAX_REMOTE_AHEAD_MS, counter)
    past_limit = pack(wall + MAX_REMOTE_AHEAD_MS + 1, 0)
    assert observe(0, at_limit, wall) == at_limit
    assert observe(0, past_limit, wall) == 0


@given(last=stamps, remotes=st.lists(stamps, max_size=20), walls=readings)
def test_local_stamps_after_observing_still_exceed_everything_adopted(
    last: int, remotes: list[int], walls: list[int]
) -> None:
    for remote, wall in zip(remotes, walls, strict=False):
        last = observe(last, remote, wall)
        stamp = next_stamp(last, wall)
        assert stamp > last
        last = stamp
