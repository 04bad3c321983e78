"""Importing the back office's CSV of team figures: Danish Excel, a preview, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import TavleError
from core.i18n import Translator
from core.teams import excel as team_csv
from core.teams import figures as team_figures
from core.teams import key_figures
from core.teams import organisation as teams

DA = Translator("da")
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "csv.db")


@pytest.fixture
def org(store: Store) -> str:
    org_id = teams.create_organisation(store, "Hjemmeplejen", DA).id
    log = UndoLog(store)
    nord = teams.add_team(log, org_id, "Team Nord")
    teams.add_team(log, org_id, "Team Syd")
    sick = key_figures.figures(store, org_id)[0]
    team_figures.set_value(log, nord.id, sick, "2026-W46", "4,1")
    team_figures.set_value(log, nord.id, sick, "2026-W45", "3,9")
    return org_id


def _count(store: Store) -> int:
    return store.query("SELECT COUNT(*) AS n FROM team_figures WHERE _exists")[0]["n"]


def _write(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "tal.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


FILE = """Team;Periode;Nøgletal;Værdi
Team Nord;2026-W46;Sygefravær;9,8
team nord;uge 45 2026;SYGEFRAVÆR;3,9
Team Nord;47/2026;Vikartimer;1.234,5
Team Syd;24-11-2026;Klienttid;58,2
Team Øst;2026-W46;Sygefravær;5
Team Syd;2026-W46;Sovetimer;5
Team Syd;uge 99 2026;Sygefravær;5
Team Syd;2026-W45;Overarbejde;
"""


def test_preview_lists_new_changed_unchanged_unknown_and_refused(store: Store, org: str,
                                                                 tmp_path: Path) -> None:
    preview = team_csv.read_team_file(_write(tmp_path, FILE), store, org, TODAY)
    assert not preview.refused
    statuses = [(row.line, row.status) for row in preview.rows]
    assert statuses == [(2, "changed"), (3, "unchanged"), (4, "new"), (5, "new"),
                        (6, "unknown"), (7, "unknown"), (8, "refused"), (9, "refused")]
    rows = {row.line: row for row in preview.rows}
    assert (rows[2].old, rows[2].value) == (4.1, 9.8)
    assert rows[4].period == "2026-W47" and rows[4].value == 1234.5
    assert rows[5].period == "2026-W48"
    assert preview.unknown_teams == ["Team Øst"] and preview.unknown_figures == ["Sovetimer"]
    assert rows[8].problem is not None and "99" in rows[8].problem.message(DA)
    before = _count(store)
    log = UndoLog(store)
    assert team_csv.apply_team_import(log, org, preview) == 3
    assert _count(store) == before + 2
    assert {t.name for t in teams.team_summaries(store, org)} == {"Team Nord", "Team Syd"}
    log.undo()  # one step
    assert _count(store) == before


def test_cp1252_without_headers_and_tabs_or_commas(store: Store, org: str,
                                                    tmp_path: Path) -> None:
    text = "Team Syd;2026-W40;Sygefravær;6,5\nTeam Syd;2026-W41;Sygefravær;7\n"
    preview = team_csv.read_team_file(_write(tmp_path, text, "cp1252"), store, org, TODAY)
    assert [row.status for row in preview.rows] == ["new", "new"]
    assert preview.rows[0].figure is not None and preview.rows[0].figure.name == "Sygefravær"
    tabbed = team_csv.parse_team_csv("team\tweek\tfigure\tvalue\nTeam Syd\t2026-W40\t"
                                     "sick_leave_pct\t6.5\n", store, org, TODAY)
    assert [row.value for row in tabbed.rows] == [6.5]


def test_a_duplicate_row_refuses_the_file_and_names_the_lines(store: Store, org: str,
                                                              tmp_path: Path) -> None:
    text = FILE + "Team Syd;uge 48 2026;klienttid;60\n"
    preview = team_csv.read_team_file(_write(tmp_path, text), store, org, TODAY)
    assert preview.refused and preview.to_write == []
    [problem] = preview.problems
    message = problem.message(DA)
    assert "Linje 5, 10" in message and "intet er importeret" in message
    before = store.query("SELECT COUNT(*) AS n FROM sync_change")[0]["n"]
    assert team_csv.apply_team_import(UndoLog(store), org, preview) == 0
    assert store.query("SELECT COUNT(*) AS n FROM sync_change")[0]["n"] == before


def test_unreadable_files(store: Store, org: str, tmp_path: Path) -> None:
    with pytest.raises(TavleError) as error:
        team_csv.read_team_file(tmp_path / "missing.csv", store, org, TODAY)
    assert "missing.csv" in error.value.message(DA)
    assert team_csv.parse_team_csv("Team;Periode;Nøgletal;Værdi\n", store, org, TODAY).refused
    damaged = team_csv.parse_team_csv('Team Syd;"2026-W40;Sygefravær;6\n', store, org, TODAY)
    assert damaged.refused
