"""Paste a block copied from Excel into a measure: a preview with each line's problem first,
then the good lines saved in one step (ctrl+z undoes them all)."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, TextArea

from core.db.undo import UndoLog
from core.measures import entry as measures
from core.models import Measure
from tui.dialogs.editing import EditingDialog
from tui.lang import tr, translator

SHOWN_PROBLEMS = 6


class PasteDialog(EditingDialog[int]):
    """A text area to paste into; ctrl+s previews, ctrl+s again saves. Dismisses with the count
    saved (None when cancelled)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="measure_paste.save"),
        Binding("escape", "cancel", "keys.cancel", id="measure_paste.cancel"),
    ]

    def __init__(self, measure: Measure, log: UndoLog, today: dt.date, *, text: str = "") -> None:
        super().__init__()
        self._measure = measure
        self._log = log
        self._today = today
        self._text = text
        self._previewed: str | None = None
        self._preview: measures.PastePreview | None = None

    def compose(self) -> ComposeResult:
        hint = "measures.paste.fraction_hint" if self._measure.has_denominator else (
            "measures.paste.hint")
        with Vertical(classes="dialog-box measure-paste-box"):
            yield Label(Content(tr("measures.paste.title")), classes="dialog-title")
            yield Label(Content(tr(hint)), classes="dialog-hint")
            yield TextArea(self._text, id="paste-text", soft_wrap=False)
            yield Label("", id="paste-preview", markup=False)
            yield Label("", id="form-error", classes="form-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#paste-text", TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one("#paste-text", TextArea).text

    def is_dirty(self) -> bool:
        return bool(self.text.strip())

    def action_save(self) -> None:
        text = self.text
        if self._preview is None or text != self._previewed:
            self._show_preview(text)
            return
        if not self._preview.good:
            self.show_problem(tr("measures.paste.nothing"))
            return
        count = measures.apply_paste(self._log, self._measure, self._preview.good)
        self.dismiss(count)

    def _show_preview(self, text: str) -> None:
        t = translator()
        preview = measures.parse_paste(self._log.store, self._measure, text, self._today)
        self._preview, self._previewed = preview, text
        lines = [tr("measures.paste.preview", good=len(preview.good), bad=len(preview.bad))]
        for line in preview.bad[:SHOWN_PROBLEMS]:
            assert line.problem is not None
            lines.append(tr("measures.paste.problem", number=line.number,
                            message=line.problem.message(t).replace("\n", " ")))
        if len(preview.bad) > SHOWN_PROBLEMS:
            lines.append("…")
        self.query_one("#paste-preview", Label).update(Content("\n".join(lines)))
        self.show_problem("" if preview.good else tr("measures.paste.nothing"))
