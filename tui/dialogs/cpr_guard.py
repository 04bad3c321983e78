"""The CPR guard's dialog: numbers that look like a CPR number in what is about to leave Tavle.

The hits are listed with where they are and the text around them, every number masked (it is
never shown in full: not in the title's target, a record's label or the text around it). Enter
(or F2) on a hit edits that field's text in place: the editor shows the text with the numbers
masked, so saving as it is removes them (and the field's earlier values are taken out of the
log too). On a hit in a value no longer shown – replaced, or of a deleted record – Enter asks,
then takes it out of the log here and, with the next file, at the other units
(`core.sync.cpr_guard.redact_hit`). After each the list is scanned again, and when nothing is
left the dialog lets the file go. ctrl+s sends anyway with a reason that is logged
(`core.sync.cpr_guard.log_override`) — unless the setting is "block".

`guard_then(screen, what=..., target=..., scan=..., then=...)` is the one call a screen makes
before it writes a file: with no hits it runs `then` at once, else it shows the dialog and runs
`then` only when the user lets the file go.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from core.errors import TavleError
from core.sync import cpr_guard
from core.sync.cpr_numbers import find_numbers, mask_numbers
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.editing import EditingDialog
from tui.lang import tr, translator

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widgets.text_area import Selection as TextAreaSelection

    from core.db.store import Store
    from core.db.undo import UndoLog
    from core.sync.cpr_guard import GuardHit

Scan = Callable[[], "list[GuardHit]"]

MULTI_LINE = 2000
"""Fields that may hold more characters than this are edited in a text area (notes)."""


def guard_mode(screen: Screen[Any]) -> str:
    """The user's CPR guard setting ("warn" or "block")."""
    settings = getattr(screen.app, "settings", None)
    return str(getattr(settings, "cpr_guard", "warn"))


def guard_then(
    screen: Screen[Any], *, what: str, target: str, scan: Scan,
    then: Callable[[], object], log: UndoLog | None = None,
) -> None:
    """Run `then` (write the file) at once when `scan()` finds nothing; else ask first.

    `what` is one of `core.sync.cpr_guard.WHAT`; `target` names the file (or the project when the
    file's name is not known yet). Edits go through `log` (the screen's undo log, so ctrl+z
    there undoes them); by default the screen's own `undo_log` when it has one.
    """
    def scan_all() -> list[GuardHit]:  # the file's name leaves too
        found = scan()
        return found + cpr_guard.name_hits(target, found, translator())

    hits = scan_all()
    if not hits:
        then()
        return
    store: Store = screen.app.store  # type: ignore[attr-defined]
    log = log or getattr(screen, "undo_log", None)

    def answered(go: bool | None) -> None:
        if go:
            then()
        else:
            screen.notify(tr("cpr.stopped"), markup=False)

    screen.app.push_screen(
        CprGuardDialog(store, what=what, target=target, scan=scan_all, hits=hits,
                       block=guard_mode(screen) == "block", log=log),
        answered,
    )


def offer_clean_up(screen: Screen[Any], scope_id: str, name: str) -> None:
    """After importing a file that carried personal numbers: offer to put them right here
    (edit a shown text, take an old value out of the log), which the next file back carries to
    the sender. Nothing is asked when the project holds none."""
    store: Store = screen.app.store  # type: ignore[attr-defined]

    def scan() -> list[GuardHit]:
        return cpr_guard.scan_export(store, scope_id, translator(), full=True)

    hits = scan()
    if not hits:
        return

    def answered(yes: bool | None) -> None:
        if yes:
            screen.app.push_screen(CprGuardDialog(
                store, what="export", target=name, scan=scan, hits=hits, block=True,
                log=getattr(screen, "undo_log", None), found_key="cpr.received.found",
                hint_key="cpr.received.hint"))

    screen.app.push_screen(ConfirmDialog(
        translator().count("cpr.received.question", len(hits), name=mask_numbers(name)),
        yes=tr("cpr.received.yes")), answered)


def _hit_prompt(hit: GuardHit) -> Content:
    where = tr("cpr.hit_where", kind=tr(f"cpr.kind.{hit.kind.value}"),
               where=hit.location(translator()))
    return Content.assemble((where, "bold"), "\n  ", hit.context)


