"""The kaizen board (kaizen-tavle): five columns of cards side by side, moved by keyboard.

Left/right move the focus between columns, up/down within one; shift+arrows move the focused
card; Enter opens it with its cycles; `a` adds a card, F2 edits, `x` archives (ctrl+z brings it
back), `/` filters on owner, `r` renames the column, `p` chooses what tests of change are called,
`f` makes a card from one of the project's ideas, `w` sets the focused column's limit of cards
(its title then says "4/3", marked when over). Moving or adding a card into a full column works
and says so; a recurring card moved to Standard says when it comes back. Each column is a
scrolling list, so a board of hundreds of cards stays usable.
"""

from __future__ import annotations

import datetime as dt

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from core.errors import TavleError
from core.kaizen import board
from core.kaizen.board import COLUMNS, BoardCard, Moved
from core.models import BoardColumn, CycleName
from core.workflow import ideas
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.form import Values
from tui.dialogs.pick import PickDialog
from tui.kaizen.card_form import card_dialog
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter

RECURRING = "↻"
"""The mark before a recurring card's title."""


def clip(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(1, width - 1)] + "…"


def column_name(labels: dict[BoardColumn, str], column: BoardColumn) -> str:
    """A column's name: the project's own, or the standard one."""
    return labels.get(column) or tr(f"enum.board_column.{column.value}")


