"""Team key-figure files as back offices keep them in Excel: its periods, UTF-16, weeks as
columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.models.measure import Frequency
from core.teams import excel as team_csv
from core.teams import key_figures
from core.teams import organisation as teams

DA = Translator("da")
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "excel.db")


@pytest.fixture
def org(store: Store) -> str:
    org_id = teams.create_organisation(store, "Hjemmeplejen", DA).id
    log = UndoLog(store)
    teams.add_team(log, org_id, "Team Nord")
    teams.add_team(log, org_id, "Team Syd")
    key_figures.add_figure(log, org_id, name="Klager", frequency=Frequency.MONTHLY)
    return org_id


def _read(tmp_path: Path, store: Store, org: str, data: bytes) -> team_csv.TeamImportPreview:
    path = tmp_path / "tal.csv"
    path.write_bytes(data)
    return team_csv.read_team_file(path, store, org, TODAY)


def test_the_periods_excel_writes_in_a_long_file(tmp_path: Path, store: Store, org: str) -> None:
    text = ("sep=;\r\nNøgletal fra bagkontoret\r\n\r\nTeam;Periode;Nøgletal;Værdi\r\n"
            "Team Nord;46-2026;Sygefravær;4,5\r\n"
            "Team Nord;2026 uge 45;Sygefravær;4,1\r\n"
            "Team Syd;uke 45 2026;Sygefravær;3\r\n"
            "Team Syd;2026-W44;Sygefravær;2\r\n"
            "Team Syd;nov-26;Klager;7\r\n"
            "Team Nord;nov. 2026;Klager;8\r\n")
    preview = _read(tmp_path, store, org, text.encode("cp1252"))
    assert not preview.refused
    assert [(row.line, row.status, row.period) for row in preview.rows] == [
        (5, "new", "2026-W46"), (6, "new", "2026-W45"), (7, "new", "2026-W45"),
        (8, "new", "2026-W44"), (9, "new", "2026-11"), (10, "new", "2026-11")]


def test_a_unicode_text_file_shows_no_nul_characters(tmp_path: Path, store: Store,
                                                      org: str) -> None:
    text = "Team\tPeriode\tNøgletal\tVærdi\r\nTeam Øst\tuge 45 2026\tSygefravær\t4,5\r\n"
    preview = _read(tmp_path, store, org, text.encode("utf-16"))
    assert preview.unknown_teams == ["Team Øst"]
    assert [row.status for row in preview.rows] == ["unknown"]
    assert preview.rows[0].value == 4.5


def test_weeks_as_columns(tmp_path: Path, store: Store, org: str) -> None:
    text = ("sep=;\r\nSygefravær pr. uge\r\n"
            "Team;Nøgletal;uge 44 2026;45-2026;2026-W46\r\n"
            "Team Nord;Sygefravær;4,1;;3,9\r\n"
            "Team Syd;Sygefravær;2;x;\r\n"
            ";;;;\r\n"
            "Team Vest;Sygefravær;1;;\r\n")
    preview = _read(tmp_path, store, org, text.encode("cp1252"))
    assert not preview.refused
    assert [(row.line, row.team_name, row.period, row.value, row.status)
            for row in preview.rows] == [
        (4, "Team Nord", "2026-W44", 4.1, "new"), (4, "Team Nord", "2026-W46", 3.9, "new"),
        (5, "Team Syd", "2026-W44", 2.0, "new"), (5, "Team Syd", "2026-W45", None, "refused"),
        (7, "Team Vest", "2026-W44", 1.0, "unknown")]
    assert preview.rows[3].problem is not None
    log = UndoLog(store)
    assert team_csv.apply_team_import(log, org, preview) == 3


def test_months_as_columns_for_a_monthly_figure(tmp_path: Path, store: Store, org: str) -> None:
    text = "Hold;Nøgletal;okt-26;nov-26\r\nTeam Nord;Klager;3;4\r\n"
    preview = _read(tmp_path, store, org, text.encode("utf-8-sig"))
    assert [(row.period, row.value) for row in preview.rows] == [("2026-10", 3.0),
                                                                  ("2026-11", 4.0)]


def test_a_heading_that_is_no_period_is_not_weeks_as_columns(tmp_path: Path, store: Store,
                                                              org: str) -> None:
    text = "Team;Nøgletal;Noget andet\r\nTeam Nord;Sygefravær;4\r\n"
    preview = _read(tmp_path, store, org, text.encode("utf-8"))
    # read as a file without headings (team, period, figure, value), so every line is refused
    assert [(row.line, row.status) for row in preview.rows] == [(1, "refused"), (2, "refused")]
