"""A project's conflicts: fields two units changed without seeing each other's change, and edits
of records deleted here. Every unit shows the same value; here the user can pick another.

Above, the conflicts; below, the focused conflict's values, numbered (the shown one is 1). `v`
keeps the shown value, a number or Enter on a value picks it, and for an edited deleted record
`g` restores it and `s` keeps it deleted. A long text is shown beside the other with the words
that differ marked. Each choice is an ordinary change, so it travels and clears the conflict in
every unit that imports it.
"""

from __future__ import annotations

import difflib
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Label, OptionList
from textual.widgets.option_list import Option

from core.sync.outcomes import Conflict, ConflictValue
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.sync import texts as sync_text
from tui.widgets.footer import TavleFooter

PICK_KEYS = range(1, 10)
LONG_TEXT = 40
"""A value longer than this (or with a line break) is also shown side by side with a word diff."""


def candidates(conflict: Conflict) -> list[ConflictValue]:
    """The values to choose among, the shown one first."""
    shown = [conflict.shown] if conflict.shown is not None else []
    return [*shown, *conflict.others]


def is_long(value: Any) -> bool:
    """Whether a value is long text, worth comparing side by side."""
    return isinstance(value, str) and (len(value) > LONG_TEXT or "\n" in value)


def word_diff(old: str, new: str) -> tuple[Content, Content]:
    """Both texts with the words that differ marked: struck out in the first, underlined in the
    second (not by colour alone)."""
    a, b = old.split(" "), new.split(" ")
    left: list[str | tuple[str, str]] = []
    right: list[str | tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(" ".join(a[i1:i2]) + " ")
            right.append(" ".join(b[j1:j2]) + " ")
            continue
        if i2 > i1:
            left.append((" ".join(a[i1:i2]), "strike $text-error"))
            left.append(" ")
        if j2 > j1:
            right.append((" ".join(b[j1:j2]), "underline bold $text-success"))
            right.append(" ")
    return Content.assemble(*left), Content.assemble(*right)


class ConflictList(OptionList):
    """The list of conflicts; the panes below change height with the focused conflict, so the
    list keeps the focused one in view when it is resized."""

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_highlight)


