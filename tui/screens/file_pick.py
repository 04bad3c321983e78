"""Pick a file by keyboard: the files that fit first (`.tavle`, or a table's `.csv`, `.txt`,
`.xlsx`; newest first, with date and size), then folders.

Starts in the real Downloads folder (Overførsler; where the system keeps it, also on OneDrive);
`o` goes back there, `d` opens Documents, `l` the folder a file of this kind was last picked
from. Enter opens a folder or picks a file, Backspace goes up, and the path field at the top
takes a typed or pasted path (Tab or `/` moves there). Names are shown literally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label

from core.i18n import Translator
from core.paths import downloads_dir, export_dir, last_folder, remember_folder
from core.values.sheets import READ_SUFFIXES
from tui.bindings import translate_bindings
from tui.lang import tr, translator
from tui.widgets.row_table import RowTable, cell

SUFFIX = ".tavle"
TABLE_SUFFIXES = READ_SUFFIXES
"""What a table import reads: CSV and text saved from Excel, and Excel workbooks."""
NAME_WIDTH = 44


def size_text(size: int, tx: Translator) -> str:
    """A file size: "812 B", "14,2 kB", "3,1 MB"."""
    if size < 1000:
        return tx("sync_ui.size_bytes", size=size)
    if size < 1_000_000:
        return tx("sync_ui.size_kb", size=tx.number(size / 1000, 1))
    return tx("sync_ui.size_mb", size=tx.number(size / 1_000_000, 1))


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


def list_folder(folder: Path, suffix: str | tuple[str, ...] = SUFFIX) -> list[Entry]:
    """The picker's rows for `folder`: files ending in `suffix` (one or several) newest first,
    the folder above, then the folders by name (hidden ones left out). Raises OSError when the
    folder cannot be read."""
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


def start_folder(kind: str) -> Path:
    """Where the picker opens: Downloads, else Documents, else the folder of the last pick
    (of this `kind`), else the home folder: the first of them that exists."""
    for folder in (downloads_dir(), export_dir(), last_folder(kind)):
        if folder is not None and folder.is_dir():
            return folder
    return Path.home()


class FilePickDialog(ModalScreen[Path | None]):
    """Choose a file ending in one of `suffixes`; dismiss with its path (None on Esc). The
    folder it was picked from is remembered for the next pick of the same `kind`."""

    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel", id="file_pick.cancel"),
        Binding("backspace", "up", "sync_ui.keys.up", id="file_pick.up"),
        Binding("d", "go_documents", "sync_ui.keys.documents", id="file_pick.documents"),
        Binding("o", "go_downloads", "sync_ui.keys.downloads", id="file_pick.downloads"),
        Binding("l", "go_last", "sync_ui.keys.last_folder", id="file_pick.last_folder"),
        Binding("slash", "type_path", "sync_ui.keys.type_path", id="file_pick.type_path"),
    ]

    HINT_KEY = "sync_ui.pick_hint"
    """The catalog key of the keys line under the list (the folder picker has its own)."""

    def __init__(self, title: str, start: Path | None = None, *,
                 suffixes: tuple[str, ...] = (SUFFIX,), kind: str = "tavle",
                 check: Callable[[Path], str | None] | None = None) -> None:
        """`check` reads a picked file: it returns what is wrong with it (shown in the picker,
        which stays open for another pick) or None to close with the file."""
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._title = title
        self.suffixes = tuple(suffix.lower() for suffix in suffixes)
        self.kind = kind
        self._check = check
        self.folder = start or start_folder(kind)
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
            yield Label(Content(tr(self.HINT_KEY)), classes="dialog-hint")

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
            entries = list_folder(folder, self.suffixes)
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
        empty.update(Content(tr("sync_ui.pick_empty", suffixes=", ".join(self.suffixes))))
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
            problem = self._check(path) if self._check is not None else None
            if problem:
                self._problem(problem)
                return
            self._picked(path, path.parent)
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
            path = Path(text).expanduser()
            self._open(path if path.is_absolute() else self.folder / path)

    def action_up(self) -> None:
        if self.folder.parent != self.folder:
            previous = self.folder
            if self.show_folder(self.folder.parent):
                self._move_to(previous)

    def _move_to(self, path: Path) -> None:
        for index, entry in enumerate(self.entries):
            if entry.path == path:
                self.query_one("#pick-files", DataTable).move_cursor(row=index)

    def _picked(self, result: Path, folder: Path) -> None:
        """Dismiss with `result`, remembering `folder` for the next pick of this kind."""
        remember_folder(self.kind, folder)
        self.dismiss(result)

    def action_go_last(self) -> None:
        """Open the folder a file of this kind was last picked from (else stay here)."""
        folder = last_folder(self.kind)
        if folder is not None:
            self._open(folder)

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
