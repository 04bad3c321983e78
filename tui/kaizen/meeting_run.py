"""A kaizen meeting while it runs: the 60-minute clock, the agenda built from the data, and the
note and decision typed against each item.

Focus follows the work: the meeting opens with the cursor in the first item's note; Enter on
the note goes on to the decision, Enter on the decision saves and puts the cursor in the next
item's note (on the last item it stays there and says so). While the cursor is in a note or a
decision every key types (tui/app.py keeps the letter keys from running shortcuts); Esc goes to
the agenda, where up/down choose an item, Enter or Tab goes back to its note, `h` makes the
decision a row of the action plan, `k` moves the item's card (or puts its idea on the board),
`a` adds an item, `e` ends the meeting (the minutes are saved and successes are offered). Esc on
the agenda goes back to the list of meetings; the meeting keeps running until it is ended.

Each agenda key is offered only on the kinds of item it works on: `check_action` returns False
elsewhere, so the footer leaves it out, and a hidden binding of the same key says why when it
is pressed anyway (a key never silently does nothing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from core.clock import utc_now
from core.db import changelog
from core.errors import TavleError
from core.kaizen import board, meetings, successes
from core.kaizen.board import COLUMNS
from core.models import BoardColumn, Idea, KaizenCard, Meeting, MeetingItem
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.form import Values
from tui.dialogs.pick import PickDialog, TickDialog
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter


def clock_text(elapsed: dt.timedelta) -> tuple[str, bool]:
    """The clock's text ("Mødetid 12:34 af 60:00") and whether the hour is over."""
    seconds = max(0, int(elapsed.total_seconds()))
    shown = f"{seconds // 60:02d}:{seconds % 60:02d}"
    over = seconds > meetings.MEETING_MINUTES * 60
    key = "meeting.clock_over" if over else "meeting.clock"
    return tr(key, elapsed=shown, limit=meetings.MEETING_MINUTES), over