class CprGuardDialog(EditingDialog[bool]):
    """The hits; Enter edits one, ctrl+s sends anyway with a reason, Esc stops the file."""

    BINDINGS = [
        Binding("f2", "edit", "cpr.keys.edit", id="cpr_guard.edit"),
        Binding("ctrl+s", "send", "cpr.keys.send", id="cpr_guard.send"),
        Binding("escape", "cancel", "cpr.keys.cancel", id="cpr_guard.cancel"),
    ]

    def __init__(
        self, store: Store, *, what: str, target: str, scan: Scan, hits: list[GuardHit],
        block: bool = False, log: UndoLog | None = None, found_key: str | None = None,
        hint_key: str | None = None,
    ) -> None:
        super().__init__()
        self._store = store
        self._what = what
        self._target = target
        self._scan = scan
        self._hits = hits
        self._block = block
        self._found_key = found_key or ("cpr.found_block" if block else "cpr.found")
        self._hint_key = hint_key or ("cpr.hint_block" if block else "cpr.hint")
        if log is None:
            from core.db.undo import UndoLog

            log = UndoLog(store)
        self._log = log

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box cpr-guard-box"):
            # The target may be a project's name, which may hold the number itself.
            yield Label(Content(tr("cpr.title", target=mask_numbers(self._target))),
                        classes="dialog-title")
            yield Label("", id="cpr-found", markup=False)
            yield OptionList(id="cpr-hits")
            if not self._block:
                yield Label(Content(tr("cpr.reason")), classes="field-label")
                yield Input(placeholder=tr("cpr.reason_placeholder"),
                            max_length=cpr_guard.MAX_REASON, id="cpr-reason")
            yield Label("", id="form-error", classes="form-error", markup=False)
            yield Label(Content(tr(self._hint_key)),
                        classes="dialog-hint")

    def on_mount(self) -> None:
        self._show()
        self.query_one("#cpr-hits", OptionList).focus()

    def _show(self) -> None:
        self.query_one("#cpr-found", Label).update(
            Content(translator().count(self._found_key, len(self._hits))))
        hits = self.query_one("#cpr-hits", OptionList)
        highlighted = hits.highlighted or 0
        hits.clear_options()
        hits.add_options([Option(_hit_prompt(hit)) for hit in self._hits])
        if self._hits:
            hits.highlighted = min(highlighted, len(self._hits) - 1)

    @property
    def hits(self) -> list[GuardHit]:
        """The hits listed now."""
        return list(self._hits)

    def is_dirty(self) -> bool:
        return not self._block and bool(self.query_one("#cpr-reason", Input).value.strip())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "send" and self._block)

    # -- editing a hit away -------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._edit(event.option_index)

    def action_edit(self) -> None:
        """Edit the text of the highlighted hit (Enter, F2)."""
        index = self.query_one("#cpr-hits", OptionList).highlighted
        if index is not None:
            self._edit(index)

    def _edit(self, index: int) -> None:
        hit = self._hits[index]
        if hit.redactable:
            self._redact(hit)
            return
        if hit.numeric:
            self.show_problem(tr("cpr.numeric_value"))
            return
        if not hit.editable:
            self.show_problem(tr("cpr.not_editable"))
            return
        self.show_problem("")
        try:
            text = cpr_guard.current_text(self._store, hit)
        except TavleError as error:  # deleted meanwhile: scan again
            self.notify(error.message(translator()), markup=False)
            self._rescan()
            return

        def save(new_text: str) -> str | None:
            try:
                cpr_guard.fix_hit(self._log, hit, new_text)
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(
            CprEditDialog(hit.location(translator()), text, save,
                          multi_line=_max_length(hit) > MULTI_LINE),
            self._edited,
        )

    def _redact(self, hit: GuardHit) -> None:
        """Ask, then take the hit's number out of the history of its field."""
        self.show_problem("")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            cpr_guard.redact_hit(self._store, hit)
            self.notify(tr("cpr.redacted"), markup=False)
            self._offer_backups(self._rescan)

        self.app.push_screen(ConfirmDialog(
            tr("cpr.redact_question", where=hit.location(translator()))), answered)

    def _edited(self, saved: bool | None) -> None:
        if saved:
            def rescan() -> None:
                self._rescan()
                if self._hits and self.is_attached:
                    self.notify(tr("cpr.edit.saved"), markup=False)

            self._offer_backups(rescan)

    def _offer_backups(self, then: Callable[[], None]) -> None:
        """After a redaction: offer to delete the backup copies made before it, which may still
        hold the number; then `then`."""
        from core.sync.redaction import backups_from_before, delete_backups

        backups = backups_from_before(self._store)
        if not backups:
            then()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                kept = delete_backups(backups)
                if kept:
                    self.notify(tr("cpr.backups.kept", names=", ".join(p.name for p in kept)),
                                severity="warning", markup=False)
                else:
                    self.notify(translator().count("cpr.backups.deleted", len(backups)),
                                markup=False)
            then()

        names = ", ".join(path.name for path in backups[:5]) + (", …" if len(backups) > 5 else "")
        self.app.push_screen(ConfirmDialog(
            translator().count("cpr.backups.question", len(backups), names=names),
            yes=tr("cpr.backups.delete")), answered)

    def _rescan(self) -> None:
        self._hits = self._scan()
        if not self._hits:
            self.notify(tr("cpr.all_fixed"), markup=False)
            self.dismiss(True)
            return
        self._show()

    # -- sending anyway -----------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_send()

    def action_send(self) -> None:
        """Let the file go with the typed reason, which is logged (ctrl+s)."""
        if self._block:
            return
        reason = self.query_one("#cpr-reason", Input).value.strip()
        if not reason:
            self.show_problem(tr("cpr.reason_required"))
            self.query_one("#cpr-reason", Input).focus()
            return
        cpr_guard.log_override(self._store, self._what, self._target, self._hits, reason)
        self.notify(tr("cpr.sent_anyway"), markup=False)
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Do not send the file (asks first when a reason was typed)."""
        if not self.is_dirty():
            self.dismiss(False)
            return
        super().action_cancel()


def _max_length(hit: GuardHit) -> int:
    """The longest text the hit's field accepts."""
    from core.models import ENTITIES

    info = ENTITIES[str(hit.entity)].model_fields[str(hit.field)]
    lengths = [getattr(m, "max_length", None) for m in info.metadata]
    return max((n for n in lengths if isinstance(n, int)), default=MULTI_LINE + 1)


