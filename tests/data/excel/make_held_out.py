"""Make the held-out table files as Danish and Norwegian Excel users keep them (run by hand:
`python tests/data/excel/make_held_out.py`; the files are committed, and the tests read only
them). Not Tavle's writer: shared strings, a guide sheet first, a title row, Excel's own date
formats, formulas with their cached results, a formula error, numbers where text is expected,
UTF-16 "Unicode text"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).parent


def plan_da() -> None:
    workbook = xlsxwriter.Workbook(str(HERE / "handlingsplan_da.xlsx"))
    guide = workbook.add_worksheet("Vejledning")
    guide.write(0, 0, "Udfyld arket Handlingsplan. Én række pr. tiltag.")
    sheet = workbook.add_worksheet("Handlingsplan")
    title = workbook.add_format({"bold": True, "font_size": 14})
    long_date = workbook.add_format({"num_format": "d. mmm yyyy"})
    short_date = workbook.add_format({"num_format": "dd-mm-yyyy"})
    sheet.merge_range(0, 0, 0, 5, "Handlingsplan – Hurtigere afklaring", title)
    sheet.write_row(2, 0, ["Tiltag", "Ansvarlig", "Forventet effekt", "Hvordan", "Deadline",
                           "Status"])
    sheet.write_row(3, 0, ["Ringe til borgere", "Mette", "Færre genindlæggelser", "Telefon"])
    sheet.write_datetime(3, 4, dt.datetime(2026, 8, 17), long_date)
    sheet.write(3, 5, "Afsluttet")
    sheet.write_row(4, 0, ["Tjekliste til første samtale", "Bo", "", ""])
    sheet.write_string(4, 4, "17. aug. 2026")
    sheet.write(4, 5, "Igang")
    # row 6 left empty, as people leave gaps
    sheet.write_row(6, 0, ["Fælles kalender", "Ida"])
    sheet.write_formula(6, 4, "=DATE(2026,9,1)", short_date, 46266)
    sheet.write(6, 5, "Ikke startet")
    sheet.write_row(7, 0, ["Opfølgning", "Ida"])
    sheet.write_formula(7, 4, "=Ark2!B7+14", short_date, "#REF!")
    sheet.write(7, 5, "I gang")
    sheet.write_string(8, 0, "=Opdater skabelon")  # text that looks like a formula
    sheet.write_number(8, 1, 12)  # a number where a name is expected
    sheet.write(8, 5, "Udført")
    workbook.close()


def plan_nb() -> None:
    workbook = xlsxwriter.Workbook(str(HERE / "tiltaksplan_nb.xlsx"))
    sheet = workbook.add_worksheet("Tiltak høst 2026")
    sheet.write_row(0, 0, ["Tiltak", "Ansvar", "Effekt", "Hvordan", "Frist", "Status"])
    sheet.write_row(1, 0, ["Felles inntakssamtale", "Kari", "Kortere ventetid", "Møte"])
    sheet.write_number(1, 4, 46251)  # a serial date without a date format
    sheet.write(1, 5, "Pågår")
    sheet.write_row(2, 0, ["Sjekkliste", "Ola", "", "", "", "Fullført"])
    sheet.write_row(3, 0, ["Ukentlig tavlemøte", "Kari", "", ""])
    sheet.write_datetime(3, 4, dt.datetime(2026, 12, 18, 0, 0),
                         workbook.add_format({"num_format": "dd.mm.yyyy"}))
    sheet.write(3, 5, "Ikke startet")
    workbook.close()


def plan_unicode_text() -> None:
    lines = ["Tiltak\tAnsvar\tFrist\tStatus", "Felles inntakssamtale\tKari\t17.08.2026\tPågår",
             "Sjekkliste\tOla\t\tFullført"]
    (HERE / "tiltaksplan_unicode.txt").write_bytes(
        "\r\n".join(lines).encode("utf-16"))


if __name__ == "__main__":
    plan_da()
    plan_nb()
    plan_unicode_text()
