"""Import a whole folder of `.tavle` files at once, with one combined preview (a learning
network's coordinator gathering the units' files).

The preview reads every file in a worker with a progress bar (`core.sync.batch.preview_batch`:
the imports one after the other, rolled back) and shows a row per file: unit, projects, new,
changed and deleted records, conflicts; refused files are listed with their reasons, duplicates
and already imported files are marked. Enter or ctrl+s imports the good files
(`apply_batch`, in a worker); one bad file never stops the batch. Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, ProgressBar

from core.errors import TavleError
from core.sync.batch import FileOutcome
from tui.dialogs.confirm import ConfirmDialog
from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.sync import batch_texts as batch_text
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import cell

LOADING, READY, APPLYING, DONE, FAILED = "loading", "ready", "applying", "done", "failed"
COLUMN_WIDTHS = {"file": 30, "unit": 16, "state": 22}
"""Widths of the wide columns; the projects (or, narrow, unit and projects) take the rest."""
WIDE_FROM = 110


def start_batch_import(
    screen: Screen[Any], on_imported: Callable[[], None] | None = None
) -> None:
    """Pick a folder (starting in Documents), then show its combined preview; `on_imported`
    runs after an import (the caller shows its data again)."""
    from tui.sync.folder_pick import FolderPickDialog

    def picked(folder: Path | None) -> None:
        if folder is not None:
            screen.app.push_screen(BatchImportScreen(folder, on_imported=on_imported))

    screen.app.push_screen(FolderPickDialog(tr("network.batch.pick_title")), picked)


class BatchImportScreen(TavleScreen):
    """The combined preview of a folder's files; Enter imports the good ones."""

    HELP = "network.help.batch"

    BINDINGS = [
        Binding("enter,ctrl+s", "apply", "network.keys.import_all", id="batch_import.apply"),
        Binding("escape", "cancel", "keys.cancel", id="batch_import.cancel"),
    ]

    def __init__(self, folder: Path, on_imported: Callable[[], None] | None = None, *,
                 paths: list[Path] | None = None) -> None:
        """`paths`: preview these files of `folder` only (a shared folder's files waiting for
        review), rather than every `.tavle` file in it."""
        super().__init__()
        self.folder = folder
        self.paths = paths
        self.outcomes: list[FileOutcome] = []
        self.state = LOADING
        self._on_imported = on_imported

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="batch-body"):
            yield Label(Content(tr("network.batch.reading", folder=str(self.folder))),
                        id="batch-state", classes="preview-state")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="batch-files")
            yield Label("", id="batch-detail", classes="field-help", markup=False)
            yield Label("", id="batch-refused", classes="preview-section form-error",
                        markup=False)
        yield ProgressBar(id="batch-progress", show_eta=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.title = tr("app.title")
        self.sub_title = tr("network.batch.title")
        table = self.query_one("#batch-files", DataTable)
        table.display = False
        self.query_one("#batch-refused").display = False
        self.query_one("#batch-progress", ProgressBar).update(total=None, progress=0)
        self._load()

    # -- reading the folder -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="batch-preview")
    def _load(self) -> None:
        from core.sync.batch import batch_files, preview_batch

        try:
            paths = list(self.paths) if self.paths is not None else batch_files(self.folder)
        except OSError:
            self.app.call_from_thread(
                self._failed, tr("network.batch.cannot_read", folder=str(self.folder)))
            return
        try:
            outcomes = preview_batch(self.store, paths, progress=self._progress_from_worker)
        except TavleError as error:
            self.app.call_from_thread(self._failed, error.message(translator()))
            return
        self.app.call_from_thread(self._show, outcomes)

    def _progress_from_worker(self, done: int, total: int, path: Path) -> None:
        """Called in the worker for every file: the bar, and which file is being read."""
        self.app.call_from_thread(self._progress, done, total, path)

    def _progress(self, done: int, total: int, path: Path) -> None:
        self.query_one("#batch-progress", ProgressBar).update(total=max(total, 1), progress=done)
        if done < total:
            key = "network.batch.applying_file" if self.state == APPLYING else \
                "network.batch.reading_file"
            self._state_line(tr(key, done=done + 1, count=total, name=path.name))

    def _failed(self, message: str) -> None:
        self.state = FAILED
        self.query_one("#batch-progress", ProgressBar).display = False
        self._state_line(message)
        self.refresh_bindings()

    def _show(self, outcomes: list[FileOutcome]) -> None:
        self.outcomes = outcomes
        self.state = READY
        self.query_one("#batch-progress", ProgressBar).display = False
        tx = translator()
        if not outcomes:
            self._state_line(tr("network.batch.no_files", folder=str(self.folder)))
            self.refresh_bindings()
            return
        self._state_line(batch_text.summary_text(outcomes, tx))
        self._show_rows(outcomes)
        refused = batch_text.refused_lines(outcomes, tx)
        label = self.query_one("#batch-refused", Label)
        label.update(Content("\n".join([tr("network.batch.refused_heading"), *refused])))
        label.display = bool(refused)
        self.refresh_bindings()

    def _show_rows(self, outcomes: list[FileOutcome]) -> None:
        tx = translator()
        table = self.query_one("#batch-files", DataTable)
        table.clear(columns=True)
        wide = self.app.size.width >= WIDE_FROM
        columns = batch_text.COLUMNS if wide else batch_text.NARROW_COLUMNS
        widths = {name: COLUMN_WIDTHS.get(name, len(tr(f"network.batch.column.{name}")))
                  for name in columns}
        if not wide:
            widths["state"] = 14
        rest = "projects" if wide else "what"
        widths[rest] = 0
        widths[rest] = max(16, self.app.size.width - sum(w + 2 for w in widths.values()) - 3)
        for name in columns:
            table.add_column(cell(tr(f"network.batch.column.{name}")), key=name,
                             width=widths[name])
        for index, outcome in enumerate(outcomes):
            row = batch_text.batch_row(outcome, tx)
            table.add_row(*(
                Text(text, justify="right") if name in batch_text.NUMBER_COLUMNS else cell(text)
                for name, text in zip(columns, row.cells(columns), strict=True)
            ), key=str(index))
        table.display = True
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted file's whole name, and its reason when it is refused."""
        if not 0 <= event.cursor_row < len(self.outcomes):
            return
        outcome = self.outcomes[event.cursor_row]
        tx = translator()
        text = f"{outcome.path.name}: {batch_text.state_text(outcome, tx)}"
        if outcome.error is not None:
            text = f"{outcome.path.name}: {outcome.error.message(tx)}"
        self.query_one("#batch-detail", Label).update(Content(text))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_apply()

    def _state_line(self, text: str) -> None:
        self.query_one("#batch-state", Label).update(Content(text))

    # -- importing --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply":
            return self.state == READY and bool(batch_text.importable(self.outcomes))
        if action == "cancel":
            return self.state != APPLYING
        return True

    def action_apply(self) -> None:
        ready = batch_text.importable(self.outcomes)
        if self.state != READY or not ready:
            return
        large = [o for o in ready if o.preview is not None and o.preview.large_delete]
        if not large:
            self._start(ready)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(ready)

        question = tr("network.batch.large_delete_question", count=len(large),
                      names=", ".join(o.path.name for o in large))
        self.app.push_screen(ConfirmDialog(question, yes=tr("network.keys.import_all")),
                             answered)

    def _start(self, ready: list[FileOutcome]) -> None:
        self.state = APPLYING
        self._state_line(tr("network.batch.applying"))
        bar = self.query_one("#batch-progress", ProgressBar)
        bar.update(total=len(ready), progress=0)
        bar.display = True
        self.refresh_bindings()
        self._apply([o.path for o in ready])

    @work(thread=True, exclusive=True, group="batch-apply")
    def _apply(self, paths: list[Path]) -> None:
        from core.sync.batch import apply_batch

        try:
            outcomes = apply_batch(self.store, paths, progress=self._progress_from_worker)
        except TavleError as error:
            self.app.call_from_thread(self._failed, error.message(translator()))
            return
        self.app.call_from_thread(self._applied, outcomes)

    def _applied(self, outcomes: list[FileOutcome]) -> None:
        self.state = DONE
        tx = translator()
        self.notify(batch_text.result_text(outcomes, tx), markup=False)
        for line in batch_text.refused_lines(outcomes, tx):
            self.notify(line, markup=False, severity="warning")
        self.app.pop_screen()
        if self._on_imported is not None:
            self._on_imported()

    def action_cancel(self) -> None:
        if self.state != APPLYING:
            self.app.pop_screen()
