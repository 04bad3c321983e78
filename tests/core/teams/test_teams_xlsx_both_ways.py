"""Team key figures both ways through Excel: an export imports unchanged (xlsx and CSV), a back
office's own xlsx (title row, Norwegian headings, Excel dates, weeks as columns, a formula
error) imports as expected, and a team's capacity plan is a table of numbers."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.models.measure import Frequency
from core.teams import capacity, key_figures
from core.teams import excel as team_excel
from core.teams import organisation as teams
from core.teams.figures import period_for, put_value, shift_week
from core.values.sheets import Kind, read_sheets, write_tables

DA = Translator("da")
NB = Translator("nb")
TODAY = dt.date(2026, 11, 24)
TEAMS = ("Team Nord", "Team Syd")


def _org(store: Store, tr: Translator = DA) -> tuple[str, dict[str, str]]:
    org_id = teams.create_organisation(store, "Hjemmeplejen", tr).id
    log = UndoLog(store)
    ids = {name: teams.add_team(log, org_id, name).id for name in TEAMS}
    key_figures.add_figure(log, org_id, name="Klager", frequency=Frequency.MONTHLY)
    return org_id, ids


def _records(store: Store, org_id: str) -> dict[tuple[str, str, str], tuple[float, float | None]]:
    """Every live value by (team name, figure name, period): (value, base)."""
    rows = store.query(
        "SELECT t.name AS team, k.name AS figure, f.period, f.value, f.denominator "
        "FROM team_figures f JOIN teams t ON t.id = f.team_id JOIN key_figures k "
        "ON k.id = f.figure WHERE f.org_id = ? AND f._exists", [org_id])
    return {(r["team"], r["figure"], r["period"]): (r["value"], r["denominator"]) for r in rows}


def _excel(value: float) -> float:
    """A number as Excel keeps it: 15 significant digits (what a user types or a back office's
    file holds; xlsxwriter writes 16, so a float of 17 digits would come back changed)."""
    return float(f"{value:.15g}")


VALUES = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(_excel)
BASES = st.none() | st.floats(min_value=0.001, max_value=1e5).map(_excel)
ENTRIES = st.lists(st.tuples(st.sampled_from(TEAMS), st.integers(0, 8), st.integers(0, 110),
                             VALUES, BASES), min_size=1, max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=ENTRIES, lang=st.sampled_from(["da", "nb", "en"]),
       suffix=st.sampled_from([".xlsx", ".csv"]))
def test_an_export_imports_unchanged(entries: list[tuple[str, int, int, float, float | None]],
                                     lang: str, suffix: str) -> None:
    if suffix == ".csv" and lang == "en":
        lang = "da"  # "1.234" in an English CSV may mean 1234: Danish and Norwegian CSV only
    tr = Translator(lang)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "ud.db")
        org_id, ids = _org(store)
        log = UndoLog(store)
        catalogue = key_figures.figures(store, org_id)
        for team, figure_at, weeks, value, base in entries:
            figure = catalogue[figure_at]
            period = period_for(figure, shift_week("2025-W01", weeks))
            put_value(log, org_id, ids[team], figure.id, period, value, base)
        written = _records(store, org_id)
        tables = team_excel.key_figures_tables(store, org_id, tr)
        assert len(tables[0].rows) == len(written)
        path = Path(folder) / f"tal{suffix}"
        write_tables(path, tables if suffix == ".xlsx" else tables[:1], tr)

        preview = team_excel.read_team_file(path, store, org_id, TODAY)
        assert not preview.refused
        assert [row.status for row in preview.rows] == ["unchanged"] * len(written)

        other = Store.open(Path(folder) / "ind.db")
        other_org, _ = _org(other)
        into = team_excel.read_team_file(path, other, other_org, TODAY)
        assert into.count("new") == len(written)
        team_excel.apply_team_import(UndoLog(other), other_org, into)
        assert _records(other, other_org) == written
        other.close()
        store.close()


def test_the_periods_sheet_has_a_column_per_period_and_imports_too(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "bred.db")
    org_id, ids = _org(store)
    log = UndoLog(store)
    catalogue = key_figures.figures(store, org_id)
    sick, complaints = catalogue[0], catalogue[-1]
    put_value(log, org_id, ids["Team Nord"], sick.id, "2026-W47", 4.5, 120)
    put_value(log, org_id, ids["Team Nord"], sick.id, "2026-W45", 3.9)
    put_value(log, org_id, ids["Team Syd"], complaints.id, "2026-11", 2)
    long, wide = team_excel.key_figures_tables(store, org_id, DA)
    assert [c.heading for c in long.columns] == ["Team", "Periode", "Nøgletal", "Værdi",
                                                 "Nævner"]
    assert long.rows[0] == ("Team Nord", "uge 45 2026", "Sygefravær", 3.9, None)
    assert [c.heading for c in wide.columns] == ["Team", "Nøgletal", "november 2026",
                                                 "uge 45 2026", "uge 47 2026"]
    assert wide.columns[2].kind is Kind.NUMBER
    assert list(wide.rows) == [("Team Nord", "Sygefravær", None, 3.9, 4.5),
                               ("Team Syd", "Klager", 2, None, None)]
    path = tmp_path / "bred.xlsx"
    write_tables(path, [wide], DA)
    preview = team_excel.read_team_file(path, store, org_id, TODAY)
    assert [row.status for row in preview.rows] == ["unchanged"] * 3


def test_a_back_office_xlsx_with_dates_as_weeks_and_a_formula_error(tmp_path: Path) -> None:
    import xlsxwriter

    store = Store.open(tmp_path / "bo.db")
    org_id, _ = _org(store, NB)
    path = tmp_path / "nøkkeltall.xlsx"
    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    book.add_worksheet("Forside").write_string(0, 0, "Rapport fra økonomiavdelingen")
    sheet = book.add_worksheet("Uke")
    sheet.write_string(0, 0, "Nøkkeltall per uke, hjemmetjenesten")
    sheet.write_row(2, 0, ["Team", "Nøkkeltall"])
    for column, monday in enumerate((dt.date(2026, 11, 2), dt.date(2026, 11, 9),
                                     dt.datetime(2026, 11, 16)), start=2):
        sheet.write_datetime(2, column, monday, day)
    sheet.write_row(3, 0, ["Team Nord", "Sykefravær", 4.5])
    sheet.write_formula(3, 3, "=1/0", None, "#DIV/0!")
    sheet.write_number(3, 4, 3.9)
    sheet.write_row(4, 0, ["team syd", "sykefravær", "4,2", 5])
    sheet.write_row(5, 0, ["Team Vest", "Sykefravær", 1])
    book.close()

    preview = team_excel.read_team_file(path, store, org_id, TODAY)
    assert not preview.refused
    assert [(row.line, row.team_name, row.period, row.value, row.status)
            for row in preview.rows] == [
        (4, "Team Nord", "2026-W45", 4.5, "new"), (4, "Team Nord", None, None, "refused"),
        (4, "Team Nord", "2026-W47", 3.9, "new"), (5, "team syd", "2026-W45", 4.2, "new"),
        (5, "team syd", "2026-W46", 5.0, "new"), (6, "Team Vest", "2026-W45", 1.0, "unknown")]
    problem = preview.rows[1].problem
    assert problem is not None and problem.key == "values.sheet.formula_error"
    message = problem.message(NB)
    assert "D4" in message and "#DIV/0!" in message and "Uke" in message
    assert preview.unknown_teams == ["Team Vest"]
    assert team_excel.apply_team_import(UndoLog(store), org_id, preview) == 4


def test_a_long_xlsx_with_excel_dates_and_a_formula_error_refuses_that_row(
        tmp_path: Path) -> None:
    import xlsxwriter

    store = Store.open(tmp_path / "lang.db")
    org_id, _ = _org(store)
    path = tmp_path / "lang.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    day = book.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(0, 0, ["Hold", "Uge", "Nøgletal", "Antal", "Grundlag"])
    sheet.write_row(1, 0, ["Team Nord", None, "Klager", 3])
    sheet.write_datetime(1, 1, dt.date(2026, 11, 20), day)  # a monthly figure: its month
    sheet.write_row(2, 0, ["Team Syd", "uge 47 2026", "Sygefravær"])
    sheet.write_formula(2, 3, "=A1/0", None, "#DIV/0!")
    sheet.write_row(3, 0, ["Team Syd", 46, "Sygefravær", 6.25, 320])
    book.close()
    preview = team_excel.read_team_file(path, store, org_id, TODAY)
    assert [(row.line, row.period, row.value, row.base, row.status)
            for row in preview.rows] == [(2, "2026-11", 3.0, None, "new"),
                                         (3, None, None, None, "refused"),
                                         (4, "2026-W46", 6.25, 320.0, "new")]
    problem = preview.rows[1].problem
    assert problem is not None and "D3" in problem.message(DA)


def test_the_capacity_plan_as_a_table_of_numbers(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kap.db")
    org_id, ids = _org(store)
    log = UndoLog(store)
    nurse = teams.professions(store, org_id)[0]
    weeks = capacity.coming_weeks(TODAY, 3)
    team = ids["Team Nord"]
    capacity.set_hours(log, org_id, team, nurse.id, weeks[0], "hours_needed", "100")
    capacity.set_hours(log, org_id, team, nurse.id, weeks[0], "hours_available", "87,5")
    capacity.set_hours(log, org_id, team, nurse.id, weeks[0], "temp_hours", "4")
    capacity.set_hours(log, org_id, team, nurse.id, weeks[1], "hours_lent", "0")
    table = team_excel.capacity_table(store, org_id, team, weeks, DA)
    assert table.name == "Kapacitet for Team Nord"
    assert [c.heading for c in table.columns][2:] == ["uge 48 2026", "uge 49 2026",
                                                      "uge 50 2026"]
    assert all(c.kind is Kind.NUMBER for c in table.columns[2:])
    rows = [row for row in table.rows if row[0] == nurse.name]
    assert [row[1] for row in rows] == ["Balance", "Behov", "Til rådighed", "Udlånt", "Lånt",
                                        "Vikartimer"]
    assert rows[0][2:] == (-8.5, None, None)
    assert rows[1][2:] == (100.0, None, None)
    assert rows[2][2:] == (87.5, None, None)
    assert rows[3][2:] == (None, None, None)  # lent 0: empty, as the grid shows it
    assert rows[5][2:] == (4.0, None, None)
    path = tmp_path / "kapacitet.xlsx"
    write_tables(path, [table], DA)
    [sheet] = read_sheets(path)
    assert sheet.rows[1][2] == -8.5


@pytest.mark.parametrize("lang", ["da", "nb", "en"])
def test_the_export_headings_are_what_the_import_reads(lang: str) -> None:
    tr = Translator(lang)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "h.db")
        org_id, _ = _org(store)
        long, _wide = team_excel.key_figures_tables(store, org_id, tr)
        lines = [[column.heading for column in long.columns]]
        recognise = team_excel._recogniser()
        assert [recognise(cell) for cell in lines[0]] == [*team_excel.COLUMNS,
                                                          team_excel.OPTIONAL]
        store.close()
