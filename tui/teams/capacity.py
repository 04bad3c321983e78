"""Capacity across the teams: per profession (faggruppe) and team, the balance of hours for each
of the coming 8 weeks ("−12 ▼" short, "+4 ▲" over), so the back office sees where to recruit or
lend; plans that break the sharing and temp rules are flagged (⚑) and listed in words.

Enter on a team's row opens its plan for entry; `p` picks a team to plan; `g` sets the rules
(the organisation's settings); `,`/`.` move the weeks.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.db import changelog
from core.errors import TavleError
from core.i18n import Translator
from core.models import Organisation
from core.teams.capacity import (
    OverviewRow,
    break_text,
    coming_weeks,
    load_plans,
    overview_rows,
    rule_breaks,
    set_limits,
)
from core.teams.organisation import professions
from core.teams.states import org_teams
from core.values.periods import period_label, period_tick
from tui.dialogs import FormDialog, FormField
from tui.dialogs.form import Values
from tui.lang import tr, translator
from tui.teams.capacity_cells import WEEK_WIDTH, balance_text, fit, flagged_cells
from tui.teams.compare_base import TeamCompareScreen
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

MAX_BREAKS = 12
"""Broken rules listed below the grid (the rest are counted)."""


def limits_text(org: Organisation, tx: Translator) -> str:
    """The rules in words ("Regler: vikartimer højst 10 % af behovet · …")."""
    parts = []
    if org.temp_limit_pct is not None:
        parts.append(tr("team_compare.capacity.rule_temps", pct=tx.number(org.temp_limit_pct)))
    if org.lend_limit_hours is not None:
        parts.append(tr("team_compare.capacity.rule_lend",
                        hours=tx.number(org.lend_limit_hours)))
    if not parts:
        return tr("team_compare.capacity.no_rules")
    return tr("team_compare.capacity.rules", rules=" · ".join(parts))


class CapacityScreen(TeamCompareScreen):
    """Where hours are short or over in the coming weeks, by profession and team."""

    HELP = "team_compare.capacity.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="capacity.back"),
        Binding("p", "plan", "team_compare.keys.plan", id="capacity.plan"),
        Binding("g", "limits", "team_compare.keys.limits", id="capacity.limits"),
        Binding("comma", "weeks(-1)", "team_compare.keys.earlier", id="capacity.earlier"),
        Binding("full_stop", "weeks(1)", "team_compare.keys.later", id="capacity.later"),
    ]

    def __init__(self, org_id: str, *, today: dt.date | None = None) -> None:
        super().__init__(org_id)
        self._today = today
        self.week_offset = 0
        self._rows: list[OverviewRow] = []
        self._teams: dict[str, str] = {}

    @property
    def today(self) -> dt.date:
        """The date the coming weeks count from: the one given (a test's), else the app's."""
        return self._today or self.tavle.today()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="capacity-heading", classes="team-heading", markup=False)
        yield Label("", id="capacity-legend", classes="team-legend", markup=False)
        yield RowTable(id="capacity")
        yield Label("", id="capacity-empty", classes="empty-hint", markup=False)
        yield Label("", id="capacity-breaks", classes="team-detail", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#capacity", DataTable).focus()

    def reload(self) -> None:
        """Read the plans of the weeks shown and draw the grid and the broken rules."""
        tx = translator()
        self.set_header(tr("team_compare.capacity.title"))
        org = changelog.load(self.store, Organisation, self.org_id)
        weeks = coming_weeks(self.today, offset=self.week_offset)
        teams = org_teams(self.store, self.org_id)
        self._teams = {team.id: team.name for team in teams}
        jobs = {p.id: p.name for p in professions(self.store, self.org_id)}
        plans = load_plans(self.store, self.org_id, weeks)
        self._rows = overview_rows(list(self._teams), list(jobs), weeks, plans)
        breaks = rule_breaks(org, plans.values())
        flagged = flagged_cells(breaks)
        table = self.query_one("#capacity", DataTable)
        row_index = table.cursor_row
        table.clear(columns=True)
        label_width = max(14, self.size.width - len(weeks) * (WEEK_WIDTH + 2) - 6)
        table.add_column(cell(tr("team_compare.capacity.column.who")), key="who",
                         width=label_width)
        for week in weeks:
            table.add_column(cell(period_tick(week, tx)), key=week, width=WEEK_WIDTH)
        for index, row in enumerate(self._rows):
            label = fit(jobs[row.profession_id], label_width) if row.team_id is None else (
                f"  {self._teams[row.team_id]}")
            cells = [cell(label)]
            for week, hours in zip(weeks, row.hours, strict=True):
                cells.append(cell(balance_text(
                    hours, (row.team_id, row.profession_id, week) in flagged, tx)))
            table.add_row(*cells, key=str(index))
        if self._rows:
            table.move_cursor(row=min(row_index, len(self._rows) - 1))
        self.query_one("#capacity-heading", Label).update(Content(tr(
            "team_compare.capacity.heading", first=period_label(weeks[0], tx),
            last=period_label(weeks[-1], tx))))
        self.query_one("#capacity-legend", Label).update(Content(
            f"{tr('team_compare.capacity.legend')}   {limits_text(org, tx)}"))
        empty = self.query_one("#capacity-empty", Label)
        empty.update(Content(tr("team_compare.capacity.empty")))
        empty.display = not self._rows
        lines = [break_text(b, self._teams.get(b.team_id or "", ""), jobs.get(b.profession_id, ""),
                            tx) for b in breaks]
        if len(lines) > MAX_BREAKS:
            lines = [*lines[:MAX_BREAKS],
                     tr("team_compare.capacity.more_breaks", count=len(lines) - MAX_BREAKS)]
        text = "\n".join(f"⚑ {line}" for line in lines) if lines else tr(
            "team_compare.capacity.no_breaks")
        self.query_one("#capacity-breaks", Label).update(Content(text))

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "plan":
            return bool(self._teams) or None
        return super().check_action(action, parameters)

    @on(DataTable.RowSelected, "#capacity")
    def _selected(self, event: DataTable.RowSelected) -> None:
        row = self.query_one("#capacity", DataTable).cursor_row
        if 0 <= row < len(self._rows) and self._rows[row].team_id is not None:
            self._open_plan(self._rows[row].team_id)  # type: ignore[arg-type]
        else:
            self.action_plan()

    def _open_plan(self, team_id: str) -> None:
        from tui.teams.capacity_plan import CapacityPlanScreen

        self.app.push_screen(CapacityPlanScreen(self.org_id, team_id, today=self.today,
                                                offset=self.week_offset))

    def action_plan(self) -> None:
        """Pick a team and open its capacity plan for entry."""
        from tui.dialogs.pick import PickDialog

        def picked(team_id: str | None) -> None:
            if team_id is not None:
                self._open_plan(team_id)

        options = [(name, team_id) for team_id, name in self._teams.items()]
        self.app.push_screen(PickDialog(tr("team_compare.capacity.pick_team"), options), picked)

    def action_limits(self) -> None:
        """Set the rules: temp hours as a share of needed hours, hours lent or borrowed."""
        tx = translator()
        org = changelog.load(self.store, Organisation, self.org_id)

        def number(value: float | None) -> str:
            return "" if value is None else tx.number(value).replace(tx("format.thousands"), "")

        fields = [
            FormField("temp", tr("field.temp_limit_pct"), number(org.temp_limit_pct),
                      placeholder=tr("team_compare.capacity.temp_placeholder")),
            FormField("lend", tr("field.lend_limit_hours"), number(org.lend_limit_hours),
                      placeholder=tr("team_compare.capacity.lend_placeholder")),
        ]

        def submit(values: Values) -> str | None:
            try:
                set_limits(self.undo_log, self.org_id, values["temp"], values["lend"])
            except TavleError as error:
                return error.message(tx)
            return None

        def closed(values: Values | None) -> None:
            if values is not None:
                self.reload()
                self.notify(tr("team_compare.capacity.limits_saved"), markup=False)

        self.app.push_screen(
            FormDialog(tr("team_compare.capacity.limits_title"), fields, submit=submit), closed)

    def action_weeks(self, step: int) -> None:
        """Show the weeks one week earlier (-1) or later (1)."""
        self.week_offset += step
        self.reload()
