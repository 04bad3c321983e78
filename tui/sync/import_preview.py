"""The preview of a sync file before it is imported: what it is, what it changes, its conflicts.

The preview is the import itself, rolled back (core.sync.importer), run in a worker. Enter or
ctrl+s imports (with a progress bar), after a second question when the file deletes much;
Esc goes back without writing anything. A refused file says what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Label, ProgressBar

from core.errors import TavleError
from core.sync.errors import PASSPHRASE_KEYS
from core.sync.outcomes import ImportPreview
from tui.dialogs.confirm import ConfirmDialog
from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.sync import texts as sync_text
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import cell

LOADING, READY, REFUSED, APPLYING, DONE = "loading", "ready", "refused", "applying", "done"


def start_import(app: App[Any], on_imported: Callable[[str | None], object]) -> None:
    """Pick a file and show its preview. After an import, `on_imported` runs with the id of
    the first project the file held (None when it held none), so the caller (the project list)
    can show its data again with that project under the cursor."""
    from tui.screens.file_pick import FilePickDialog

    def imported(result: ImportPreview) -> None:
        projects = [scope_id for scope_id, kind, _name in result.scopes if kind == "project"]
        on_imported(projects[0] if projects else None)

    def picked(path: Path | None) -> None:
        if path is not None:
            app.push_screen(ImportPreviewScreen(path, on_imported=imported))

    app.push_screen(FilePickDialog(tr("sync_ui.pick_title")), picked)


class ImportPreviewScreen(TavleScreen):
    """Show what importing `path` would do; import it on Enter."""

    HELP = "sync_ui.help.preview"

    BINDINGS = [
        Binding("enter,ctrl+s", "apply", "sync_ui.keys.import", id="import_preview.apply"),
        Binding("escape", "cancel", "keys.cancel", id="import_preview.cancel"),
    ]

    def __init__(self, path: Path,
                 on_imported: Callable[[ImportPreview], None] | None = None) -> None:
        super().__init__()
        self.path = path
        self.preview: ImportPreview | None = None
        self.state = LOADING
        self._on_imported = on_imported
        self._percent = -1
        self._passphrase: str | None = None
        """Typed to open a sealed file (kept for the import, never stored)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="preview-body"):
            yield Label(Content(tr("sync_ui.reading", name=self.path.name)), id="preview-state",
                        classes="preview-state")
            yield Label("", id="preview-facts", markup=False)
            yield DataTable(cursor_type="none", zebra_stripes=True, id="preview-counts")
            yield Label("", id="preview-conflicts", classes="preview-section", markup=False)
            yield Label("", id="preview-warnings", classes="preview-section form-error",
                        markup=False)
        yield ProgressBar(id="import-progress", show_eta=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.title = tr("app.title")
        self.sub_title = tr("sync_ui.preview_title")
        counts = self.query_one("#preview-counts", DataTable)
        counts.can_focus = False
        counts.display = False
        for name in ("preview-facts", "preview-conflicts", "preview-warnings", "import-progress"):
            self.query_one(f"#{name}").display = False
        self.query_one("#preview-body").focus()
        self._load()

    # -- reading the file -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="sync-preview")
    def _load(self) -> None:
        from core.sync.importer import preview_import

        try:
            preview = preview_import(self.store, self.path, passphrase=self._passphrase)
        except TavleError as error:
            if error.key in PASSPHRASE_KEYS:
                self.app.call_from_thread(self._ask_passphrase, error)
                return
            self.app.call_from_thread(self._refused, error.message(translator()))
            return
        except OSError:
            self.app.call_from_thread(
                self._refused, tr("sync_ui.cannot_read", path=str(self.path))
            )
            return
        self.app.call_from_thread(self._show, preview)

    def _ask_passphrase(self, error: TavleError) -> None:
        from tui.sync.passphrase import ask_passphrase_dialog

        def typed(passphrase: str | None) -> None:
            if passphrase is None:
                self._refused(error.message(translator()))
                return
            self._passphrase = passphrase
            self._load()

        ask_passphrase_dialog(self, error.key == "sync.error.wrong_passphrase", typed)

    def _refused(self, message: str) -> None:
        self.state = REFUSED
        self._state_line(tr("sync_ui.refused", message=message))
        self.refresh_bindings()

    def _show(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.state = READY
        tx = translator()
        self._state_line(self._status(preview))
        facts = self.query_one("#preview-facts", Label)
        heading = tr("sync_ui.preview_heading", name=self.path.name)
        facts.update(Content("\n".join([heading, *sync_text.preview_facts(preview, tx)])))
        facts.display = True
        self._show_counts(preview)
        conflicts = self.query_one("#preview-conflicts", Label)
        if preview.new_conflicts:
            lines = [tr("sync_ui.new_conflicts", count=len(preview.new_conflicts))]
            for conflict in preview.new_conflicts:
                lines += sync_text.conflict_lines(conflict, tx)
            conflicts.update(Content("\n".join(lines)))
        conflicts.display = bool(preview.new_conflicts)
        notes = sync_text.warning_lines(preview, tx) + sync_text.large_delete_lines(preview, tx)
        warnings = self.query_one("#preview-warnings", Label)
        warnings.update(Content("\n".join(f"! {note}" for note in notes)))
        warnings.display = bool(notes)
        self.refresh_bindings()

    def _status(self, preview: ImportPreview) -> str:
        text = sync_text.status_text(preview, translator())
        if sync_text.can_apply(preview):
            text = f"{text} {tr('sync_ui.press_enter')}"
        return text

    def _show_counts(self, preview: ImportPreview) -> None:
        tx = translator()
        table = self.query_one("#preview-counts", DataTable)
        table.clear(columns=True)
        rows = sync_text.count_rows(preview, tx)
        for index, label in enumerate(sync_text.count_header(tx)):
            table.add_column(cell(label), width=28 if index == 0 else max(9, len(label)))
        for row in rows:
            table.add_row(cell(row[0]), *(Text(text, justify="right") for text in row[1:]))
        table.display = bool(rows)

    def _state_line(self, text: str) -> None:
        self.query_one("#preview-state", Label).update(Content(text))

    # -- importing --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply":
            return (self.state == READY and self.preview is not None
                    and sync_text.can_apply(self.preview))
        if action == "cancel":
            return self.state != APPLYING
        return True

    def action_apply(self) -> None:
        preview = self.preview
        if self.state != READY or preview is None or not sync_text.can_apply(preview):
            return
        if not preview.large_delete:
            self._start()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._start()

        question = tr("sync_ui.large_delete_question", count=sync_text.deleted_count(preview),
                      unit=sync_text.unit_text(preview.sender_unit, translator()))
        self.app.push_screen(ConfirmDialog(question, yes=tr("sync_ui.keys.import")), answered)

    def _start(self) -> None:
        self.state = APPLYING
        self._state_line(tr("sync_ui.applying"))
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.refresh_bindings()
        self._apply()

    @work(thread=True, exclusive=True, group="sync-apply")
    def _apply(self) -> None:
        from core.sync.importer import apply_import

        try:
            result = apply_import(self.store, self.path, progress=self._progress_from_worker,
                                  passphrase=self._passphrase)
        except TavleError as error:
            self.app.call_from_thread(self._failed, error.message(translator()))
            return
        except OSError:
            self.app.call_from_thread(self._failed, tr("sync_ui.cannot_read", path=str(self.path)))
            return
        self.app.call_from_thread(self._applied, result)

    def _progress_from_worker(self, done: int, total: int) -> None:
        """Called in the worker: pass on whole percents only, so the UI is not flooded."""
        percent = 100 * done // total if total else 100
        if percent != self._percent:
            self._percent = percent
            self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _failed(self, message: str) -> None:
        self.state = REFUSED
        self.query_one("#import-progress", ProgressBar).display = False
        self._state_line(tr("sync_ui.refused", message=message))
        self.refresh_bindings()

    def _applied(self, result: ImportPreview) -> None:
        self.state = DONE
        self.notify(sync_text.result_text(result, translator()), markup=False)
        self.app.pop_screen()
        if self._on_imported is not None:
            self._on_imported(result)
        if any(key.startswith("cpr.import") for key, _params in result.warnings):
            from tui.dialogs.cpr_guard import offer_clean_up

            for scope_id, _kind, name in result.scopes:  # put right here, and back with a file
                offer_clean_up(self.app.screen, scope_id, name)

    def action_cancel(self) -> None:
        if self.state != APPLYING:
            self.app.pop_screen()
