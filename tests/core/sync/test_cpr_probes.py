"""End to end: a personal number typed into a text field in each written form, then left,
edited away or deleted with its record, checked in every file Tavle writes from a project (the
project file full and delta, a status report, the action plan's CSV) and in the database."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.models import Action
from core.plan.actions import load_plan
from core.plan.excel import export_plan
from core.project import projects
from core.reports.files import make_report, report_hits
from core.sync import cpr_guard
from core.sync.exporter import outgoing_file

TODAY = dt.date(2026, 11, 24)
TX = Translator("da")
WRITTEN = [
    "010190-1239", "0101901239", "01.01.90-1239", "01 01 90 1239", "010190\u20111239",
    "01\u200b0190-1239", "０１０１９０－１２３９", "010190\n1239", "150387-12486", "15.03.87 12486",
]
"""CPR numbers and a fødselsnummer as people write them (each with a real date)."""


FULL_WIDTH = {0xFF10 + d: str(d) for d in range(10)}


def _serial_gone(text: str, written: str) -> bool:
    """Whether the written number's digits are nowhere in `text`, read as digits only (a digit
    run of a file's ids matching ten or eleven given digits by chance is one in billions)."""
    def digits(value: str) -> str:
        return re.sub(r"\D", "", value.translate(FULL_WIDTH))

    return digits(written) not in digits(text)


def _files(store: Store, project_id: str, tmp_path: Path) -> dict[str, str]:
    """The text of each file Tavle writes from the project."""
    full = outgoing_file(store, project_id, full=True)
    delta = outgoing_file(store, project_id)
    report = make_report(store, "status", project_id, fmt="md", lang="da", today=TODAY)
    csv_path = tmp_path / "plan.csv"
    export_plan(load_plan(store, project_id), csv_path, TX)
    return {
        "full": "\n".join([json.dumps(full.manifest), *full.lines]),
        "delta": "\n".join([json.dumps(delta.manifest), *delta.lines]),
        "report": report.text,
        "csv": csv_path.read_text(encoding="utf-8-sig"),
    }


@pytest.fixture
def typed(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Store, str, str, str]:
    written = request.param
    store = Store.open(tmp_path / "unit.db", fingerprint="Nord")
    project = projects.create_project(store, "Sygefravær", unit="Nord")
    with store.transaction():
        action = changelog.create(store, Action(project_id=project.id, change="Samtale",
                                                how=f"Ring til {written} i morgen"))
    return store, project.id, action.id, written


@pytest.mark.parametrize("typed", WRITTEN, indirect=True)
def test_left_there_every_file_that_holds_it_is_stopped(typed: tuple[Store, str, str, str],
                                                        tmp_path: Path) -> None:
    store, project_id, _action_id, written = typed
    files = _files(store, project_id, tmp_path)
    assert cpr_guard.scan_export(store, project_id, full=True)
    assert cpr_guard.scan_export(store, project_id)
    assert not _serial_gone(files["csv"], written)
    [csv_hit] = cpr_guard.scan_outgoing(store, project_id, [("CSV", files["csv"])], TX)
    assert csv_hit.editable and csv_hit.field == "how"
    made = make_report(store, "status", project_id, fmt="md", lang="da", today=TODAY)
    if not _serial_gone(made.text, written):  # the status report shows it: stopped too
        assert report_hits(store, made, TX)


@pytest.mark.parametrize("typed", WRITTEN, indirect=True)
def test_edited_away_no_file_and_no_table_holds_it(typed: tuple[Store, str, str, str],
                                                   tmp_path: Path) -> None:
    store, project_id, _action_id, written = typed
    [hit] = cpr_guard.scan_export(store, project_id, full=True)
    cpr_guard.fix_hit(UndoLog(store), hit, "Ring til borgeren i morgen")
    assert cpr_guard.scan_export(store, project_id, full=True) == []
    for name, text in _files(store, project_id, tmp_path).items():
        assert _serial_gone(text, written), name
    assert _serial_gone("\n".join(store.conn.iterdump()), written)


@pytest.mark.parametrize("typed", WRITTEN, indirect=True)
def test_deleted_and_taken_out_no_file_and_no_table_holds_it(
    typed: tuple[Store, str, str, str], tmp_path: Path,
) -> None:
    store, project_id, action_id, written = typed
    with store.transaction():
        changelog.delete(store, Action, action_id)
    [hit] = cpr_guard.scan_export(store, project_id, full=True)
    assert hit.redactable
    cpr_guard.redact_hit(store, hit)
    assert cpr_guard.scan_export(store, project_id, full=True) == []
    for name, text in _files(store, project_id, tmp_path).items():
        assert _serial_gone(text, written), name
    assert _serial_gone("\n".join(store.conn.iterdump()), written)
