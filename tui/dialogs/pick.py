"""Choose one item from a list (an idea, a column, a cycle name) or tick several (the people at a
meeting, the successes to record). Labels are shown literally (they may be user text)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from tui.bindings import translate_bindings
from tui.dialogs.ticks import TickList
from tui.lang import tr


class PickDialog(ModalScreen[str | None]):
    """Pick one option with the arrows and Enter; dismiss with its value (None on Esc).

    Options whose value is in `disabled` are shown (dimmed, with whatever their label says
    about why) but cannot be picked: the arrows pass over them."""

    BINDINGS = [Binding("escape", "cancel", "keys.cancel", id="pick.cancel")]

    def __init__(self, title: str, options: Sequence[tuple[str, str]], *,
                 current: str | None = None, hint: str | None = None,
                 disabled: Collection[str] = ()) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._title = title
        self._options = list(options)
        self._current = current
        self._hint = hint or tr("pick.hint")
        self._disabled = set(disabled)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box pick-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield OptionList(*(Option(Content(label), id=value,
                                      disabled=value in self._disabled)
                               for label, value in self._options), id="pick-options")
            yield Label(Content(self._hint), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#pick-options", OptionList)
        values = [value for _, value in self._options]
        if self._current in values and self._current not in self._disabled:
            options.highlighted = values.index(self._current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TickDialog(ModalScreen[list[str] | None]):
    """Tick several options with space; Enter or ctrl+s answers the ticked values.

    Each line shows `[x]` or `[ ]`, and a line under the list says how many are ticked, so what
    Enter will save is visible before it is pressed. Callers tick nothing in advance that the
    user would have to notice to undo."""

    BINDINGS = [
        Binding("ctrl+s", "save", "keys.save", id="tick.save"),
        Binding("enter", "save", "keys.save", show=False, priority=True, id="tick.enter"),
        Binding("escape", "cancel", "keys.cancel", id="tick.cancel"),
    ]

    def __init__(self, title: str, options: Sequence[tuple[str, str]], *,
                 ticked: Sequence[str] = (), hint: str | None = None) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._title = title
        self._options = list(options)
        self._ticked = set(ticked)
        self._hint = hint or tr("pick.tick_hint")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box pick-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield TickList[str](
                *(Selection(Content(label), value, value in self._ticked)
                  for label, value in self._options),
                id="tick-options",
            )
            yield Label("", id="tick-count", markup=False)
            yield Label(Content(self._hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#tick-options", SelectionList).focus()
        self._count()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self._count()

    def _count(self) -> None:
        ticked = len(self.query_one("#tick-options", SelectionList).selected)
        self.query_one("#tick-count", Label).update(
            Content(tr("focus.ticked", ticked=ticked, total=len(self._options))))

    def action_save(self) -> None:
        self.dismiss(list(self.query_one("#tick-options", SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)
