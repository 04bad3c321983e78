"""A record's history (H from any screen that shows records, and from the conflicts): who
changed what and when, from which unit, newest first, read from the change log.

The app opens it (`TavleApp.show_history`) for the record a screen names; it scrolls with the
arrows and PgUp/PgDn and Esc closes it. Every value is user text, shown as plain text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from core.db.store import Store
from core.sync.history import link_labels, record_history
from core.sync.labels import record_label
from tui.bindings import translate_bindings
from tui.lang import tr, translator
from tui.sync import texts as sync_text


def history_title(store: Store, entity: str, record_id: str) -> str:
    """"Historik: »Ring til borgeren«" – the record by its label, never its id (the screen it
    was opened from says what kind of record it is); the kind of record when it has no label."""
    tx = translator()
    label = " ".join(record_label(store, entity, record_id, tx).split())
    if not label:
        return tr("history.title_plain", entity=sync_text.entity_label(entity, tx))
    return tr("history.title", record=label)


class HistoryDialog(ModalScreen[None]):
    """The changes of one record, newest first."""

    BINDINGS = [
        Binding("escape", "close", "history.keys.close", id="history.close"),
    ]

    def __init__(self, store: Store, entity: str, record_id: str) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._title = history_title(store, entity, record_id)
        self._entity = entity
        self._entries = record_history(store, entity, record_id)
        self._links = link_labels(store, self._entries, translator())

    def compose(self) -> ComposeResult:
        tx = translator()
        with Vertical(classes="dialog-box history-box"):
            yield Label(Content(self._title), classes="dialog-title", id="history-title")
            summary = (tr("history.count", count=len(self._entries)) if self._entries
                       else tr("history.empty"))
            yield Label(Content(summary), classes="field-help", id="history-count")
            with VerticalScroll(id="history-entries"):
                for entry in self._entries:
                    with Vertical(classes="history-entry"):
                        yield Label(Content(sync_text.history_heading(entry, tx)),
                                    classes="history-heading")
                        for line in sync_text.history_lines(entry, self._entity, self._links,
                                                            tx):
                            yield Label(Content(line), classes="history-field")
            yield Label(Content(tr("history.close_hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#history-entries", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
