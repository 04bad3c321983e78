"""Paste a block copied from Excel into a measure: a preview with each line's problem first,
then the good lines saved in one step (ctrl+z undoes them all). A file's values (ctrl+o on the
measure's screen) come through the same preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.binding import Binding

from core.db.undo import UndoLog
from core.measures import entry as measures
from core.models import Measure
from core.values.periods import period_label
from tui.dialogs.paste import PastePreviewDialog, problem_lines
from tui.lang import tr, translator


class PasteDialog(PastePreviewDialog):
    """A measure's values pasted from Excel; ctrl+s previews, ctrl+s again saves."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="measure_paste.save"),
        Binding("escape", "cancel", "keys.cancel", id="measure_paste.cancel"),
    ]

    def __init__(self, measure: Measure, log: UndoLog, today: dt.date, *, text: str = "",
                 file_name: str | None = None, left_out: Sequence[str] = ()) -> None:
        hint = "measures.paste.fraction_hint" if measure.has_denominator else (
            "measures.paste.hint")
        title = tr("measures.paste.title")
        if file_name is not None:  # read from a file: the same preview, the file named
            hint, title = "measures.import.hint", tr("measures.import.title_file",
                                                     path=file_name)
        super().__init__(title, tr(hint), text)
        self._left_out = list(left_out)
        """The file's rows left out before the text (a formula error in Excel), named."""
        self._measure = measure
        self._log = log
        self._today = today
        self._preview: measures.PastePreview | None = None

    def save(self) -> None:
        if self._preview is None or not self._preview.good:
            self.show_problem(tr("measures.paste.nothing"))
            return
        count = measures.apply_paste(self._log, self._measure, self._preview.good)
        self.dismiss(count)

    def preview(self, text: str) -> None:
        t = translator()
        preview = self._preview = measures.parse_paste(
            self._log.store, self._measure, text, self._today)
        said = [tr("measures.paste.preview", good=len(preview.good), bad=len(preview.bad))]
        if preview.filled is not None:
            first, last = (period_label(p, t) for p in preview.filled)
            said.append(tr("paste.filled_one" if first == last else "paste.filled",
                           first=first, last=last))
        said += [tr("paste.skipped_heading", number=line.number) for line in preview.headings]
        said += self._left_out
        self.show_preview([*said, *problem_lines(preview.bad, "measures.paste.problem", t)])
        self.show_problem("" if preview.good else tr("measures.paste.nothing"))
