"""Pick a folder by keyboard (a folder of `.tavle` files from the units of a learning network).

The file picker (`tui.screens.file_pick`) in folder mode: it lists the folder's `.tavle` files
and its folders the same way and starts in Downloads (`o`, `d`, `l` jump to Downloads,
Documents and the last folder);
Enter opens a folder, and ctrl+s, or Enter on one of the files, chooses the folder shown.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Label

from tui.lang import tr
from tui.screens.file_pick import FilePickDialog


class FolderPickDialog(FilePickDialog):
    """Choose a folder; dismiss with its path (None on Esc)."""

    BINDINGS = [
        Binding("ctrl+s", "choose", "network.keys.choose_folder", id="folder_pick.choose"),
    ]
    HINT_KEY = "network.batch.pick_hint"
    NONE_KEY = "network.batch.pick_none"
    """What is said of a folder without `.tavle` files (here: open the one with the files)."""

    def show_folder(self, folder: Path) -> bool:
        """List `folder` and say how many files choosing it would import."""
        if not super().show_folder(folder):
            return False
        count = sum(1 for entry in self.entries if entry.kind == "file")
        key = "network.batch.pick_count" if count else self.NONE_KEY
        shown = self.query_one("#pick-empty", Label)
        shown.update(Content(tr(key, count=count, folder=folder.name or str(folder))))
        shown.display = True
        return True

    def _open(self, path: Path) -> None:
        """Open a folder; a file chooses the folder it is in."""
        if path.is_file():
            self._picked(path.parent, path.parent)
        else:
            super()._open(path)

    def action_choose(self) -> None:
        """Choose the folder shown (ctrl+s)."""
        self._picked(self.folder, self.folder)


class SharedFolderPickDialog(FolderPickDialog):
    """Choose a project's shared folder: one without files yet is a fine new shared folder."""

    NONE_KEY = "folder_ui.pick_none_new"
