"""Funnel plots: one key figure in one period across teams or units, each plotted against its
base (denominator) with limits around the overall rate, so a small team's wild week is not
mistaken for a large team's real difference.

qicharts2 has no funnel function (its P and U chart limits are the same formula at z = 3); we
follow Spiegelhalter (2005), "Funnel plots for comparing institutional performance", Statistics
in Medicine 24:1185–1202: the overall rate is Σ numerators / Σ denominators, and the limits
around it for a unit of base n are, by the normal approximation,

    proportion  p ± z · sqrt(p (1 − p) / n)
    rate        u ± z · sqrt(u / n)

at 95 % (z = 1.959964) and 99.8 % (z = 3.090232). Lower limits are cut at 0 and a proportion's
upper limits at 1. A unit is inside, above or below the 95 % limits, or beyond the 99.8 % ones;
with the figure's better direction a side reads better or worse than expected.

Units without a base (denominator) or with n ≤ 0 cannot be placed: they are left out and
counted, so the screen can say so.

**Numerator and denominator of a team figure.** A team stores one value per figure and period
(`TeamFigure.value`) as it is shown, plus an optional base (`TeamFigure.denominator`). The value
of a share or rate is on its unit's scale: a figure whose unit is "%" stores per cent (sick leave
5.0 means 5 %), "‰" per mille, any other unit the plain fraction or rate per unit of base. So the
numerator is value / scale × denominator (`figure_scale`), and the funnel's rates are shown times
the same scale. A project measure's measurement carries its numerator and denominator itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from core.models import Direction, KeyFigure, MeasureKind

if TYPE_CHECKING:
    from core.db.store import Store
    from core.i18n import Translator

Z95 = 1.959964
Z998 = 3.090232
KINDS = (MeasureKind.PROPORTION, MeasureKind.RATE)
"""The kinds a funnel plot is drawn for."""
CURVE_POINTS = 60
"""How many points of n the limit curves are computed at for drawing."""
SCALES = {"%": 100.0, "‰": 1000.0}


class Position(StrEnum):
    """Where a unit lies against the limits."""

    INSIDE = "inside"
    ABOVE_95 = "above_95"
    """Above the 95 % limit, inside the 99.8 % one."""
    ABOVE_998 = "above_998"
    BELOW_95 = "below_95"
    BELOW_998 = "below_998"

    @property
    def above(self) -> bool:
        return self in (Position.ABOVE_95, Position.ABOVE_998)

    @property
    def outside(self) -> bool:
        return self is not Position.INSIDE


MARKERS = {Position.INSIDE: "•", Position.ABOVE_95: "△", Position.ABOVE_998: "▲",
           Position.BELOW_95: "▽", Position.BELOW_998: "▼"}
"""A marker per position, so the plot and the table read without colour."""


@dataclass(frozen=True)
class UnitInput:
    """One unit's numerator and base in the period (None: not given)."""

    key: str
    name: str
    numerator: float | None
    denominator: float | None


@dataclass(frozen=True)
class Limits:
    """The 95 % and 99.8 % limits at one base n."""

    n: float
    low_95: float
    high_95: float
    low_998: float
    high_998: float


@dataclass(frozen=True)
class FunnelUnit:
    key: str
    name: str
    numerator: float
    n: float
    rate: float
    limits: Limits
    position: Position
    better: bool | None
    """Whether its side is the better one (None: inside the limits)."""


@dataclass(frozen=True)
class Funnel:
    kind: MeasureKind
    better: Direction
    overall: float
    units: list[FunnelUnit]
    """Units with a base, in the order given."""
    left_out: list[str]
    """Names of the units without a base (or a numerator) in the period."""
    curve: list[Limits]
    """The limits over a range of n from below the smallest unit to above the largest."""

    @property
    def outliers(self) -> list[FunnelUnit]:
        """Units outside the 95 % limits, the 99.8 % ones first, then the farthest out."""
        out = [u for u in self.units if u.position.outside]
        return sorted(out, key=lambda u: (u.position not in (Position.ABOVE_998,
                                                              Position.BELOW_998),
                                          -abs(u.rate - self.overall), u.name))


