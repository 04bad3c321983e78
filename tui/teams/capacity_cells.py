"""The cells the capacity screens share: a week's balance ("−12▼", "+4▲", "0", ⚑ when a rule is
broken), a profession's name cut to fit, and which cells a broken rule flags.

Both the overview across the teams (tui/teams/capacity.py) and one team's plan
(tui/teams/capacity_plan.py) show balances this way, so a number reads the same on both.
"""

from __future__ import annotations

from core.i18n import Translator
from core.teams.capacity import Hours, RuleBreak

WEEK_WIDTH = 5
"""The width of a week's column, in cells (a balance such as "−12▼⚑" fits)."""


def balance_text(hours: Hours | None, flagged: bool, tx: Translator) -> str:
    """A week's balance in a cell: "−12▼" short, "+4▲" over, "0"; ⚑ when a rule is broken."""
    if hours is None:
        return ""
    balance = hours.balance
    if balance is None:
        text = "?"
    else:
        amount = tx.number(abs(balance), 0)
        text = amount if round(balance) == 0 else (
            f"−{amount}▼" if balance < 0 else f"+{amount}▲")
    return f"{text}⚑" if flagged else text


def fit(name: str, width: int) -> str:
    """A name that fits `width`, cut at the front ("…sundhedsassistent"): professions often
    share their first words and differ in their last."""
    return name if len(name) <= width else "…" + name[-(width - 1):]


def flagged_cells(breaks: list[RuleBreak]) -> set[tuple[str | None, str, str]]:
    """(team id or None for a profession's total, profession id, week) of every broken rule."""
    return {(b.team_id, b.profession_id, b.week) for b in breaks}
