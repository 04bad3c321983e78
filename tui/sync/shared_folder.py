"""The shared folder of a project, organisation or network (F): where its files go, when this
unit last wrote and read, and per other unit when it last wrote and what it has seen of ours.

`s` syncs now (the other units' new files are read, then ours is written; a file that brings a
conflict or a warning waits), `v` chooses the folder, `x` stops using it (the files stay), `g`
reviews the waiting files in the import preview (`BatchImportScreen` with those files), `c`
opens the CPR guard's dialog when the guard stopped our file, Esc closes. The screen lists the
folder when it opens and after each action; what it finds is kept in the app's one cache
(`tui.sync.folder_state`), which the project screen's status line reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from tui.lang import tr, translator
from tui.screens.base import TavleScreen
from tui.sync import folder_texts
from tui.sync.folder_state import (
    FolderView,
    Listed,
    folder_times,
    list_folders,
    notify_results,
    sync_listed,
)
from tui.sync.texts import unit_text
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import cell

if TYPE_CHECKING:
    from core.sync.cpr_guard import GuardHit
    from tui.sync.folder_state import FolderState

COLUMNS = (("unit", 0), ("wrote", 17), ("seen", 0))


def open_shared_folder(screen: TavleScreen, scope_id: str, name: str) -> None:
    """Open the shared-folder screen of a scope (F on the project, organisation, network)."""
    screen.app.push_screen(SharedFolderDialog(scope_id, name))


class SharedFolderDialog(TavleScreen):
    """The scope's shared folder and the other units' status; s syncs now."""

    HELP = "folder_ui.help"

    BINDINGS = [
        Binding("s", "sync", "folder_ui.keys.sync", id="shared_folder.sync"),
        Binding("v", "choose", "folder_ui.keys.choose", id="shared_folder.choose"),
        Binding("g", "review", "folder_ui.keys.review", id="shared_folder.review"),
        Binding("c", "cpr", "folder_ui.keys.cpr", id="shared_folder.cpr"),
        Binding("x", "stop", "folder_ui.keys.stop", id="shared_folder.stop"),
        Binding("escape", "close", "folder_ui.keys.close", id="shared_folder.close"),
    ]

    def __init__(self, scope_id: str, name: str) -> None:
        super().__init__()
        self.scope_id = scope_id
        self.scope_name = name
        self.view: FolderView | None = None
        self._message = ""

    @property
    def folders(self) -> FolderState:
        state: FolderState = self.app.folders  # type: ignore[attr-defined]
        return state

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="folder-body"):
            yield Label("", id="folder-path", markup=False)
            yield Label("", id="folder-times", markup=False)
            yield Label("", id="folder-message", classes="form-error", markup=False)
            yield Label(Content(tr("folder_ui.units_heading")), classes="section-title",
                        id="folder-units-heading")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="folder-units")
            yield Label("", id="folder-no-units", classes="field-help", markup=False)
            yield Label("", id="folder-waiting", markup=False)
            yield Label("", id="folder-skipped", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        """Show what is known of the folder at once, and list it again in a thread."""
        self.title = self.scope_name
        self.sub_title = tr("folder_ui.title")
        from core.sync.folder import shared_folder

        folder = shared_folder(self.store, self.scope_id)
        known = self.folders.get(self.scope_id)
        self.view = known if known is not None and known.folder == folder else (
            FolderView(self.scope_id, folder))
        self._show()
        if folder is not None:
            list_folders(self, [(self.scope_id, folder)], self._listed)

    def _listed(self, scans: Listed) -> None:
        """The folder as listed a moment ago: the units' status and the files skipped."""
        from core.sync.errors import SyncFileError

        if not self.is_mounted:
            return
        scan = scans[self.scope_id]
        if isinstance(scan, SyncFileError):
            if self.view is not None:
                self.view.error = scan
        else:
            self.view = self.folders.refresh(self.store, self.scope_id, scan=scan)
        self._show()

    # -- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        tx = translator()
        view = self.view
        folder = view.folder if view else None
        path = self.query_one("#folder-path", Label)
        path.update(Content(tx("folder_ui.folder", path=str(folder)) if folder
                            else tx("folder_ui.no_folder")))
        wrote, read = folder_times(self.store, self.scope_id)
        times = self.query_one("#folder-times", Label)
        times.update(Content("\n".join([
            tx("folder_ui.last_write", when=folder_texts.local_time(wrote, tx)),
            tx("folder_ui.last_read", when=folder_texts.local_time(read, tx))])))
        times.display = folder is not None
        message = self._message
        if view is not None and view.error is not None:
            message = "\n".join(filter(None, [view.error.message(tx), message]))
        hits = self._hits()
        if hits:
            message = "\n".join(filter(None, [message, tx("folder_ui.cpr_stop",
                                                        count=len(hits))]))
        shown = self.query_one("#folder-message", Label)
        shown.update(Content(message))
        shown.display = bool(message)
        self._show_units(view)
        self._show_files(view)
        self.refresh_bindings()

    def _show_units(self, view: FolderView | None) -> None:
        tx = translator()
        table = self.query_one("#folder-units", DataTable)
        table.clear(columns=True)
        statuses = view.statuses if view else None
        have = bool(statuses)
        for widget in (table, self.query_one("#folder-units-heading")):
            widget.display = view is not None and view.folder is not None
        table.display = have
        empty = self.query_one("#folder-no-units", Label)
        empty.display = view is not None and view.folder is not None and not have
        empty.update(Content(tx("folder_ui.not_synced") if statuses is None
                             else tx("folder_ui.no_units")))
        if not statuses:
            return
        rows = [(unit_text(s.unit, tx), folder_texts.local_time(s.last_write, tx),
                 folder_texts.seen_text(s, tx)) for s in statuses]
        width = self.app.size.width
        unit_width = max(8, min(28, max(len(r[0]) for r in rows)))
        seen_width = max(16, width - unit_width - 17 - 12)
        for (key, fixed), heading in zip(COLUMNS, ("column_unit", "column_wrote", "column_seen"),
                                         strict=True):
            size = {"unit": unit_width, "wrote": fixed, "seen": seen_width}[key]
            table.add_column(cell(tr(f"folder_ui.{heading}")), key=key, width=size)
        for index, row in enumerate(rows):
            table.add_row(*(cell(text) for text in row), key=str(index))

    def _show_files(self, view: FolderView | None) -> None:
        tx = translator()
        waiting = view.waiting if view else []
        label = self.query_one("#folder-waiting", Label)
        label.update(Content("\n".join([tx("folder_ui.waiting_heading"),
                                        *(f"  {path.name}" for path in waiting)])))
        label.display = bool(waiting)
        skipped = view.scan.skipped if view and view.scan else []
        label = self.query_one("#folder-skipped", Label)
        label.update(Content("\n".join([tx("folder_ui.skipped_heading"), *(
            f"  {item.path.name}: {tx(f'sync.folder.skip.{item.reason}')}" for item in skipped)])))
        label.display = bool(skipped)

    def _hits(self) -> list[GuardHit]:
        last = self.view.last if self.view else None
        return list(last.write.hits) if last and last.write else []

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        chosen = self.view is not None and self.view.folder is not None
        if action in ("sync", "stop"):
            return chosen
        if action == "review":  # shown only when there is something to do
            return chosen and bool(self.view and self.view.waiting)
        if action == "cpr":
            return bool(self._hits())
        return True

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_sync(self) -> None:
        """Read the other units' new files, then write ours (s)."""
        if self.view is None or self.view.folder is None:
            self.notify(tr("sync.folder.not_chosen"), markup=False)
            return
        folder = self.view.folder

        def listed(scans: Listed) -> None:  # the folder listed in a thread: now read and write
            result = sync_listed(self.store, self.folders, self.scope_id, folder,
                                 scans[self.scope_id])
            tx = translator()
            if result.error is None and result.write is not None and not result.write.hits:
                self.notify(folder_texts.written_text(result.write, tx), markup=False)
            notify_results(self, [result], say_nothing_new=True)
            if self.is_mounted:
                self.view = self.folders.get(self.scope_id)
                self._message = ""
                self._show()

        list_folders(self, [(self.scope_id, folder)], listed)

    def action_choose(self) -> None:
        """Choose the shared folder (v)."""
        from tui.sync.folder_pick import SharedFolderPickDialog

        start = self.view.folder if self.view and self.view.folder else None
        self.app.push_screen(SharedFolderPickDialog(tr("folder_ui.pick_title"), start),
                             self._chosen)

    def _chosen(self, folder: Path | None) -> None:
        if folder is None:
            return
        from core.sync.folder import set_shared_folder

        set_shared_folder(self.store, self.scope_id, folder)
        self._message = ""
        self.view = self.folders.refresh(self.store, self.scope_id)
        self.notify(tr("folder_ui.chosen", path=str(folder)), markup=False)
        self._show()

    def action_stop(self) -> None:
        """Stop using the folder, after asking (x): the files stay in it."""
        from tui.dialogs.confirm import ConfirmDialog

        if self.view is None or self.view.folder is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            from core.sync.folder import set_shared_folder

            set_shared_folder(self.store, self.scope_id, None)
            self.folders.forget(self.scope_id)
            self.view = self.folders.refresh(self.store, self.scope_id)
            self._message = ""
            self.notify(tr("folder_ui.stopped", name=self.scope_name), markup=False)
            self._show()

        question = tr("folder_ui.stop_question", path=str(self.view.folder),
                      name=self.scope_name)
        self.app.push_screen(ConfirmDialog(question, yes=tr("folder_ui.stop_yes")), answered)

    def action_review(self) -> None:
        """The waiting files in the import preview (g)."""
        from tui.sync.batch_import import BatchImportScreen

        view = self.view
        if view is None or view.folder is None or not view.waiting:
            self.notify(tr("folder_ui.no_waiting"), markup=False)
            return
        self.app.push_screen(BatchImportScreen(view.folder, on_imported=self._reviewed,
                                               paths=list(view.waiting)))

    def _reviewed(self) -> None:
        self.view = self.folders.refresh(self.store, self.scope_id)
        self._show()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self._show()

    def on_resize(self) -> None:
        """The units' columns follow the window (a projector's resolution changed)."""
        if self.is_mounted:
            self._show_units(self.view)

    def action_cpr(self) -> None:
        """The possible personal numbers that stopped our file (c): edit or take them out, or
        send anyway with a reason; then the file is written."""
        from core.sync import cpr_guard
        from tui.dialogs.cpr_guard import CprGuardDialog, guard_mode

        hits = self._hits()
        if not hits:
            self.notify(tr("folder_ui.no_hits"), markup=False)
            return

        def scan() -> list[GuardHit]:
            found = cpr_guard.scan_export(self.store, self.scope_id, translator(), full=True)
            return found + cpr_guard.name_hits(self.scope_name, found, translator())

        def answered(go: bool | None) -> None:
            if go:
                self._write_after_guard()
            else:
                self.notify(tr("cpr.stopped"), markup=False)

        self.app.push_screen(CprGuardDialog(
            self.store, what="export", target=self.scope_name, scan=scan, hits=hits,
            block=guard_mode(self) == "block", log=self.undo_log), answered)

    def _write_after_guard(self) -> None:
        """The user let the file go (nothing left, or a reason given): write it now."""
        from core.sync.errors import SyncFileError
        from core.sync.folder import FolderSync, write_own

        view = self.view
        if view is None or view.folder is None:
            return
        result = FolderSync(self.scope_id, view.folder)
        try:
            result.write = write_own(self.store, self.scope_id, tr=translator(),
                                     check_cpr=False)
        except SyncFileError as error:
            result.error = error
        self.folders.took(self.store, result)
        self.view = self.folders.get(self.scope_id)
        if result.write is not None:
            self.notify(folder_texts.written_text(result.write, translator()), markup=False)
        notify_results(self, [result])
        self._show()