def limits(kind: MeasureKind, overall: float, n: float) -> Limits:
    """The 95 % and 99.8 % limits around `overall` for a unit of base `n` (> 0)."""
    if kind is MeasureKind.PROPORTION:
        spread = math.sqrt(max(overall * (1 - overall), 0.0) / n)
    else:
        spread = math.sqrt(max(overall, 0.0) / n)
    top = 1.0 if kind is MeasureKind.PROPORTION else math.inf

    def low(z: float) -> float:
        return max(0.0, overall - z * spread)

    def high(z: float) -> float:
        return min(top, overall + z * spread)

    return Limits(n, low(Z95), high(Z95), low(Z998), high(Z998))


def position(rate: float, at: Limits) -> Position:
    """Where a rate lies against its limits (on a limit counts as inside)."""
    if rate > at.high_998:
        return Position.ABOVE_998
    if rate > at.high_95:
        return Position.ABOVE_95
    if rate < at.low_998:
        return Position.BELOW_998
    if rate < at.low_95:
        return Position.BELOW_95
    return Position.INSIDE


def curve(kind: MeasureKind, overall: float, smallest: float, largest: float,
          count: int = CURVE_POINTS) -> list[Limits]:
    """The limits at `count` values of n spread evenly on a log scale from `smallest` to
    `largest` (both > 0)."""
    if largest <= smallest:
        return [limits(kind, overall, smallest)]
    ratio = largest / smallest
    return [limits(kind, overall, smallest * ratio ** (i / (count - 1))) for i in range(count)]


def funnel(units: Iterable[UnitInput], kind: MeasureKind, better: Direction) -> Funnel:
    """The funnel of `units` (proportion or rate) for a figure whose `better` side is given."""
    if kind not in KINDS:
        raise ValueError(f"a funnel plot needs a proportion or a rate, not {kind}")
    placed: list[UnitInput] = []
    left_out: list[str] = []
    for unit in units:
        if (unit.denominator is None or unit.numerator is None or unit.denominator <= 0
                or unit.numerator < 0 or not math.isfinite(unit.denominator)
                or not math.isfinite(unit.numerator)):
            left_out.append(unit.name)
        else:
            placed.append(unit)
    total = sum(u.denominator or 0.0 for u in placed)
    overall = sum(u.numerator or 0.0 for u in placed) / total if placed else 0.0
    if kind is MeasureKind.PROPORTION:
        overall = min(overall, 1.0)
    shown: list[FunnelUnit] = []
    for unit in placed:
        assert unit.numerator is not None and unit.denominator is not None
        n, rate = unit.denominator, unit.numerator / unit.denominator
        at = limits(kind, overall, n)
        where = position(rate, at)
        side = None if not where.outside else (where.above == (better is Direction.HIGHER))
        shown.append(FunnelUnit(unit.key, unit.name, unit.numerator, n, rate, at, where, side))
    ns = [u.n for u in shown]
    drawn = curve(kind, overall, min(ns) * 0.8, max(ns) * 1.2) if ns else []
    return Funnel(kind, better, overall, shown, left_out, drawn)


# -- team key figures ------------------------------------------------------------------------


def figure_scale(unit: str) -> float:
    """What a share or rate is stored times, by its unit: "%" 100, "‰" 1,000, else 1."""
    return SCALES.get(unit.strip(), 1.0)


def numerator_of(value: float, denominator: float | None, scale: float) -> float | None:
    """The count behind a value shown on `scale` (None without a base)."""
    if denominator is None:
        return None
    return value / scale * denominator


