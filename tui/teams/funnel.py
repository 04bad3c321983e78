"""The funnel plot of one team key figure in one period, opened from the benchmark (t): every
team against its base with the overall line and the 95 % and 99.8 % limits
(`tui.widgets.funnel_chart`), the outliers in words and a table of the teams; `,`/`.` change the
period.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from core.models import KeyFigure
from core.teams.funnel import KINDS, shown_for, team_funnel, team_periods
from core.teams.key_figures import figures as catalogue
from core.values.periods import period_label
from tui.lang import tr, translator
from tui.teams.compare_base import TeamCompareScreen
from tui.widgets.footer import TavleFooter
from tui.widgets.funnel_chart import FunnelPanel
from tui.widgets.row_table import RowTable


class TeamFunnelScreen(TeamCompareScreen):
    """The funnel of one team key figure in one period (from the benchmark)."""

    HELP = "funnel.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="funnel.back"),
        Binding("comma", "period(-1)", "funnel.keys.previous_period",
                id="funnel.previous_period"),
        Binding("full_stop", "period(1)", "funnel.keys.next_period", id="funnel.next_period"),
    ]

    def __init__(self, org_id: str, figure_id: str, period: str | None) -> None:
        super().__init__(org_id)
        self.figure_id = figure_id
        self.period = period
        self._periods: list[str] = []
        self._figure: KeyFigure | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield FunnelPanel()
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#funnel-units", RowTable).focus()

    def reload(self) -> None:
        self.set_header(tr("funnel.title"))
        self._figure = next((f for f in catalogue(self.store, self.org_id)
                             if f.id == self.figure_id), None)
        self._periods = team_periods(self.store, self.org_id, self.figure_id)
        if self.period not in self._periods:
            self.period = self._periods[-1] if self._periods else self.period
        self.draw()

    def draw(self) -> None:
        panel = self.query_one(FunnelPanel)
        figure = self._figure
        if figure is None:
            return
        tx = translator()
        period = self.period
        period_text = period_label(period, tx) if period else ""
        shown = shown_for(figure)
        if figure.kind not in KINDS:
            panel.show(figure.name, None, shown, hint=tr("funnel.not_kind", figure=figure.name))
            return
        result = team_funnel(self.store, self.org_id, figure, period) if period else None
        if result is None or not result.units:
            panel.show(f"{figure.name} · {period_text}", result, shown,
                       hint=tr("funnel.no_base", figure=figure.name, period=period_text))
            return
        heading = tr("funnel.heading", figure=figure.name, period=period_text,
                     overall=shown.text(result.overall, tx))
        panel.show(heading, result, shown)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "period":
            return len(self._periods) > 1 or None
        return super().check_action(action, parameters)

    def action_period(self, step: int) -> None:
        """Show the previous (-1) or next (1) period that has values."""
        if self.period not in self._periods:
            return
        index = self._periods.index(self.period) + step
        if 0 <= index < len(self._periods):
            self.period = self._periods[index]
            self.draw()
        else:
            key = "funnel.first_period" if step < 0 else "funnel.last_period"
            self.notify(tr(key), markup=False)
