"""The words of a folder import (a learning network's coordinator): one row per file, the refused
files with their reasons, and the summary before and after.

Plain text only, without Textual (like `tui.sync.texts`); the screen shows it with `cell(text)`
or `Content(text)`, since file names and what the files hold are never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.sync.texts import can_apply, unit_text

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.sync.batch import FileOutcome

COLUMNS = ("file", "unit", "projects", "created", "changed", "deleted", "conflicts", "state")
"""The columns of the combined preview (labels: `network.batch.column.<name>`)."""
NARROW_COLUMNS = ("what", "created", "changed", "deleted", "conflicts", "state")
"""The columns on a narrow screen: unit and projects in one (the file's name when it holds
none), the file's name shown under the table."""
NUMBER_COLUMNS = ("created", "changed", "deleted", "conflicts")


@dataclass(frozen=True)
class BatchRow:
    """One file of the folder as the preview shows it."""

    file: str
    unit: str
    projects: str
    created: str
    changed: str
    deleted: str
    conflicts: str
    state: str

    @property
    def what(self) -> str:
        """"Afsnit A: Færre fald", or the file's name for a file that is not read."""
        if not self.unit and not self.projects:
            return self.file
        return f"{self.unit}: {self.projects}"

    def cells(self, columns: tuple[str, ...] = COLUMNS) -> list[str]:
        """The row's texts in column order."""
        return [getattr(self, name) for name in columns]


def _sum(outcome: FileOutcome, kind: str) -> int:
    assert outcome.preview is not None
    return sum(getattr(counts, kind) for counts in outcome.preview.counts.values())


def scope_names(outcome: FileOutcome) -> str:
    """The projects a file holds (or, without a project, its other scopes), comma-separated."""
    if outcome.preview is None:
        return ""
    scopes = outcome.preview.scopes
    names = [name for _id, kind, name in scopes if kind == "project"]
    return ", ".join(names or [name for _id, _kind, name in scopes])


def state_text(outcome: FileOutcome, tx: Translator) -> str:
    """What happens to the file: ready, nothing new, already imported, refused, a duplicate."""
    if outcome.duplicate_of is not None:
        return tx("network.batch.state_duplicate", name=outcome.duplicate_of.name)
    if outcome.error is not None or outcome.preview is None:
        return tx("network.batch.state_refused")
    preview = outcome.preview
    if preview.applied:
        return tx("network.batch.state_imported")
    if preview.already_imported:
        return tx("network.batch.state_already")
    if not preview.n_new:
        return tx("network.batch.state_nothing_new")
    return tx("network.batch.state_ready")


def batch_row(outcome: FileOutcome, tx: Translator) -> BatchRow:
    """A file as a row of the combined preview."""
    state = state_text(outcome, tx)
    if outcome.preview is None:
        return BatchRow(outcome.path.name, "", "", "", "", "", "", state)
    preview = outcome.preview
    return BatchRow(
        outcome.path.name, unit_text(preview.sender_unit, tx), scope_names(outcome),
        str(_sum(outcome, "created") + _sum(outcome, "restored")), str(_sum(outcome, "changed")),
        str(_sum(outcome, "deleted")), str(len(preview.new_conflicts)), state,
    )


def refused_lines(outcomes: list[FileOutcome], tx: Translator) -> list[str]:
    """Each refused file with its reason, in the user's language."""
    return [
        tx("network.batch.refused_line", name=o.path.name, reason=o.error.message(tx))
        for o in outcomes if o.error is not None
    ]


def importable(outcomes: list[FileOutcome]) -> list[FileOutcome]:
    """The files that would change something here."""
    return [o for o in outcomes if o.preview is not None and can_apply(o.preview)]


def summary_text(outcomes: list[FileOutcome], tx: Translator) -> str:
    """Before the import: how many files, how many are ready with how many new changes, how
    many are refused, duplicates or with nothing new, and what Enter does."""
    ready = importable(outcomes)
    parts = [tx("network.batch.summary_files", count=len(outcomes))]
    parts.append(tx("network.batch.summary_ready", count=len(ready),
                    changes=sum(o.preview.n_new for o in ready if o.preview)))
    refused = sum(1 for o in outcomes if o.error is not None)
    duplicates = sum(1 for o in outcomes if o.duplicate_of is not None)
    unchanged = sum(1 for o in outcomes if o.preview is not None and o not in ready)
    for key, count in (("refused", refused), ("duplicates", duplicates),
                       ("unchanged", unchanged)):
        if count:
            parts.append(tx(f"network.batch.summary_{key}", count=count))
    text = " · ".join(parts)
    action = "network.batch.press_enter" if ready else "network.batch.nothing_to_import"
    return f"{text}. {tx(action)}"


def result_text(outcomes: list[FileOutcome], tx: Translator) -> str:
    """After the import: files and changes imported, and files refused on the way."""
    done = [o for o in outcomes if o.preview is not None and o.preview.applied]
    text = tx("network.batch.imported", count=len(done),
              changes=sum(o.preview.n_new for o in done if o.preview))
    refused = sum(1 for o in outcomes if o.error is not None)
    if refused:
        text = f"{text} {tx('network.batch.imported_refused', count=refused)}"
    return text