class BoardScreen(ProjectScreenBase):
    """The project's kaizen board with its cards in five columns."""

    HELP = "board.help"

    BINDINGS = [
        Binding("escape", "back", "board.keys.back", id="board.back"),
        Binding("enter", "open_card", "board.keys.open", id="board.open"),
        Binding("a", "add", "board.keys.add", id="board.add"),
        Binding("f2", "edit", "board.keys.edit", id="board.edit"),
        Binding("x,delete", "archive", "board.keys.archive", id="board.archive"),
        Binding("f", "from_idea", "board.keys.from_idea", id="board.from_idea"),
        Binding("slash", "filter", "board.keys.filter", id="board.filter"),
        Binding("w", "wip_limit", "board.keys.wip_limit", id="board.wip_limit"),
        Binding("r", "rename_column", "board.keys.rename", show=False, id="board.rename"),
        Binding("p", "cycle_name", "board.keys.cycle_name", show=False,
                id="board.cycle_name"),
        Binding("left", "focus_column(-1)", "board.keys.left", show=False, id="board.left"),
        Binding("right", "focus_column(1)", "board.keys.right", show=False, id="board.right"),
        Binding("shift+left", "move_sideways(-1)", "board.keys.move_left", show=False,
                id="board.move_left"),
        Binding("shift+right", "move_sideways(1)", "board.keys.move_right", show=False,
                id="board.move_right"),
        Binding("shift+up", "move_in_column(-1)", "board.keys.move_up", show=False,
                id="board.move_up"),
        Binding("shift+down", "move_in_column(1)", "board.keys.move_down", show=False,
                id="board.move_down"),
        Binding("ctrl+z", "undo", "board.keys.undo", show=False, id="board.undo"),
        Binding("ctrl+y", "redo", "board.keys.redo", show=False, id="board.redo"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.owner_filter = ""
        self.columns: dict[BoardColumn, list[BoardCard]] = {c: [] for c in COLUMNS}
        self.labels: dict[BoardColumn, str] = {}
        self.limits: dict[BoardColumn, int] = {}
        self.totals: dict[BoardColumn, int] = {c: 0 for c in COLUMNS}
        """Cards per column, whatever the filter shows (what a limit counts)."""
        self._focus_column = BoardColumn.IDEA
        self._added: str | None = None
        """The card just added, to put the cursor on once the board reloads."""

        self._width = 0


    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=tr("board.filter_placeholder"), id="board-filter")
        with Horizontal(id="board"):
            for column in COLUMNS:
                with Vertical(classes="board-column", id=f"column-{column.value}"):
                    yield Label("", classes="board-column-title", markup=False,
                                id=f"title-{column.value}")
                    yield OptionList(id=f"cards-{column.value}", classes="board-cards")
        yield Label("", id="board-details", markup=False)
        yield Label("", id="board-status", classes="status-line", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.query_one("#board-filter", Input).display = False
        self.reload()
        self._list(self._focus_column).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self.reload()

    # -- data -----------------------------------------------------------------------------

    def _list(self, column: BoardColumn) -> OptionList:
        return self.query_one(f"#cards-{column.value}", OptionList)

    def reload(self, select_id: str | None = None) -> None:
        """Read the board again and redraw every column, keeping the focused card."""
        self.set_header(tr("board.title"))
        explicit = select_id is not None
        focused = self.focused_card()
        if select_id is None and focused is not None:
            select_id = focused.id
        cards = board.load_cards(self.store, self.project_id)
        self.columns = board.by_column(cards, self.owner_filter)
        self.totals = {column: len(shown) for column, shown in board.by_column(cards).items()}
        self.labels = board.column_labels(self.store, self.project_id)
        self.limits = board.column_limits(self.store, self.project_id)
        self._width = self.size.width
        width = max(8, self._width // len(COLUMNS) - 3)
        today = self.tavle.today()
        for column in COLUMNS:
            shown = self.columns[column]
            limit = self.limits.get(column)
            count = f" ({len(shown)})" if limit is None else f" {self.totals[column]}/{limit}"
            title = clip(column_name(self.labels, column), width + 2 - len(count)) + count
            title_label = self.query_one(f"#title-{column.value}", Label)
            title_label.update(Content(title))
            title_label.set_class(limit is not None and self.totals[column] > limit,
                                  "-over-limit")
            options = self._list(column)
            keep = options.highlighted
            options.clear_options()
            options.add_options(self._option(card, width, today) for card in shown)
            index = next((i for i, c in enumerate(shown) if c.id == select_id), None)
            if index is not None:
                # Follow the card into its column (moved here, or moved on the card screen).
                moved = column != self._focus_column
                self._focus_column = column
                options.highlighted = index
                if (explicit or moved) and self.focused is not options:
                    options.focus()
            elif shown:
                options.highlighted = min(keep or 0, len(shown) - 1)
        self._show_details()
        self._show_status()
        self.refresh_bindings()

    def _option(self, card: BoardCard, width: int, today: dt.date) -> Option:
        tx = translator()
        second = [card.owner] if card.owner else []
        if card.due:
            second.append(tx.date(card.due)[:5] if width < 16 else tx.date(card.due))
        if card.is_overdue(today):
            second.append(tr("board.overdue"))
        if card.cycles:
            second.append(f"▶{card.cycles}")
        title = f"{RECURRING} {card.title}" if card.recur_weeks else card.title
        prompt = Content.assemble(
            (clip(title, width), "bold"), "\n",
            (clip(" · ".join(second), width) if second else "–", "dim"),
        )
        return Option(prompt, id=card.id)

    def focused_card(self) -> BoardCard | None:
        """The card highlighted in the focused column."""
        shown = self.columns.get(self._focus_column, [])
        if not self.is_mounted or not shown:
            return None
        index = self._list(self._focus_column).highlighted
        if index is None or index >= len(shown):
            return None
        return shown[index]

    def _show_details(self) -> None:
        card = self.focused_card()
        label = self.query_one("#board-details", Label)
        if card is None:
            key = "board.no_match" if self.owner_filter else "board.empty_column"
            label.update(Content(tr(key, column=column_name(self.labels, self._focus_column))))
            return
        tx = translator()
        parts = [card.title]
        if card.owner:
            parts.append(tr("board.detail_owner", owner=card.owner))
        if card.due:
            parts.append(tr("board.detail_due", date=tx.date(card.due)))
        if card.measure_name:
            parts.append(tr("board.detail_measure", measure=card.measure_name))
        if card.idea_text:
            parts.append(tr("board.detail_idea", idea=card.idea_text))
        if card.cycles:
            parts.append(tr("board.detail_cycles", count=card.cycles))
        if card.recur_weeks:
            parts.append(tx.count("board.detail_recur", card.recur_weeks))
        label.update(Content(" · ".join(parts)))

    def _show_status(self) -> None:
        total = sum(len(cards) for cards in self.columns.values())
        parts = [translator().count("board.count", total)]
        if self.owner_filter:
            parts.append(tr("board.filter_active", text=self.owner_filter))
        limit = self.limits.get(self._focus_column)
        if limit is not None:
            parts.append(tr("board.detail_limit", limit=limit,
                            column=column_name(self.labels, self._focus_column),
                            count=self.totals[self._focus_column]))
        parts.append(tr("board.move_hint"))
        self.query_one("#board-status", Label).update(Content(" · ".join(parts)))

    @on(OptionList.OptionHighlighted, ".board-cards")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_details()

    @on(OptionList.OptionSelected, ".board-cards")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_card()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.id and focused.id.startswith("cards-"):
            self._focus_column = BoardColumn(focused.id.removeprefix("cards-"))
            for column in COLUMNS:
                self.query_one(f"#column-{column.value}").set_class(
                    column == self._focus_column, "-focused")
            self._show_details()
            self._show_status()
            self.refresh_bindings()

    # -- actions --------------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        card = self.focused_card()
        return ("kaizen_card", card.id) if card is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_card", "edit", "archive", "move_sideways", "move_in_column"):
            return self.focused_card() is not None or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    def action_focus_column(self, step: int) -> None:
        """Focus the column to the left (-1) or right (+1)."""
        index = COLUMNS.index(self._focus_column) + step
        if 0 <= index < len(COLUMNS):
            target = self._list(COLUMNS[index])
            if target.option_count and target.highlighted is None:
                target.highlighted = 0
            target.focus()

    def action_open_card(self) -> None:
        """Open the focused card with its cycles."""
        card = self.focused_card()
        if card is not None:
            from tui.kaizen.card import CardScreen

            self.app.push_screen(CardScreen(self.project_id, card.id))

    def action_move_sideways(self, step: int) -> None:
        """Move the focused card to the column on the left or right."""
        card = self.focused_card()
        if card is None:
            return
        moved = board.move_sideways(self.undo_log, card.id, step, today=self.tavle.today())
        if moved.card.column != card.column:
            self.reload(select_id=card.id)
            self.notify(tr("board.moved", title=clip(card.title, 60),
                           column=column_name(self.labels, moved.card.column)), markup=False)
            self._tell_moved(moved)

    def _tell_moved(self, moved: Moved) -> None:
        """Say when the card's column now holds more than its limit, and when a recurring card
        comes back."""
        self._warn_crowded(moved.card.column)
        message = board.comes_back(translator(), moved)
        if message:
            self.notify(message, markup=False)

    def _warn_crowded(self, column: BoardColumn) -> None:
        """A warning when `column` holds more cards than its limit (the move is never refused:
        a live meeting must not be blocked)."""
        crowded = board.crowded(self.store, self.project_id, column)
        if crowded is not None:
            self.notify(crowded.message(translator(), column_name(self.labels, column)),
                        severity="warning", markup=False)

    def action_move_in_column(self, step: int) -> None:
        """Move the focused card up or down in its column."""
        card = self.focused_card()
        if card is not None and board.move_in_column(self.undo_log, card.id, step):
            self.reload(select_id=card.id)

    def action_add(self) -> None:
        """Add a card after the focused one, in the focused column."""
        column, after = self._focus_column, self.focused_card()

        def save(values: dict[str, object]) -> None:
            card = board.add_card(self.undo_log, self.project_id, column, str(values.pop("title")),
                                  after_id=after.id if after else None, **values)
            self._added = card.id

        def added(values: dict[str, str] | None) -> None:
            if values:
                self.reload(select_id=self._added)
                self._warn_crowded(column)

        self._added = None
        self.app.push_screen(
            card_dialog(self.store, self.project_id, tr("board.add_title"), None,
                        self.tavle.today(), save),
            added,
        )

    def action_edit(self) -> None:
        """Edit the focused card's title, description, owner, due date and measure."""
        card = self.focused_card()
        if card is None:
            return

        def save(values: dict[str, object]) -> None:
            board.edit_card(self.undo_log, card.id, **values)

        self.app.push_screen(
            card_dialog(self.store, self.project_id, tr("board.edit_title"), card,
                        self.tavle.today(), save),
            lambda values: self.reload(select_id=card.id),
        )

    def action_archive(self) -> None:
        """Archive the focused card after a confirmation (ctrl+z brings it back)."""
        card = self.focused_card()
        if card is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                board.archive_card(self.undo_log, card.id)
                self.reload()
                self.notify(tr("board.archived", title=clip(card.title, 60)), markup=False)

        self.app.push_screen(
            ConfirmDialog(tr("board.archive_question", title=clip(card.title, 80))), answered)

    def action_from_idea(self) -> None:
        """Put one of the project's ideas on the board as a card (the idea stays linked)."""
        options = [(clip(text, 90), id_) for id_, text in
                   board.ideas_for_cards(self.store, self.project_id)]
        if not options:
            self.notify(tr("board.no_ideas"), markup=False)
            return

        def chosen(idea_id: str | None) -> None:
            if idea_id:
                card = ideas.to_card(self.undo_log, idea_id)
                self.reload(select_id=card.id)
                self.notify(tr("board.from_idea_done", title=clip(card.title, 60)),
                            markup=False)
                self._warn_crowded(card.column)

        self.app.push_screen(PickDialog(tr("board.from_idea_title"), options), chosen)

    def action_rename_column(self) -> None:
        """Give the focused column the project's own name (blank: the standard name)."""
        column = self._focus_column
        fields = [FormField("label", tr("field.label"), self.labels.get(column, ""),
                            placeholder=tr(f"enum.board_column.{column.value}"))]

        def submit(values: Values) -> str | None:
            try:
                board.rename_column(self.undo_log, self.project_id, column, values["label"])
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(FormDialog(tr("board.rename_title"), fields, submit=submit),
                             lambda values: self.reload())

    def action_wip_limit(self) -> None:
        """Set or clear the focused column's limit of cards (blank: no limit)."""
        column = self._focus_column
        name = column_name(self.labels, column)
        limit = self.limits.get(column)
        fields = [FormField("wip_limit", tr("field.wip_limit"),
                            "" if limit is None else str(limit),
                            placeholder=tr("board.wip_placeholder"))]

        def submit(values: Values) -> str | None:
            try:
                saved = board.set_wip_limit(self.undo_log, self.project_id, column,
                                            values["wip_limit"])
            except TavleError as error:
                return error.message(translator())
            if saved is None:
                self.notify(tr("board.wip_cleared", column=name), markup=False)
            else:
                self.notify(tr("board.wip_set", column=name, count=saved), markup=False)
            return None

        def done(values: Values | None) -> None:
            self.reload()
            if values:
                self._warn_crowded(column)

        self.app.push_screen(FormDialog(tr("board.wip_title", column=name), fields,
                                        submit=submit), done)

    def action_cycle_name(self) -> None:
        """Choose what the team calls a test of change: PDSA, PGEK or prøvehandling."""
        current = board.cycle_name(self.store, self.project_id)
        options = [(tr(f"board.cycle_name_option.{name.value}"), name.value)
                   for name in CycleName]

        def chosen(value: str | None) -> None:
            if value and value != current.value:
                board.set_cycle_name(self.undo_log, self.project_id, CycleName(value))
                self.reload()
                self.notify(tr("board.cycle_name_set",
                               name=tr(f"enum.cycle_name.{value}")), markup=False)

        self.app.push_screen(PickDialog(tr("board.cycle_name_title"), options,
                                        current=current.value), chosen)

    def action_filter(self) -> None:
        """Filter the cards on their owner."""
        box = self.query_one("#board-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#board-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.owner_filter = event.value.strip()
        self.reload()

    @on(Input.Submitted, "#board-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self._list(self._focus_column).focus()



    def action_back(self) -> None:
        """Esc clears an open filter first; otherwise back to the project."""
        box = self.query_one("#board-filter", Input)
        if box.display:
            box.value = ""
            box.display = False
            self.owner_filter = ""
            self.reload()
            self._list(self._focus_column).focus()
            return
        self.app.pop_screen()

    def idea_captured(self, idea_id: str | None) -> None:
        self.reload()
