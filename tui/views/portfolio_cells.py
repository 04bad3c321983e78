"""The portfolio's columns and the text of each cell (user text stays plain text: the screen
wraps every cell with `cell()`)."""

from __future__ import annotations

from core.measures.assurance import Assurance, Variation
from core.measures.words import ASSURANCE_SYMBOL, VARIATION_SYMBOL
from core.phases import PHASES
from core.views.portfolio import PortfolioRow, PortfolioSignals
from tui.lang import tr, translator

WIDTHS: dict[str, int] = {
    "name": 0, "unit": 14, "phase": 15, "meeting": 10, "actions": 16, "signals": 12,
    "conflicts": 9, "leader": 18, "last_change": 36, "received": 30,
}
"""The width of each column (0: the name, as wide as the screen leaves room for)."""
WIDE: tuple[str, ...] = tuple(WIDTHS)
"""The columns' order from `WIDE_FROM` columns: up to the conflicts they fit 120 columns; the
rest scroll into view."""
NARROW: tuple[str, ...] = ("name", "meeting", "actions", "signals", "conflicts", "phase",
                           "unit", "leader", "last_change", "received")
"""The order on a narrow screen (80 columns): the figures first, the rest scroll into view."""
WIDE_FROM = 110
NAME_MIN, NAME_MAX = 22, 44


def columns_for(screen_width: int) -> tuple[tuple[str, int], ...]:
    """The columns in their order with their widths: the name grows with the screen."""
    order = WIDE if screen_width >= WIDE_FROM else NARROW
    widths = {key: max(width, len(tr(f"portfolio.column.{key}"))) for key, width in
              WIDTHS.items()}
    visible = sum(widths[key] + 2 for key in order[1:7 if order is WIDE else 5]) + 4
    widths["name"] = min(NAME_MAX, max(NAME_MIN, screen_width - visible))
    return tuple((key, widths[key]) for key in order)


def _count(value: int | None, marker: str) -> str:
    return f"{marker}{value}" if value else ""


def row_cells(row: PortfolioRow, signals: PortfolioSignals | None) -> dict[str, str]:
    """The cells of a project's row by column key; signals not computed yet show "…"."""
    t = translator()
    name = tr("project_list.archived_name", name=row.name) if row.archived else row.name
    phase = f"{row.phase}. {tr(f'phase.{PHASES[row.phase - 1].key}.name')}"
    if row.days_since_meeting is None:
        meeting = tr("portfolio.no_meeting")
    else:
        meeting = tr("portfolio.days_late" if row.meeting_overdue() else "portfolio.days",
                     days=row.days_since_meeting)
    actions = str(row.open_actions)
    if row.overdue_actions:
        actions = tr("portfolio.actions_overdue", open=row.open_actions,
                     overdue=row.overdue_actions)
    if signals is None:
        found, conflicts = "…", "…"
    else:
        found = " ".join(part for part in (
            _count(signals.better.get(row.id), VARIATION_SYMBOL[Variation.IMPROVING]),
            _count(signals.worse.get(row.id), VARIATION_SYMBOL[Variation.CONCERNING]),
            _count(signals.meets.get(row.id), ASSURANCE_SYMBOL[Assurance.PASS]),
            _count(signals.fails.get(row.id), ASSURANCE_SYMBOL[Assurance.FAIL])) if part)
        conflicts = str(signals.conflicts.get(row.id) or "")
    changed = ""
    if row.last_change is not None:
        changed = " · ".join(part for part in (
            t.datetime(row.last_change.astimezone()), row.last_author, row.last_unit) if part)
    received = ""
    if row.received_from is not None:
        received = " · ".join(part for part in (
            row.received_from or tr("portfolio.unknown_unit"), t.date(row.last_file)) if part)
    return {"name": name, "unit": row.unit, "phase": phase, "meeting": meeting,
            "actions": actions, "signals": found, "conflicts": conflicts, "leader": row.leader,
            "last_change": changed, "received": received}
