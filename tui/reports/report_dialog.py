"""Write a report for the steering group: status, closing or portfolio, as HTML or Markdown.

The dialog asks the kind, the format, the start of the period (default four weeks back) and the
folder (default the documents folder). It opens on the kinds with the one that fits the
project's phase highlighted (the status report in phases 1-5, the closing report in phase 6):
the arrows move between the kinds and Enter writes the highlighted one, so the usual report is
one key away and the others an arrow or two more. Tab reaches the other fields; ctrl+s or Enter
in the last field checks the date and the folder and closes. `write_report` then builds the
report, lets the CPR guard look at it, writes the file and says where it went. Report code is
imported only when a report is made.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from core.errors import TavleError
from core.paths import export_dir
from core.values.days import Looking, parse_day
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, Field, TextField, Values
from tui.dialogs.editing import day_preview
from tui.host import host
from tui.lang import tr, translator

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from core.reports.files import Made
    from core.reports.model import Format, Kind
    from tui.screens.project_base import ProjectScreenBase

PERIOD_DAYS = 28
"""The status report's period: the last four weeks unless the user types another start."""
KINDS: tuple[str, ...] = ("status", "closing", "portfolio")
"""The kinds of report, in the order the dialog lists them."""
CLOSING_PHASE = 6
"""The phase whose report is the closing report; every earlier phase's is the status report."""


def fitting_kind(phase: int) -> str:
    """The report that fits a project in `phase`: the closing report in phase 6, else status."""
    return "closing" if phase >= CLOSING_PHASE else "status"


@dataclass(frozen=True)
class ReportChoice:
    """What the user chose in the dialog."""

    kind: str
    fmt: str
    since: dt.date
    folder: Path


class ReportDialog(ChoiceFormDialog):
    """Ask kind, format, period start and folder; `choice` holds them after a good submit."""

    def __init__(self, name: str, *, phase: int = 1, today: dt.date | None = None) -> None:
        self._today = today
        self.choice: ReportChoice | None = None
        self._kind = fitting_kind(phase)
        fields: list[Field] = [
            ChoiceField("format", tr("reports.dialog.format"), [
                (tr("reports.dialog.format_html"), "html"),
                (tr("reports.dialog.format_md"), "md"),
            ], "html"),
            TextField("since", tr("reports.dialog.since"),  # the value: `compose`
                      placeholder=tr("reports.dialog.since_hint"), max_length=20),
            TextField("folder", tr("reports.dialog.folder"), value=str(export_dir()),
                      max_length=1000),
        ]
        super().__init__(tr("reports.dialog.title", name=name), fields, submit=self._check)

    @property
    def today(self) -> dt.date:
        """The report's date: the one given (a test's), else the app's."""
        return self._today or host(self).today()

    def compose(self) -> ComposeResult:
        # The period starts four weeks before today, which is known once the dialog is mounted.
        since = translator().date(self.today - dt.timedelta(days=PERIOD_DAYS))
        self._fields = [
            replace(field, value=since, preview=day_preview(self.today, Looking.BACK))
            if isinstance(field, TextField) and field.name == "since" else field
            for field in self._fields]
        yield from super().compose()

    def _compose_fields(self) -> ComposeResult:
        # The kind is a list, not a drop-down: the arrows move between the kinds at once.
        yield Label(Content(tr("reports.dialog.kind")), classes="field-label")
        yield OptionList(*(Option(Content(tr(f"reports.dialog.kind_{kind}")), id=kind)
                           for kind in KINDS), id="field-kind")
        yield from super()._compose_fields()

    @staticmethod
    def form_hint(fields: int) -> str:
        return tr("reports.dialog.hint")

    def on_mount(self) -> None:
        # The report that fits the phase (HTML, four weeks, documents) is one Enter away.
        kinds = self.query_one("#field-kind", OptionList)
        kinds.highlighted = KINDS.index(self._kind)
        kinds.focus(scroll_visible=False)
        # From the top, with the label "Rapport" above the kinds in view.
        fields = self.query_one(".choice-fields", VerticalScroll)
        self.call_after_refresh(fields.scroll_home, animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a kind writes that report."""
        event.stop()
        host(self).attempt(self.action_save)

    def values(self) -> Values:
        kinds = self.query_one("#field-kind", OptionList)
        index = kinds.highlighted
        kind = KINDS[index] if index is not None else self._kind
        return {"kind": kind, **super().values()}

    def _check(self, values: Values) -> str | None:
        try:
            since = parse_day(values["since"], "since", self.today, Looking.BACK)
        except TavleError as error:
            return error.message(translator())
        if since is None:
            since = self.today - dt.timedelta(days=PERIOD_DAYS)
        text = values["folder"].strip().strip('"').strip()
        folder = Path(text).expanduser() if text else export_dir()
        if folder == export_dir() and not folder.exists():
            with suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            return tr("reports.error.no_folder", folder=str(folder))
        self.choice = ReportChoice(values["kind"], values["format"], since, folder)
        return None


def write_report(screen: ProjectScreenBase, choice: ReportChoice, *,
                 today: dt.date | None = None) -> None:
    """Build the chosen report, pass it by the CPR guard, write it and say where it went."""
    from core.reports.files import make_report, report_hits, save_report
    from tui.dialogs.cpr_guard import guard_then

    store, tx = screen.store, translator()
    project_id = None if choice.kind == "portfolio" else screen.project_id
    today = today or screen.tavle.today()

    def made() -> Made:
        return make_report(store, cast("Kind", choice.kind), project_id,
                           fmt=cast("Format", choice.fmt), lang=tx.lang, today=today,
                           since=choice.since)

    first = made()

    def write() -> None:
        report = made()  # again: the guard may have had a field edited
        try:
            path = save_report(report.text, name=report.name, folder=choice.folder)
        except TavleError as error:
            screen.notify(error.message(tx), severity="error", markup=False, timeout=10)
            return
        screen.notify(tr("reports.written", path=str(path)), markup=False, timeout=10)

    guard_then(screen, what="report", target=first.name,
               scan=lambda: report_hits(store, made(), tx), then=write)
