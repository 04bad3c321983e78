"""Import the back office's key figures from Excel or CSV: a file from the picker (Downloads
first), then a preview of every row (new, changed, unchanged, unknown, refused) and the unknown
teams and figures, then `y` writes the new and changed values in one undoable step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from core.errors import TavleError
from core.teams import excel as team_csv
from core.teams.excel import TeamImportPreview
from core.teams.words import format_figure
from core.values.periods import period_label
from tui.bindings import translate_bindings
from tui.lang import tr, translator
from tui.widgets.row_table import cell

if TYPE_CHECKING:
    from tui.teams.base import OrgScreenBase


def start_team_import(screen: OrgScreenBase, today: dt.date | None = None) -> None:
    """Pick the file, show its preview, and import on confirmation."""
    from tui.screens.file_pick import TABLE_SUFFIXES, FilePickDialog

    previews: list[tuple[TeamImportPreview, str]] = []
    day = today or screen.tavle.today()

    def check(path: Path) -> str | None:
        try:
            previews.append((team_csv.read_team_file(path, screen.store, screen.org_id, day),
                             str(path)))
        except TavleError as error:
            return error.message(translator())
        return None

    def confirmed(yes: bool | None) -> None:
        if yes and previews:
            count = team_csv.apply_team_import(screen.undo_log, screen.org_id, previews[-1][0])
            reload = getattr(screen, "reload", None)
            if reload is not None:
                reload()
            screen.notify(tr("teams.import.done", count=count), markup=False)

    def picked(path: Path | None) -> None:
        if path is not None and previews:
            screen.app.push_screen(TeamImportDialog(*previews[-1]), confirmed)

    screen.app.push_screen(FilePickDialog(tr("teams.import.title"), suffixes=TABLE_SUFFIXES,
                                          kind="table", check=check), picked)


class TeamImportDialog(ModalScreen[bool]):
    """What an import would do; `y`/ctrl+s imports, `n`/Esc cancels. A refused file shows why
    and imports nothing."""

    BINDINGS = [
        Binding("y,j,ctrl+s", "answer(True)", "teams.import.confirm", id="team_import.confirm"),
        Binding("n,escape", "answer(False)", "keys.cancel", id="team_import.cancel"),
    ]

    def __init__(self, preview: TeamImportPreview, path: str) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._preview = preview
        self._path = path

    def compose(self) -> ComposeResult:
        preview, t = self._preview, translator()
        with Vertical(classes="dialog-box plan-import-box"):
            yield Label(Content(tr("teams.import.preview_title", path=self._path)),
                        classes="dialog-title")
            yield Label(Content(tr(
                "teams.import.summary", new=preview.count("new"),
                changed=preview.count("changed"), unchanged=preview.count("unchanged"),
                unknown=preview.count("unknown"), refused=preview.count("refused"))),
                id="import-summary")
            for problem in preview.problems:
                yield Label(Content(problem.message(t)), classes="form-error")
            if preview.unknown_teams:
                yield Label(Content(tr("teams.import.unknown_teams",
                                       names=", ".join(preview.unknown_teams))),
                            classes="form-error", id="unknown-teams")
            if preview.unknown_figures:
                yield Label(Content(tr("teams.import.unknown_figures",
                                       names=", ".join(preview.unknown_figures))),
                            classes="form-error", id="unknown-figures")
            yield DataTable(cursor_type="row", id="import-rows")
            hint = "teams.import.hint_refused" if not preview.to_write else "teams.import.hint"
            yield Label(Content(tr(hint, count=len(preview.to_write))), classes="dialog-hint")

    def on_mount(self) -> None:
        t = translator()
        table = self.query_one("#import-rows", DataTable)
        for key, width in (("line", 5), ("status", 22), ("team", 14), ("period", 12),
                           ("figure", 14), ("old", 10), ("value", 24)):
            table.add_column(cell(tr(f"teams.import.column.{key}")), width=width)
        for row in self._preview.rows:
            period = period_label(row.period, t) if row.period else row.period_text
            if row.figure is not None:
                old, new = (format_figure(row.figure, row.old, t),
                            format_figure(row.figure, row.value, t))
            else:
                old, new = "", row.value_text
            if row.base is not None:
                new = tr("funnel.with_base", value=new, base=t.number(row.base))
            status = tr(f"teams.import.status.{row.status}")
            if row.problem is not None:
                status = f"{status}: {row.problem.message(t)}".replace("\n", " ")
            table.add_row(cell(str(row.line)), cell(status), cell(row.team_name), cell(period),
                          cell(row.figure_name), cell(old), cell(new))
        table.focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(bool(answer and self._preview.to_write))
