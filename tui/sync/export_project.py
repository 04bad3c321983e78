"""Write a project's sync file (`.tavle`) to send to the other units: only what is new, or all.

ctrl+s or Enter in the folder field writes the file; the caller then says where it went. The
folder defaults to the documents folder and can be typed.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Input

from core.errors import TavleError
from core.paths import export_dir
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, Field, TextField, Values
from tui.host import host
from tui.lang import tr, translator
from tui.sync.texts import export_text, export_warning_lines

if TYPE_CHECKING:
    from textual.screen import Screen

    from core.db.store import Store
    from core.sync.outcomes import ExportResult


class ExportDialog(ChoiceFormDialog):
    """Ask delta or full and the folder; write the file. `result` holds what was written."""

    def __init__(self, store: Store, scope_id: str, name: str) -> None:
        self._store = store
        self._scope_id = scope_id
        self.result: ExportResult | None = None
        fields: list[Field] = [
            ChoiceField("kind", tr("sync_ui.export_kind"), [
                (tr("sync_ui.export_delta"), "delta"), (tr("sync_ui.export_full"), "full"),
            ], "delta"),
            TextField("folder", tr("sync_ui.export_folder"), value=str(export_dir()),
                      max_length=1000),
        ]
        super().__init__(tr("sync_ui.export_title", name=name), fields, submit=self._write)

    def on_mount(self) -> None:
        # The usual choice (only what is new, to the documents folder) is one Enter away.
        box = self.query_one("#field-folder", Input)
        box.focus()
        box.cursor_position = len(box.value)

    def _write(self, values: Values) -> str | None:
        from core.sync.exporter import export_scope

        text = values["folder"].strip().strip('"').strip()
        folder = Path(text).expanduser() if text else export_dir()
        if folder == export_dir() and not folder.exists():
            with suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            return tr("sync_ui.folder_missing", path=str(folder))
        try:
            self.result = export_scope(
                self._store, self._scope_id, full=values["kind"] == "full", folder=folder,
                today=host(self).today(),
            )
        except TavleError as error:
            return error.message(translator())
        except OSError:
            return tr("sync_ui.export_failed", path=str(folder))
        return None


def exported(screen: Screen[None], dialog: ExportDialog, values: Values | None) -> None:
    """After the dialog: say where the file went and how many changes it holds, and warn."""
    result = dialog.result
    if values is None or result is None:
        return
    tx = translator()
    screen.notify(export_text(result, tx), markup=False, timeout=10)
    for line in export_warning_lines(result, tx):
        screen.notify(line, severity="warning", markup=False, timeout=10)


def export_with_guard(screen: Screen[None], store: Store, scope_id: str, name: str) -> None:
    """The CPR guard over what the file carries, then the export dialog (ctrl+e). The guard
    reads the full file: it is asked before the dialog offers "only what is new" or "all", and
    a delta holds a part of it."""
    from core.sync.cpr_guard import scan_export
    from tui.dialogs.cpr_guard import guard_then

    def export() -> None:
        dialog = ExportDialog(store, scope_id, name)
        screen.app.push_screen(dialog, lambda values: exported(screen, dialog, values))

    guard_then(screen, what="export", target=name, then=export,
               scan=lambda: scan_export(store, scope_id, translator(), full=True))
