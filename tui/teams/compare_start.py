"""The start screen's ways into the comparisons across teams: a line with the coach's open
deviation alerts ("3 afvigelser hos teamene – tryk w for at se dem", shown while there are any),
and the keys that open the alerts, the benchmarks and the capacity overview.

The line counts in a thread worker started after the first screen has drawn, so start-up loads
no model or statistics code; the judged data go to the shared cache the screens read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.widgets import Label

from tui.host import Host, host
from tui.lang import tr

if TYPE_CHECKING:
    from core.teams.states import OrgData
    from tui.screens.base import TavleScreen


class AlertsLine(Label):
    """The number of open deviation alerts across every organisation's teams."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="alerts-line", markup=False)
        self.count = 0
        self._started = False
        self._counted: int | None = None
        """The store generation the count was made at."""

    def on_mount(self) -> None:
        self.display = False

    def start(self) -> None:
        """Count for the first time (called once the start screen has drawn its data)."""
        if self.app.return_code is not None:  # the app is leaving (a start-up measurement)
            return
        self._started = True
        self.check()

    def check(self) -> None:
        """Count again if anything was written since the last count."""
        app = self.app
        if not self._started or not isinstance(app, Host):
            return
        store = app.store
        if self._counted == store.generation:
            return
        self._counted = store.generation
        from core.teams.states import CACHE, judged, org_ids

        cached = [CACHE.get(store, org_id) for org_id in org_ids(store)]
        if store.path is None:
            self._show([judged(store, org_id) for org_id in org_ids(store)])
        elif all(data is not None for data in cached):  # judged by a screen since
            self._show([data for data in cached if data is not None])
        else:
            self._count(str(store.path), store.generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="alerts-line")
    def _count(self, path: str, generation: int) -> None:
        from core.db.store import reading
        from core.teams.states import WORKER_PAUSE, org_ids, read_and_judge

        with reading(path) as reader:
            datas = [read_and_judge(None, reader, org_id, pause=WORKER_PAUSE)
                     for org_id in org_ids(reader)]
        self.app.call_from_thread(self._counted_in_worker, generation, datas)

    def _counted_in_worker(self, generation: int, datas: list[OrgData]) -> None:
        from core.teams.states import CACHE

        store = host(self).store
        for data in datas:
            CACHE.put(store, generation, data)
        if generation == store.generation:
            self._show(datas)

    def _show(self, datas: list[OrgData]) -> None:
        from core.teams.alerts import open_alerts

        store = host(self).store
        self.count = sum(len(open_alerts(store, data)) for data in datas)
        key = "team_compare.start.alerts_one" if self.count == 1 else "team_compare.start.alerts"
        self.update(Content(tr(key, count=self.count)))
        self.display = self.count > 0


def with_organisation(screen: TavleScreen, then: Callable[[str], object]) -> None:
    """Run `then` with the organisation to show: the only one, or the one the user picks."""
    from core.teams.organisation import organisations
    from tui.dialogs.pick import PickDialog

    found = organisations(screen.store)
    if not found:
        screen.notify(tr("team_compare.start.no_organisation"), markup=False)
        return
    if len(found) == 1:
        then(found[0].id)
        return

    def picked(org_id: str | None) -> None:
        if org_id is not None:
            then(org_id)

    screen.app.push_screen(
        PickDialog(tr("team_compare.start.pick_organisation"),
                   [(org.name, org.id) for org in found]), picked)


def open_alerts(screen: TavleScreen) -> None:
    """Open the deviation alerts of an organisation's teams."""

    def show(org_id: str) -> None:
        from tui.teams.alerts import AlertsScreen

        screen.app.push_screen(AlertsScreen(org_id))

    with_organisation(screen, show)


def open_benchmark(screen: TavleScreen) -> None:
    """Open the benchmarks between the teams of an organisation."""

    def show(org_id: str) -> None:
        from tui.teams.benchmark import BenchmarkScreen

        screen.app.push_screen(BenchmarkScreen(org_id))

    with_organisation(screen, show)


def open_capacity(screen: TavleScreen) -> None:
    """Open the capacity overview of an organisation's teams."""

    def show(org_id: str) -> None:
        from tui.teams.capacity import CapacityScreen

        screen.app.push_screen(CapacityScreen(org_id))

    with_organisation(screen, show)