class CprEditDialog(EditingDialog[bool]):
    """Edit one field's text with every number masked; ctrl+s saves, Esc cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "cpr.keys.save", id="cpr_edit.save"),
        Binding("escape", "cancel", "keys.cancel", id="cpr_edit.cancel"),
    ]

    def __init__(self, where: str, text: str, save: Callable[[str], str | None], *,
                 multi_line: bool) -> None:
        super().__init__()
        self._where = where
        self._numbers = find_numbers(text)
        self._masked = mask_numbers(text)
        self._save = save
        self._multi_line = multi_line

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box cpr-edit-box"):
            yield Label(Content(tr("cpr.edit.title", where=self._where)), classes="dialog-title")
            yield Label(Content(tr("cpr.edit.intro")), classes="dialog-hint")
            if self._multi_line:
                yield TextArea(self._masked, id="cpr-text", soft_wrap=True, tab_behavior="focus")
            else:
                yield Input(self._masked, id="cpr-text", select_on_focus=False)
            yield Label("", id="form-error", classes="form-error", markup=False)
            yield Label(Content(tr("cpr.edit.hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#cpr-text").focus()
        self.call_after_refresh(self._select_first_number)

    def _select_first_number(self) -> None:
        """Select the first masked number, so typing replaces it."""
        if not self._numbers:
            return
        first = self._numbers[0]
        editor = self.query_one("#cpr-text")
        if isinstance(editor, TextArea):
            editor.selection = _selection(self._masked, first.start, first.end)
        elif isinstance(editor, Input):
            from textual.widgets.input import Selection

            editor.selection = Selection(first.start, first.end)

    @property
    def text(self) -> str:
        editor = self.query_one("#cpr-text")
        return editor.text if isinstance(editor, TextArea) else editor.value  # type: ignore[attr-defined]

    def is_dirty(self) -> bool:
        return self.text != self._masked

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self.text if self._multi_line else " ".join(self.text.splitlines())
        problem = self._save(text)
        if problem:
            self.show_problem(problem)
            return
        self.dismiss(True)


def _selection(text: str, start: int, end: int) -> TextAreaSelection:
    """A TextArea selection of `text[start:end]` (row and column of each end)."""
    from textual.widgets.text_area import Selection

    def location(offset: int) -> tuple[int, int]:
        before = text[:offset].split("\n")
        return len(before) - 1, len(before[-1])

    return Selection(location(start), location(end))