class RunningMeetingScreen(ProjectScreenBase):
    """A kaizen meeting in progress."""

    HELP = "meeting.running_help"

    BINDINGS = [
        Binding("escape", "back", "meeting.keys.back", id="meeting_run.back"),
        Binding("ctrl+s", "save", "meeting.keys.save", show=False, id="meeting_run.save"),
        Binding("e", "end", "meeting.keys.end", id="meeting_run.end"),
        Binding("h", "to_action", "meeting.keys.action", id="meeting_run.action"),
        Binding("k", "move_card", "meeting.keys.move", id="meeting_run.move"),
        Binding("k", "idea_to_card", "meeting.keys.idea_card", id="meeting_run.idea_card"),
        # A key whose action does not fit the item is hidden from the footer; pressed anyway,
        # these say why instead of doing nothing (no description: not in the help or palette).
        Binding("h", "why_not('no_item')", "", show=False, id="meeting_run.action_why"),
        Binding("k", "why_not('no_card')", "", show=False, id="meeting_run.move_why"),
        Binding("a", "add_item", "meeting.keys.add", id="meeting_run.add"),
    ]

    clock: Callable[[], dt.datetime] = staticmethod(utc_now)
    """Where the screen reads the time (tests replace it)."""

    def __init__(self, project_id: str, meeting_id: str) -> None:
        super().__init__(project_id)
        self.meeting_id = meeting_id
        self.items: list[MeetingItem] = []
        self._shown: MeetingItem | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="meeting-clock", markup=False)
        yield OptionList(id="agenda")
        yield Label("", id="item-title", classes="section-title", markup=False)
        # Not select_on_focus: coming back to a note must not select it for the next key to
        # replace; the cursor goes to the end of what is there.
        yield Input(id="item-note", max_length=2000, placeholder=tr("meeting.note_placeholder"),
                    select_on_focus=False)
        yield Input(id="item-decision", max_length=2000,
                    placeholder=tr("meeting.decision_placeholder"), select_on_focus=False)
        yield Label("", id="meeting-hint", classes="status-line", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.set_header(tr("meeting.title"))
        self.reload()
        self.tick()
        self.set_interval(1, self.tick)
        self.focus_note()

    def focus_note(self) -> None:
        """Put the cursor in the shown item's note (the agenda when it is empty)."""
        if self._shown is None:
            self.query_one("#agenda", OptionList).focus()
            return
        note = self.query_one("#item-note", Input)
        note.focus()
        note.cursor_position = len(note.value)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        typing = isinstance(event.widget, Input)
        self.query_one("#meeting-hint", Label).update(
            Content(tr("focus.meeting_typing" if typing else "focus.meeting_list")))

    # -- the clock ------------------------------------------------------------------------

    def tick(self) -> None:
        """Show how long the meeting has run; past 60 minutes in the warning colour with text."""
        meeting = changelog.load(self.store, Meeting, self.meeting_id)
        started = meeting.started_at or self.clock()
        text, over = clock_text(self.clock() - started)
        label = self.query_one("#meeting-clock", Label)
        label.update(Content(text))
        label.set_class(over, "-over")

    # -- the agenda -----------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the items again, keeping the highlighted one."""
        self.items = meetings.items_of(self.store, self.meeting_id)
        agenda = self.query_one("#agenda", OptionList)
        if select_id is None and self._shown is not None:
            select_id = self._shown.id
        agenda.clear_options()
        agenda.add_options(Option(Content(self._line(n, item)), id=item.id)
                           for n, item in enumerate(self.items, start=1))
        ids = [item.id for item in self.items]
        index = ids.index(select_id) if select_id in ids else 0
        self._show(self.items[index] if self.items else None)
        if self.items:
            agenda.highlighted = index
        self.refresh_bindings()

    @staticmethod
    def _line(number: int, item: MeetingItem) -> str:
        kind = tr(f"enum.meeting_item_kind.{item.kind.value}")
        mark = " ✓" if item.decision.strip() else " ·" if item.note.strip() else ""
        return f"{number}. [{kind}] {item.title}{mark}"

    def _show(self, item: MeetingItem | None) -> None:
        self._shown = item
        title = self.query_one("#item-title", Label)
        title.update(Content(item.title if item else tr("meeting.item_none")))
        for name in ("note", "decision"):
            box = self.query_one(f"#item-{name}", Input)
            box.value = getattr(item, name) if item else ""
            box.disabled = item is None

    def _typed(self) -> tuple[str, str]:
        return (self.query_one("#item-note", Input).value,
                self.query_one("#item-decision", Input).value)

    def save_item(self) -> None:
        """Save the shown item's note and decision if they changed."""
        item = self._shown
        if item is None:
            return
        note, decision = self._typed()
        if (note, decision) != (item.note, item.decision):
            self._shown = meetings.save_item(self.undo_log, item.id, note=note, decision=decision)
            self.items = [self._shown if i.id == item.id else i for i in self.items]
            agenda = self.query_one("#agenda", OptionList)
            index = self.items.index(self._shown)
            agenda.replace_option_prompt_at_index(
                index, Content(self._line(index + 1, self._shown)))

    @on(OptionList.OptionHighlighted, "#agenda")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        chosen = self.items[event.option_index]
        if self._shown is None or chosen.id != self._shown.id:
            self.save_item()
            self._show(chosen)
            self.refresh_bindings()

    @on(OptionList.OptionSelected, "#agenda")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_note()

    @on(Input.Submitted, "#item-note")
    def _note_done(self, event: Input.Submitted) -> None:
        self.save_item()
        self.query_one("#item-decision", Input).focus()

    @on(Input.Submitted, "#item-decision")
    def _decision_done(self, event: Input.Submitted) -> None:
        """Save, then on to the next item's note; after the last item the cursor stays in its
        note, so that typing on never runs a shortcut (`e` would end the meeting)."""
        self.save_item()
        if self._shown is None:
            return
        index = self.items.index(self._shown)
        if index + 1 < len(self.items):
            self._show(self.items[index + 1])
            self.query_one("#agenda", OptionList).highlighted = index + 1
            self.refresh_bindings()
        else:
            self.notify(tr("focus.meeting_last"), markup=False)
        self.focus_note()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.save_item()

    # -- decisions ------------------------------------------------------------------------

    def _card_id(self) -> str | None:
        """The card the shown item is about (None: no item, or not about a card)."""
        return meetings.card_of(self.store, self._shown) if self._shown else None

    def _idea_id(self) -> str | None:
        """The idea the shown item is about, when it is not on the board yet."""
        return meetings.idea_of(self.store, self._shown) if self._shown else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each agenda key only where it fits the shown item's kind (False: not in the footer;
        the hidden `why_not` bindings of the same keys then say why)."""
        if action == "to_action":
            return self._shown is not None
        if action == "move_card":
            return self._card_id() is not None
        if action == "idea_to_card":
            return self._card_id() is None and self._idea_id() is not None
        if action == "why_not":
            if parameters == ("no_item",):
                return self._shown is None
            return self._card_id() is None and self._idea_id() is None
        return True

    def action_why_not(self, reason: str) -> None:
        """Say why a key does nothing on the shown item."""
        item = self._shown
        if item is None:
            self.notify(tr("meeting.no_item"), markup=False)
            return
        kind = tr(f"enum.meeting_item_kind.{item.kind.value}")
        self.notify(tr("meeting.no_card", kind=kind), markup=False)

    def action_save(self) -> None:
        self.save_item()
        self.notify(tr("meeting.saved"), markup=False)

    def action_to_action(self) -> None:
        """Make the item's decision a row of the action plan."""
        self.save_item()
        item = self._shown
        if item is None:
            return
        change = item.decision.strip().splitlines()[0] if item.decision.strip() else item.title
        fields = [
            FormField("change", tr("field.change"), change, max_length=2000),
            FormField("responsible", tr("field.responsible")),
            FormField("deadline", tr("field.deadline"), placeholder=tr("card.when_placeholder")),
        ]

        def submit(values: Values) -> str | None:
            try:
                meetings.decide_action(
                    self.undo_log, item.id, translator(), change=values["change"],
                    responsible=values["responsible"], deadline=values["deadline"],
                    today=self.tavle.today())
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            self.reload(select_id=item.id)
            self.focus_note()
            if values:
                self.notify(tr("meeting.action_done", change=values["change"].strip()[:80]),
                            markup=False)

        self.app.push_screen(FormDialog(tr("meeting.action_title"), fields, submit=submit), done)

    def action_move_card(self) -> None:
        """Move the item's card to another column of the board."""
        self.save_item()
        item = self._shown
        card_id = self._card_id()
        if item is None or card_id is None:
            self.action_why_not("no_card")
            return
        card = changelog.load(self.store, KaizenCard, card_id)
        name = self._column_name()

        def chosen(value: str | None) -> None:
            if not value:
                return
            column = BoardColumn(value)
            moved = meetings.decide_card_move(self.undo_log, item.id, card_id, column,
                                              translator(), name(column),
                                              today=self.tavle.today())
            self.reload(select_id=item.id)
            self.focus_note()
            self.notify(tr("meeting.moved", title=card.title[:60], column=name(column)),
                        markup=False)
            message = board.comes_back(translator(), moved)
            if message:
                self.notify(message, markup=False)
            crowded = board.crowded(self.store, self.project_id, column)
            if crowded is not None:
                self.notify(crowded.message(translator(), name(column)), severity="warning",
                            markup=False)

        options = [(name(column), column.value) for column in COLUMNS]
        self.app.push_screen(PickDialog(tr("meeting.move_title", title=card.title[:60]),
                                        options, current=card.column.value), chosen)

    def _column_name(self) -> Callable[[BoardColumn], str]:
        labels = board.column_labels(self.store, self.project_id)

        def name(column: BoardColumn) -> str:
            return labels.get(column) or tr(f"enum.board_column.{column.value}")

        return name

    def action_idea_to_card(self) -> None:
        """Put the item's idea on the board as a card, in the column the team chooses."""
        self.save_item()
        item = self._shown
        idea_id = self._idea_id()
        if item is None or idea_id is None:
            self.action_why_not("no_card")
            return
        idea = changelog.load(self.store, Idea, idea_id)
        name = self._column_name()

        def chosen(value: str | None) -> None:
            if not value:
                return
            column = BoardColumn(value)
            card = meetings.decide_idea_card(self.undo_log, item.id, idea_id, column,
                                             translator(), name(column),
                                             today=self.tavle.today())
            self.reload(select_id=item.id)
            self.focus_note()
            self.notify(tr("meeting.idea_on_board", title=card.title[:60], column=name(column)),
                        markup=False)

        options = [(name(column), column.value) for column in COLUMNS]
        self.app.push_screen(PickDialog(tr("meeting.idea_card_title", title=idea.text[:60]),
                                        options, current=BoardColumn.PLANNED.value), chosen)

    def action_add_item(self) -> None:
        """Add a point of the team's own to the agenda."""
        self.save_item()
        fields = [FormField("title", tr("field.title"))]
        added: list[MeetingItem] = []

        def submit(values: Values) -> str | None:
            try:
                added.append(meetings.add_item(self.undo_log, self.meeting_id, values["title"]))
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            if added:
                self.reload(select_id=added[0].id)
                self.focus_note()

        self.app.push_screen(FormDialog(tr("meeting.add_title"), fields, submit=submit), done)

    def action_end(self) -> None:
        """End the meeting: save the minutes, then offer the successes to record."""
        self.save_item()

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            meeting = meetings.end_meeting(self.store, self.meeting_id, now=self.clock())
            self.notify(tr("meeting.ended", minutes=meeting.duration_min), markup=False)
            self._offer_successes(meeting)

        self.app.push_screen(
            ConfirmDialog(tr("meeting.end_question", count=len(self.items))), answered)

    def _offer_successes(self, meeting: Meeting) -> None:
        tx, today = translator(), meeting.held_on
        offers = successes.card_offers(self.store, self.project_id, tx, since=today)
        offers += successes.signal_offers(self.store, self.project_id, tx, today=today)
        if not offers:
            self.app.pop_screen()
            return

        def chosen(ticked: list[str] | None) -> None:
            picked = [offers[int(i)] for i in ticked or []]
            for offer in picked:
                successes.record(self.undo_log, self.project_id, offer.text, on=today,
                                 card_id=offer.card_id, measure_id=offer.measure_id,
                                 meeting_id=meeting.id, recorded_by=self.store.author)
            if picked:
                self.notify(tr("meeting.successes_recorded", count=len(picked)), markup=False)
            elif ticked is not None:
                self.notify(tr("focus.no_successes"), markup=False)
            self.app.pop_screen()

        # Nothing starts ticked: the team ticks what it celebrates (a space must never un-tick
        # a success nobody noticed was ticked).
        options = [(offer.text, str(i)) for i, offer in enumerate(offers)]
        self.app.push_screen(TickDialog(tr("meeting.successes_title"), options), chosen)

    def action_back(self) -> None:
        """From the note or decision: back to the agenda. From the agenda: back to the list of
        meetings (the meeting runs on until it is ended)."""
        self.save_item()
        if isinstance(self.focused, Input):
            self.query_one("#agenda", OptionList).focus()
            return
        self.app.pop_screen()
