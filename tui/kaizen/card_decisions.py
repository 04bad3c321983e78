"""The act of a cycle on the card screen: start, adapt, adopt, abandon, and offering a success.

A plain mixin of `CardScreen` (message handlers stay on the screen class, where Textual
registers them).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from core.db import changelog
from core.errors import TavleError
from core.kaizen import cycles, successes
from core.models import Cycle, Project
from tui.dialogs import FormDialog, FormField
from tui.dialogs.form import Values
from tui.lang import tr, translator

if TYPE_CHECKING:
    from tui.kaizen.card import CardScreen

    _Base = CardScreen
else:
    _Base = object


class CycleDecisionsMixin(_Base):
    """The card screen's keys for a cycle's start and its act decision."""

    def action_start(self) -> None:
        """Start the card's next cycle; the card moves to "being tested"."""
        if not self.save_form():
            return
        try:
            cycle = cycles.start(self.undo_log, self.card_id, translator(), today=dt.date.today())
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
                    decided_by=self.store.author, today=dt.date.today()))
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
                    decision=values["decision"], today=dt.date.today()))
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            if adopted:
                result = adopted[0]
                self.reload(select_id=result.cycle.id)
                self.notify(tr("card.adopted", title=result.card.title,
                               decision=result.cycle.act_notes or "–"), markup=False)
                self.offer_success(result.success_text)

        self.app.push_screen(FormDialog(tr("card.adopt_title"), fields, submit=submit), done)

    def offer_success(self, text: str) -> None:
        """Offer to record the card's success (Esc: not now)."""
        fields = [FormField("text", tr("successes.offer_field"), text)]

        def submit(values: Values) -> str | None:
            try:
                successes.record(self.undo_log, self.project_id, values["text"],
                                 on=dt.date.today(), card_id=self.card_id,
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
                               decided_by=self.store.author, today=dt.date.today())
            except TavleError as error:
                return error.message(translator())
            return None

        def done(values: Values | None) -> None:
            if values and self.card:
                self.reload(select_id=running.id)
                self.notify(tr("card.abandoned", title=self.card.title), markup=False)

        title = f"{tr('card.abandon_title')} – {self._cycle_title(running)}"
        self.app.push_screen(FormDialog(title, fields, submit=submit), done)
