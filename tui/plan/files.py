"""Export of the action plan to CSV for Excel (ctrl+e) and import from such a file (ctrl+o)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import TavleError
from core.paths import export_dir
from core.plan import csv_file as plan_csv
from core.project.projects import get_project
from tui.dialogs import FormDialog, FormField
from tui.dialogs.form import Values
from tui.lang import tr, translator
from tui.plan.plan_import import PlanImportDialog

if TYPE_CHECKING:
    from tui.plan.action_plan import ActionPlanScreen

    _Base = ActionPlanScreen
else:
    _Base = object


class PlanFilesMixin(_Base):
    """The action plan screen's file keys."""

    def action_export(self) -> None:
        from core.plan import actions
        from core.sync.cpr_guard import GuardHit, scan_outgoing
        from tui.dialogs.cpr_guard import guard_then

        project = get_project(self.store, self.project_id)
        folder = export_dir()
        path = folder / plan_csv.export_filename(translator(), project.name, project.unit,
                                                 self.today)
        generation = self.store.generation

        def scan() -> list[GuardHit]:  # the CPR guard: the rows' text as it is in the database now
            rows = actions.filter_rows(actions.load_plan(self.store, self.project_id),
                                       self.plan_filter, self.today)
            texts = [" ".join((r.change, r.responsible, r.effect, r.how, *r.links)) for r in rows]
            where = tr("action_plan.title")
            return scan_outgoing(self.store, self.project_id, [(where, t) for t in texts],
                                 translator())

        def write() -> None:
            if self.store.generation != generation:  # edited in the guard: show and write anew
                self.reload()
            self._write_csv(folder, path)

        guard_then(self, what="csv", target=path.name, scan=scan, then=write)

    def _write_csv(self, folder: Path, path: Path) -> None:
        rows = [row for row in self._shown if row.id]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            count = plan_csv.export_plan(rows, path, translator())
        except OSError:
            self.notify(tr("action_plan.export.failed", path=str(path)), severity="error",
                        markup=False)
            return
        self.notify(tr("action_plan.export.done", count=count, path=str(path)), markup=False)

    def action_import(self) -> None:
        previews: list[tuple[plan_csv.ImportPreview, str]] = []

        def submit(values: Values) -> str | None:
            path = Path(values["path"].strip().strip('"')).expanduser()
            try:
                previews.append((plan_csv.read_plan_csv(path, self.today), str(path)))
            except TavleError as error:
                return error.message(translator())
            return None

        def confirmed(yes: bool | None) -> None:
            if yes and previews:
                created = plan_csv.apply_import(self.undo_log, self.project_id, previews[-1][0])
                self.reload(select_id=created[0].id if created else None)
                self.notify(tr("action_plan.import.done", count=len(created)), markup=False)

        def read(values: Values | None) -> None:
            if values is not None and previews:
                preview, path = previews[-1]
                self.app.push_screen(PlanImportDialog(preview, path), confirmed)

        start = f"{export_dir()}{os.sep}"
        field = FormField("path", tr("action_plan.import.path"), value=start, max_length=1000)
        self.app.push_screen(FormDialog(tr("action_plan.import.title"), [field], submit=submit),
                             read)
