"""The funnel plot of a measure the projects share (the units of a learning network), opened
from the portfolio (T): pick the measure and the period in two small lists, then every unit
against its denominator with the overall line and the 95 % and 99.8 % limits
(`tui.widgets.funnel_chart`), the outliers in words and a table of the units."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from core.db.store import Store
from core.teams.funnel import Funnel, Shown
from core.values.periods import period_label
from core.views.funnel import SharedMeasure, shared_funnel, shared_measures, shared_periods
from tui.dialogs.pick import PickDialog
from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.widgets.footer import TavleFooter
from tui.widgets.funnel_chart import FunnelPanel
from tui.widgets.row_table import RowTable


def open_shared_funnel(app: App[Any], store: Store) -> None:
    """Ask for the shared measure and the period, then show the funnel (or say why not)."""
    shared = shared_measures(store)
    if not shared:
        app.notify(tr("funnel.no_shared"), markup=False)
        return
    options = [(tr("funnel.measure_option", measure=s.name, count=len(s.measures)), s.key)
               for s in shared]

    def pick_period(measure: SharedMeasure) -> None:
        periods = shared_periods(store, measure)
        if not periods:
            app.notify(tr("funnel.no_shared"), markup=False)
            return
        tx = translator()

        def chosen(period: str | None) -> None:
            if period is not None:
                app.push_screen(UnitFunnelScreen(
                    measure.name, period, shared_funnel(store, measure, period), measure.shown))

        app.push_screen(PickDialog(tr("funnel.pick_period", measure=measure.name),
                                   [(period_label(p, tx), p) for p in reversed(periods)],
                                   current=periods[-1]), chosen)

    def picked(key: str | None) -> None:
        measure = next((s for s in shared if s.key == key), None)
        if measure is not None:
            pick_period(measure)

    if len(shared) == 1:
        pick_period(shared[0])
    else:
        app.push_screen(PickDialog(tr("funnel.pick_measure"), options), picked)


class UnitFunnelScreen(TavleScreen):
    """The funnel of a measure the projects share, in one period (from the portfolio)."""

    HELP = "funnel.help"

    BINDINGS = [Binding("escape", "back", "keys.back", id="unit_funnel.back")]

    def __init__(self, measure: str, period: str, result: Funnel, shown: Shown) -> None:
        super().__init__()
        self.measure, self.period, self.result, self.shown = measure, period, result, shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield FunnelPanel()
        yield TavleFooter()

    def on_mount(self) -> None:
        tx = translator()
        self.title = tr("funnel.title")
        self.sub_title = self.measure
        period = period_label(self.period, tx)
        if not self.result.units:
            hint = tr("funnel.no_units", measure=self.measure, period=period)
            self.query_one(FunnelPanel).show(self.measure, self.result, self.shown,
                                             what="units", hint=hint)
            return
        heading = tr("funnel.heading", figure=self.measure, period=period,
                     overall=self.shown.text(self.result.overall, tx))
        self.query_one(FunnelPanel).show(heading, self.result, self.shown, what="units")
        self.query_one("#funnel-units", RowTable).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
