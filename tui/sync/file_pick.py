"""Pick a file by keyboard: `.tavle` files first (newest first, with date and size), then folders.

Starts in the documents folder; `d` goes back there, `o` opens Downloads (Overførsler), Enter
opens a folder or picks a file, Backspace goes up, and the path field at the top takes a typed
or pasted path (Tab or `/` moves there). Names are shown literally.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label

from core.paths import export_dir
from tui.bindings import translate_bindings
from tui.lang import tr, translator
from tui.sync.texts import size_text
from tui.widgets.row_table import RowTable, cell

SUFFIX = ".tavle"
NAME_WIDTH = 44


def middle_ellipsis(text: str, width: int) -> str:
    """Shorten `text` in the middle, keeping its end (a file name's unit, date and kind)."""
    if len(text) <= width:
        return text
    tail = (width - 1) * 3 // 5
    return f"{text[: width - 1 - tail]}…{text[-tail:]}"


@dataclass(frozen=True)
class Entry:
    """A row of the picker: a file to pick, a folder to open, or the folder above."""

    path: Path
    kind: str
    """"file", "folder" or "up"."""
    modified: dt.datetime | None = None
    size: int = 0


def downloads_dir() -> Path:
    """The user's Downloads folder (Overførsler on a Danish Windows)."""
    return Path.home() / "Downloads"


def list_folder(folder: Path, suffix: str = SUFFIX) -> list[Entry]:
    """The picker's rows for `folder`: matching files newest first, the folder above, then the
    folders by name (hidden ones left out). Raises OSError when the folder cannot be read."""
    files: list[Entry] = []
    folders: list[Entry] = []
    for child in folder.iterdir():
        if child.name.startswith("."):
            continue
        try:
            if child.is_dir():
                folders.append(Entry(child, "folder"))
            elif child.is_file() and child.name.lower().endswith(suffix):
                stat = child.stat()
                modified = dt.datetime.fromtimestamp(stat.st_mtime)
                files.append(Entry(child, "file", modified, stat.st_size))
        except OSError:
            continue
    files.sort(key=lambda e: (e.modified or dt.datetime.min, e.path.name), reverse=True)
    folders.sort(key=lambda e: e.path.name.casefold())
    up = [Entry(folder.parent, "up")] if folder.parent != folder else []
    return [*files, *up, *folders]


class FilePickDialog(ModalScreen[Path | None]):
    """Choose a `.tavle` file; dismiss with its path (None on Esc)."""

    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel", id="file_pick.cancel"),
        Binding("backspace", "up", "sync_ui.keys.up", id="file_pick.up"),
        Binding("d", "go_documents", "sync_ui.keys.documents", id="file_pick.documents"),
        Binding("o", "go_downloads", "sync_ui.keys.downloads", id="file_pick.downloads"),
        Binding("slash", "type_path", "sync_ui.keys.type_path", id="file_pick.type_path"),
    ]

    def __init__(self, title: str, start: Path | None = None) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._title = title
        self.folder = start or export_dir()
        if not self.folder.is_dir():
            self.folder = Path.home()
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box file-pick-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield Input(id="pick-path", max_length=1000)
            yield RowTable(id="pick-files")
            yield Label("", id="pick-detail", classes="field-help", markup=False)
            yield Label("", id="pick-empty", classes="field-help", markup=False)
            yield Label("", id="form-error", classes="form-error", markup=False)
            yield Label(Content(tr("sync_ui.pick_hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#pick-files", DataTable)
        table.add_column(cell(tr("sync_ui.pick_name")), key="name", width=NAME_WIDTH)
        table.add_column(cell(tr("sync_ui.pick_modified")), key="modified", width=16)
        table.add_column(cell(tr("sync_ui.pick_size")), key="size", width=9)
        self.show_folder(self.folder)
        table.focus()

    # -- showing a folder -------------------------------------------------------------------

    def show_folder(self, folder: Path) -> bool:
        """List `folder`; on a folder that cannot be read, say so and stay where we are."""
        try:
            entries = list_folder(folder)
        except OSError:
            self._problem(tr("sync_ui.pick_cannot_read", path=str(folder)))
            return False
        self.folder, self.entries = folder, entries
        self._problem("")
        self.query_one("#pick-path", Input).value = str(folder)
        table = self.query_one("#pick-files", DataTable)
        table.clear()
        tx = translator()
        for index, entry in enumerate(entries):
            if entry.kind == "file":
                row = (middle_ellipsis(entry.path.name, NAME_WIDTH), tx.datetime(entry.modified),
                       size_text(entry.size, tx))
            elif entry.kind == "up":
                row = (tr("sync_ui.pick_up"), "", "")
            else:
                row = (middle_ellipsis(f"{entry.path.name}/", NAME_WIDTH), "",
                       tr("sync_ui.pick_folder"))
            table.add_row(*(cell(text) for text in row), key=str(index))
        has_files = any(entry.kind == "file" for entry in entries)
        empty = self.query_one("#pick-empty", Label)
        empty.update(Content(tr("sync_ui.pick_empty")))
        empty.display = not has_files
        return True

    def _problem(self, text: str) -> None:
        self.query_one("#form-error", Label).update(Content(text))

    def _open(self, path: Path) -> None:
        """Open a folder, or pick a file."""
        if path.is_dir():
            if self.show_folder(path):
                self.query_one("#pick-files", DataTable).focus()
        elif path.is_file():
            self.dismiss(path)
        else:
            self._problem(tr("sync_ui.pick_not_found", path=str(path)))

    # -- keys -------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#pick-files")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.entries):
            self._open(self.entries[event.cursor_row].path)

    @on(DataTable.RowHighlighted, "#pick-files")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted file's whole name (the list may shorten it)."""
        row = event.cursor_row
        entry = self.entries[row] if 0 <= row < len(self.entries) else None
        text = entry.path.name if entry is not None and entry.kind == "file" else ""
        self.query_one("#pick-detail", Label).update(Content(text))

    @on(Input.Submitted, "#pick-path")
    def _path_typed(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip().strip('"').strip()
        if text:
            self._open(Path(text).expanduser())

    def action_up(self) -> None:
        if self.folder.parent != self.folder:
            previous = self.folder
            if self.show_folder(self.folder.parent):
                self._move_to(previous)

    def _move_to(self, path: Path) -> None:
        for index, entry in enumerate(self.entries):
            if entry.path == path:
                self.query_one("#pick-files", DataTable).move_cursor(row=index)

    def action_go_documents(self) -> None:
        self._open(export_dir())

    def action_go_downloads(self) -> None:
        self._open(downloads_dir())

    def action_type_path(self) -> None:
        box = self.query_one("#pick-path", Input)
        box.focus()
        box.cursor_position = len(box.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
