"""A kaizen card and its cycles (PDSA, PGEK or prøvehandling): Plan, Do, Study, Act.

The cycles are listed on the left; the highlighted one's form is on the right (Tab between
fields, ctrl+s saves). While studying, the linked measure's latest values and its run chart's
signal are at hand. `n` starts a cycle, `t` adapts (the next cycle opens prefilled), `v` adopts
(asks for the leader's decision; the card moves to Standard and a success is offered), `o`
abandons (asks for the reason; the card moves to Dropped). Esc leaves the form for the list, and
from the list goes back, asking first when typed text is not saved.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from core.db import changelog
from core.errors import NotFoundError, TavleError
from core.kaizen import board, cycles, successes
from core.kaizen.board import BoardCard
from core.measures.glance import glance
from core.models import Cycle, CycleName, Project
from core.values.days import parse_deadline
from tui.dialogs import FormDialog, FormField
from tui.dialogs.form import Values
from tui.kaizen.card_form import card_dialog
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("plan", cycles.PLAN_FIELDS),
    ("do", cycles.DO_FIELDS),
    ("study", cycles.STUDY_FIELDS),
)
LINE_FIELDS = ("plan_who", "plan_when", "plan_where")
"""Fields typed on one line (an Input); the others are TextAreas."""


class CardScreen(ProjectScreenBase):
    """One card of the kaizen board with its tests of change."""

    HELP = "card.help"

    BINDINGS = [
        Binding("escape", "back", "card.keys.back", id="card.back"),
        Binding("ctrl+s", "save", "card.keys.save", id="card.save"),
        Binding("n", "start", "card.keys.start", id="card.start"),
        Binding("t", "adapt", "card.keys.adapt", id="card.adapt"),
        Binding("v", "adopt", "card.keys.adopt", id="card.adopt"),
        Binding("o", "abandon", "card.keys.abandon", id="card.abandon"),
        Binding("f2", "edit_card", "card.keys.edit", id="card.edit"),
    ]

    def __init__(self, project_id: str, card_id: str) -> None:
        super().__init__(project_id)
        self.card_id = card_id
        self.card: BoardCard | None = None
        self.cycles: list[Cycle] = []
        self.cycle_name = CycleName.PDSA
        self._shown: Cycle | None = None
        self._loaded: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="card-title", classes="section-title", markup=False)
        yield Label("", id="card-info", markup=False)
        with Horizontal(id="card-body"):
            yield OptionList(id="cycles")
            with VerticalScroll(id="cycle-form", can_focus=False):
                yield Label("", id="no-cycles", classes="empty-hint", markup=False)
                yield Label("", id="cycle-title", classes="section-title", markup=False)
                for section, names in SECTIONS:
                    yield Label(Content(tr(f"card.{section}")), classes="section-title cycle-part")
                    if section == "study":
                        yield Label("", id="measure-panel", markup=False)
                    for name in names:
                        yield Label(Content(tr(f"field.{name}")), classes="field-label cycle-part")
                        if name in LINE_FIELDS:
                            placeholder = tr("card.when_placeholder") if name == "plan_when" \
                                else ""
                            yield Input(id=f"f-{name}", max_length=200, placeholder=placeholder,
                                        classes="cycle-part")
                        else:
                            yield TextArea(id=f"f-{name}", tab_behavior="focus",
                                           classes="cycle-text cycle-part")
                yield Label(Content(tr("card.act")), classes="section-title cycle-part")
                yield Label("", id="act-summary", classes="cycle-part", markup=False)
                yield Label("", id="form-error", classes="form-error", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#cycles", OptionList).focus()

    # -- data -----------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the card and its cycles again; show `select_id` (default: the last cycle)."""
        self.set_header(tr("board.title"))
        try:
            self.card = board.load_card(self.store, self.project_id, self.card_id)
        except NotFoundError:
            self.app.pop_screen()
            return
        project = changelog.load(self.store, Project, self.project_id)
        self.cycle_name = project.cycle_name
        self.cycles = cycles.cycles_of(self.store, self.card_id)
        self._show_card(self.card)
        options = self.query_one("#cycles", OptionList)
        options.clear_options()
        options.add_options(
            Option(Content(self._cycle_line(c)), id=c.id) for c in self.cycles
        )
        if select_id is None and self._shown is not None:
            select_id = self._shown.id
        ids = [c.id for c in self.cycles]
        index = ids.index(select_id) if select_id in ids else len(ids) - 1
        self._show_cycle(self.cycles[index] if self.cycles else None)
        if self.cycles:
            options.highlighted = index
        self.refresh_bindings()

    def _cycle_title(self, cycle: Cycle) -> str:
        return cycles.title(translator(), self.cycle_name, cycle.number)

    def _cycle_line(self, cycle: Cycle) -> str:
        stage = cycles.stage(cycle)
        text = tr(f"enum.act_decision.{cycle.act.value}") if cycle.act else \
            tr(f"card.stage.{stage.value}")
        return tr("card.cycle_line", title=self._cycle_title(cycle), stage=text)

    def _show_card(self, card: BoardCard) -> None:
        tx = translator()
        labels = board.column_labels(self.store, self.project_id)
        column = labels.get(card.column) or tr(f"enum.board_column.{card.column.value}")
        details = [part for part in (
            tr("board.detail_owner", owner=card.owner) if card.owner else "",
            tr("board.detail_due", date=tx.date(card.due)) if card.due else "",
            tr("board.detail_measure", measure=card.measure_name) if card.measure_name else "",
            tr("board.detail_idea", idea=card.idea_text) if card.idea_text else "",
            tx.count("board.detail_recur", card.recur_weeks) if card.recur_weeks else "",
        ) if part]
        self.query_one("#card-title", Label).update(Content(card.title))
        info = tr("card.summary", column=column, details=" · ".join(details)) if details \
            else column
        if card.description:
            info = f"{info}\n{card.description}"
        self.query_one("#card-info", Label).update(Content(info))

    def _show_cycle(self, cycle: Cycle | None) -> None:
        self._shown = cycle
        for part in self.query(".cycle-part"):
            part.display = cycle is not None
        self.query_one("#cycle-title", Label).display = cycle is not None
        hint = self.query_one("#no-cycles", Label)
        hint.display = cycle is None
        hint.update(Content(tr("card.no_cycles")))
        self.query_one("#form-error", Label).update("")
        if cycle is None:
            self._loaded = {}
            return
        tx = translator()
        self.query_one("#cycle-title", Label).update(Content(self._cycle_line(cycle)))
        values = {name: str(getattr(cycle, name) or "") for name in cycles.FORM_FIELDS}
        values["plan_when"] = tx.date(cycle.plan_when)
        for name, value in values.items():
            widget = self.query_one(f"#f-{name}")
            if isinstance(widget, TextArea):
                widget.load_text(value)
            elif isinstance(widget, Input):
                widget.value = value
        self._loaded = values
        self._show_act(cycle)
        self._show_measure(cycle)

    def _show_act(self, cycle: Cycle) -> None:
        label = self.query_one("#act-summary", Label)
        if cycle.act is None:
            label.update(Content(tr("card.act_open")))
            return
        by = tr("card.act_by", name=cycle.decided_by) if cycle.decided_by else ""
        label.update(Content(tr(
            "card.act_done", decision=tr(f"enum.act_decision.{cycle.act.value}"),
            date=translator().date(cycle.ended_on), by=by, notes=cycle.act_notes or "–",
        )))

    def _show_measure(self, cycle: Cycle) -> None:
        panel = self.query_one("#measure-panel", Label)
        measure_id = cycle.measure_id or (self.card.measure_id if self.card else None)
        if not measure_id:
            panel.update(Content(tr("card.measure_none")))
            return
        try:
            seen = glance(self.store, measure_id, translator())
        except NotFoundError:
            panel.update(Content(tr("card.measure_none")))
            return
        lines = [tr("card.measure_title", name=seen.name), seen.sentence]
        if seen.values:
            lines.append(tr("card.measure_values",
                            values="  ".join(f"{p} {v}" for p, v in seen.values)))
        if seen.target:
            lines.append(tr("card.measure_target", target=seen.target))
        panel.update(Content("\n".join(lines)))

    def form_values(self) -> dict[str, str]:
        """What the form holds now, as text."""
        values: dict[str, str] = {}
        for name in cycles.FORM_FIELDS:
            widget = self.query_one(f"#f-{name}")
            values[name] = widget.text if isinstance(widget, TextArea) else \
                widget.value if isinstance(widget, Input) else ""
        return values

    def is_dirty(self) -> bool:
        """Whether the form holds typed text that is not saved."""
        return self._shown is not None and self.form_values() != self._loaded

    def running_cycle(self) -> Cycle | None:
        """The cycle under way: the last one without an act decision (None: none runs)."""
        return next((c for c in reversed(self.cycles) if c.act is None), None)

    # -- saving ---------------------------------------------------------------------------

    def save_form(self) -> bool:
        """Save the shown cycle's form; False (with the reason shown) when a value is wrong."""
        cycle = self._shown
        if cycle is None or not self.is_dirty():
            return True
        values = self.form_values()
        changes: dict[str, object] = {
            name: values[name].strip() if name in LINE_FIELDS else values[name]
            for name in cycles.FORM_FIELDS if values[name] != self._loaded.get(name)
        }
        try:
            if "plan_when" in changes:
                when = values["plan_when"].strip()
                changes["plan_when"] = (parse_deadline(when, self.tavle.today()) if when
                                        else None)
            saved = cycles.save(self.undo_log, cycle.id, **changes)
        except TavleError as error:
            self.query_one("#form-error", Label).update(Content(error.message(translator())))
            return False
        self._shown = saved
        self.cycles = [saved if c.id == saved.id else c for c in self.cycles]
        self._loaded = values | {"plan_when": translator().date(saved.plan_when)}
        self.query_one("#form-error", Label).update("")
        return True

    def action_save(self) -> None:
        """Save the cycle's form (ctrl+s)."""
        if self._shown is not None and self.save_form():
            self.reload(select_id=self._shown.id)
            self.notify(tr("card.saved", title=self._cycle_title(self._shown)), markup=False)

    @on(OptionList.OptionHighlighted, "#cycles")
    def _cycle_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        chosen = self.cycles[event.option_index]
        if self._shown is not None and chosen.id != self._shown.id:
            if not self.save_form():
                return
            self._show_cycle(chosen)

    @on(OptionList.OptionSelected, "#cycles")
    def _cycle_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._focus_form()

    def _focus_form(self) -> None:
        first = "plan_what"
        if self._shown is not None and cycles.stage(self._shown) in (
                cycles.Stage.STUDY, cycles.Stage.ACT):
            first = "study_notes"
        elif self._shown is not None and cycles.stage(self._shown) == cycles.Stage.DO and \
                self._shown.plan_what.strip():
            first = "do_notes"
        self.query_one(f"#f-{first}").focus()

    # -- the cycle's decisions ------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        """The cycle shown, or the card while it has none."""
        if self._shown is not None:
            return ("cycle", self._shown.id)
        return ("kaizen_card", self.card_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.running_cycle() is None or None
        if action in ("adapt", "adopt", "abandon"):
            return self.running_cycle() is not None or None
        if action == "save":
            return self._shown is not None or None
        return True

    def action_start(self) -> None:
        """Start the card's next cycle; the card moves to "being tested"."""
        if not self.save_form():
            return
        try:
            cycle = cycles.start(self.undo_log, self.card_id, translator(),
                                 today=self.tavle.today())
        except TavleError as error:
            self.notify(error.message(translator()), markup=False, severity="warning")
            return
        self.reload(select_id=cycle.id)
        self.query_one("#f-plan_what").focus()
        self.notify(tr("card.started", title=self._cycle_title(cycle)), markup=False)

    def action_adapt(self) -> None:
        """Adjust and test again: the next cycle opens with this one's plan."""
        running = self.running_cycle()
        if running is None or not self.save_form():
            return
        fields = [FormField("notes", tr("card.adapt_notes"), max_length=2000)]
        created: list[Cycle] = []

        def submit(values: Values) -> str | None:
            try:
                created.append(cycles.adapt(
                    self.undo_log, running.id, translator(), notes=values["notes"],
                    decided_by=self.store.author, today=self.tavle.today()))
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            if created:
                self.reload(select_id=created[0].id)
                self.query_one("#f-plan_what").focus()
                self.notify(tr("card.adapted", title=self._cycle_title(created[0])),
                            markup=False)

        title = f"{tr('card.adapt_title')} – {self._cycle_title(running)}"
        self.app.push_screen(FormDialog(title, fields, submit=submit), done)

    def action_adopt(self) -> None:
        """The leader decides the routine is the way we work here: the card becomes standard."""
        running = self.running_cycle()
        if running is None or not self.save_form():
            return
        leader = changelog.load(self.store, Project, self.project_id).leader
        fields = [
            FormField("leader", tr("card.leader"), leader),
            FormField("decision", tr("card.decision"), placeholder=tr("card.decision_placeholder"),
                      max_length=2000),
        ]
        adopted: list[cycles.Adopted] = []

        def submit(values: Values) -> str | None:
            try:
                adopted.append(cycles.adopt(
                    self.undo_log, running.id, translator(), leader=values["leader"],
                    decision=values["decision"], today=self.tavle.today()))
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            if adopted:
                result = adopted[0]
                self.reload(select_id=result.cycle.id)
                self.notify(tr("card.adopted", title=result.card.title,
                               decision=result.cycle.act_notes or "–"), markup=False)
                message = board.comes_back(translator(), result.moved)
                if message:
                    self.notify(message, markup=False)
                self.offer_success(result.success_text)

        self.app.push_screen(FormDialog(tr("card.adopt_title"), fields, submit=submit), done)

    def offer_success(self, text: str) -> None:
        """Offer to record the card's success (Esc: not now)."""
        fields = [FormField("text", tr("successes.offer_field"), text)]

        def submit(values: Values) -> str | None:
            try:
                successes.record(self.undo_log, self.project_id, values["text"],
                                 on=self.tavle.today(), card_id=self.card_id,
                                 recorded_by=self.store.author)
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            if values:
                self.notify(tr("successes.recorded", text=values["text"].strip()), markup=False)

        self.app.push_screen(FormDialog(tr("successes.offer_title"), fields, submit=submit), done)

    def action_abandon(self) -> None:
        """Give the idea up, with the reason: the card moves to Dropped."""
        running = self.running_cycle()
        if running is None or not self.save_form():
            return
        fields = [FormField("reason", tr("card.reason"), max_length=2000)]

        def submit(values: Values) -> str | None:
            try:
                cycles.abandon(self.undo_log, running.id, reason=values["reason"],
                               decided_by=self.store.author, today=self.tavle.today())
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            if values and self.card:
                self.reload(select_id=running.id)
                self.notify(tr("card.abandoned", title=self.card.title), markup=False)

        title = f"{tr('card.abandon_title')} – {self._cycle_title(running)}"
        self.app.push_screen(FormDialog(title, fields, submit=submit), done)

    def action_edit_card(self) -> None:
        """Edit the card's title, description, owner, due date and measure."""
        if self.card is None or not self.save_form():
            return

        def save(values: dict[str, object]) -> None:
            board.edit_card(self.undo_log, self.card_id, **values)

        self.app.push_screen(
            card_dialog(self.store, self.project_id, tr("board.edit_title"), self.card,
                        self.tavle.today(), save),
            lambda values: self.reload(),
        )

    def action_back(self) -> None:
        """From the form: back to the list of cycles. From the list: back to the board,
        asking first when typed text is not saved."""
        cycles_list = self.query_one("#cycles", OptionList)
        if self.focused is not cycles_list and self._shown is not None:
            cycles_list.focus()
            return
        self.discard_then(self.is_dirty(), self.app.pop_screen, tr("card.leave_question"))