class ConflictsScreen(ProjectScreenBase):
    """The conflicts of one project, resolved one key per choice."""

    HELP = "sync_ui.help.conflicts"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="conflicts.back"),
        Binding("v", "keep_shown", "sync_ui.keys.keep_shown", id="conflicts.keep_shown"),
        Binding("g", "restore", "sync_ui.keys.restore", id="conflicts.restore"),
        Binding("s", "keep_deleted", "sync_ui.keys.keep_deleted", id="conflicts.keep_deleted"),
        *(
            Binding(str(n), f"pick({n})", f"sync_ui.keys.pick_{n}", show=False,
                    id=f"conflicts.pick_{n}")
            for n in PICK_KEYS
        ),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.conflicts: list[Conflict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="conflicts-body"):
            yield ConflictList(id="conflict-list")
            yield Label("", id="conflicts-empty", classes="empty-hint", markup=False)
            yield OptionList(id="conflict-values")
            with Horizontal(id="conflict-compare"):
                yield Label("", id="compare-shown", classes="compare-side", markup=False)
                yield Label("", id="compare-other", classes="compare-side", markup=False)
            yield Label(Content(tr("sync_ui.conflicts_hint")), id="conflicts-hint",
                        classes="field-help")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#conflict-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the conflicts again, keeping the cursor where it was."""
        from core.sync.conflicts import list_conflicts

        listing = self.query_one("#conflict-list", OptionList)
        keep = listing.highlighted or 0
        self.conflicts = list_conflicts(self.store, self.project_id)
        listing.clear_options()
        listing.add_options(
            Option(Content(self._summary(conflict)), id=str(index))
            for index, conflict in enumerate(self.conflicts)
        )
        empty = not self.conflicts
        listing.display = not empty
        hint = self.query_one("#conflicts-empty", Label)
        hint.update(Content(tr("sync_ui.no_conflicts")))
        hint.display = empty
        for name in ("conflict-values", "conflict-compare", "conflicts-hint"):
            self.query_one(f"#{name}").display = not empty
        if self.conflicts:
            listing.highlighted = min(keep, len(self.conflicts) - 1)
            self._show_conflict()
        self.set_header(tr("sync_ui.conflicts_title_count", count=len(self.conflicts)))
        self.refresh_bindings()

    def _summary(self, conflict: Conflict) -> str:
        tx = translator()
        title = sync_text.conflict_title(conflict, tx)
        if conflict.kind == "deleted_edit":
            return tr("sync_ui.summary_deleted", title=title, count=len(conflict.others))
        shown = conflict.shown
        value = sync_text.value_text(shown.value if shown else None, tx, field=conflict.field,
                                     one_line=True)
        return tr("sync_ui.summary", title=title, value=value, count=len(conflict.others))

    def focused_conflict(self) -> Conflict | None:
        """The conflict under the cursor."""
        highlighted = self.query_one("#conflict-list", OptionList).highlighted
        if highlighted is None or highlighted >= len(self.conflicts):
            return None
        return self.conflicts[highlighted]

    @on(OptionList.OptionHighlighted, "#conflict-list")
    def _conflict_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_conflict()
        self.refresh_bindings()

    def _show_conflict(self) -> None:
        conflict = self.focused_conflict()
        if conflict is None:
            return
        tx = translator()
        values = self.query_one("#conflict-values", OptionList)
        values.clear_options()
        if conflict.kind == "deleted_edit":
            lines = [tr("sync_ui.deleted_here")] + [
                tr("sync_ui.edit_of", value=sync_text.candidate_text(c, "", tx))
                for c in conflict.others
            ]
            values.add_options(Option(Content(line)) for line in lines)
        else:
            for number, candidate in enumerate(candidates(conflict), start=1):
                text = sync_text.candidate_text(candidate, conflict.field, tx)
                key = "value_shown" if candidate is conflict.shown else "value_other"
                values.add_option(Option(Content(tr(f"sync_ui.{key}", number=number, value=text))))
            values.highlighted = 0
        self._show_compare(conflict)

    def _show_compare(self, conflict: Conflict) -> None:
        compare = self.query_one("#conflict-compare", Horizontal)
        options = candidates(conflict)
        long_values = len(options) >= 2 and any(is_long(c.value) for c in options[:2])
        compare.display = long_values
        if not long_values:
            return
        tx = translator()
        first, second = (sync_text.value_text(c.value, tx, field=conflict.field)
                         for c in options[:2])
        left, right = word_diff(first, second)
        label_first = tr("sync_ui.compare_first", source=sync_text.source_text(options[0], tx))
        label_second = tr("sync_ui.compare_second", source=sync_text.source_text(options[1], tx))
        self.query_one("#compare-shown", Label).update(
            Content.assemble((label_first, "bold"), "\n", left)
        )
        self.query_one("#compare-other", Label).update(
            Content.assemble((label_second, "bold"), "\n", right)
        )

    # -- choices ----------------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        conflict = self.focused_conflict()
        return (conflict.entity, conflict.record_id) if conflict is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        conflict = self.focused_conflict()
        if action in ("keep_shown", "pick"):
            if conflict is None or conflict.kind == "deleted_edit":
                return False
            if action == "pick":
                return len(candidates(conflict)) >= int(str(parameters[0]))
            return conflict.shown is not None
        if action in ("restore", "keep_deleted"):
            return conflict is not None and conflict.kind == "deleted_edit"
        return True

    def action_keep_shown(self) -> None:
        conflict = self.focused_conflict()
        if conflict is not None and conflict.shown is not None:
            self._choose(conflict, conflict.shown)

    def action_pick(self, number: int) -> None:
        conflict = self.focused_conflict()
        if conflict is None or conflict.kind == "deleted_edit":
            return
        options = candidates(conflict)
        if 1 <= number <= len(options):
            self._choose(conflict, options[number - 1])

    @on(OptionList.OptionSelected, "#conflict-values")
    def _value_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option_index + 1)

    @on(OptionList.OptionSelected, "#conflict-list")
    def _conflict_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#conflict-values", OptionList).focus()

    def _choose(self, conflict: Conflict, value: ConflictValue) -> None:
        from core.sync.conflicts import choose

        choose(self.store, conflict, value)
        self._done(tr("sync_ui.chosen", value=sync_text.value_text(
            value.value, translator(), field=conflict.field, one_line=True)))

    def action_restore(self) -> None:
        from core.sync.conflicts import restore_record

        conflict = self.focused_conflict()
        if conflict is not None and conflict.kind == "deleted_edit":
            restore_record(self.store, conflict)
            tx = translator()
            self._done(tr("sync_ui.restored", entity=sync_text.entity_label(conflict.entity, tx),
                          record=conflict.record_label))

    def action_keep_deleted(self) -> None:
        from core.sync.conflicts import keep_deleted

        conflict = self.focused_conflict()
        if conflict is not None and conflict.kind == "deleted_edit":
            keep_deleted(self.store, conflict)
            self._done(tr("sync_ui.kept_deleted"))

    def _done(self, message: str) -> None:
        self.reload()
        self.query_one("#conflict-list", OptionList).focus()
        self.notify(message, markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