def team_inputs(store: Store, org_id: str, figure: KeyFigure, period: str) -> list[UnitInput]:
    """Every team's value of `figure` in `period` as a numerator and base, by team name (teams
    without a value in the period are not listed)."""
    rows = store.query(
        "SELECT t.id AS team_id, t.name AS name, f.value AS value, f.denominator AS base "
        "FROM team_figures f JOIN teams t ON t.id = f.team_id "
        "WHERE f.org_id = ? AND f.figure = ? AND f.period = ? AND f._exists AND t._exists "
        "ORDER BY t.name, t.id", [org_id, figure.id, period])
    scale = figure_scale(figure.unit)
    return [UnitInput(r["team_id"], r["name"], numerator_of(r["value"], r["base"], scale),
                      r["base"]) for r in rows]


def team_periods(store: Store, org_id: str, figure_id: str) -> list[str]:
    """The periods in which any team has a value of the figure, in order."""
    rows = store.query("SELECT DISTINCT period FROM team_figures WHERE org_id = ? AND figure = ? "
                       "AND _exists ORDER BY period", [org_id, figure_id])
    return [r["period"] for r in rows]


def team_funnel(store: Store, org_id: str, figure: KeyFigure, period: str) -> Funnel:
    """The funnel of a team key figure (a proportion or rate) in one period."""
    return funnel(team_inputs(store, org_id, figure, period), figure.kind, figure.better)


# -- in words --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """How a funnel's rates are written: times `scale`, with `unit` ("%": the UI's percent)."""

    scale: float = 1.0
    unit: str = ""
    decimals: int = 1

    def text(self, rate: float, tr: Translator) -> str:
        value = rate * self.scale
        if self.unit.strip() == "%":
            return tr("format.percent", value=tr.number(value, self.decimals))
        return f"{tr.number(value, self.decimals)} {self.unit}".strip()


def shown_for(figure: KeyFigure) -> Shown:
    """A team figure's rates written as its values are."""
    return Shown(figure_scale(figure.unit), figure.unit)


def position_text(unit: FunnelUnit, tr: Translator) -> str:
    """The unit's position with its marker and, outside, better or worse ("▲ over 99,8 % –
    værre end forventet")."""
    text = f"{MARKERS[unit.position]} {tr(f'funnel.position.{unit.position.value}')}"
    if unit.better is not None:
        text = f"{text} – {tr('funnel.better' if unit.better else 'funnel.worse')}"
    return text


def outlier_sentence(unit: FunnelUnit, overall: float, shown: Shown, tr: Translator) -> str:
    """"Team Vest ligger over 99,8 %-grænsen: 9,1 % mod 5,2 % samlet – værre end forventet"."""
    verdict = tr("funnel.better" if unit.better else "funnel.worse")
    return tr(f"funnel.outlier.{unit.position.value}", name=unit.name,
              rate=shown.text(unit.rate, tr), overall=shown.text(overall, tr), verdict=verdict)


def summary_sentences(result: Funnel, shown: Shown, tr: Translator, *,
                      what: str = "teams") -> list[str]:
    """The funnel in words: each outlier, or that every unit lies inside; and how many units
    were left out for want of a base. `what`: "teams" or "units"."""
    sentences = [outlier_sentence(u, result.overall, shown, tr) for u in result.outliers]
    if result.units and not sentences:
        sentences.append(tr.count(f"funnel.all_inside.{what}", len(result.units),
                                  overall=shown.text(result.overall, tr)))
    if result.left_out:
        sentences.append(tr.count(f"funnel.left_out.{what}", len(result.left_out),
                                  names=", ".join(result.left_out)))
    return sentences


def funnel_table(result: Funnel, shown: Shown, tr: Translator) -> list[tuple[str, ...]]:
    """A row per unit: name, n, rate, position in words (the units as given)."""
    return [(u.name, tr.number(u.n, 1), shown.text(u.rate, tr), position_text(u, tr))
            for u in result.units]


def rate_range(result: Funnel) -> tuple[float, float]:
    """The lowest and highest of the units' rates and the drawn limits (for an axis)."""
    values: list[float] = [result.overall, *(u.rate for u in result.units)]
    for at in result.curve:
        values += [at.low_998, at.high_998]
    return min(values), max(values)
