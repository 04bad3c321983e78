"""Norwegian (bokmål): dates, weeks and numbers the Norwegian way, the method's Norwegian words,
Norwegian input to the date, period and duration parsers, and PGEK as a new project's default."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from core.db.store import Store
from core.i18n import LANGUAGES, Translator
from core.kaizen import cycles
from core.models import ActionStatus, CycleName, Frequency
from core.plan.excel import parse_plan_csv
from core.project import projects
from core.values.days import parse_deadline
from core.values.durations import parse_duration
from core.values.periods import period_label, read_period

TODAY = dt.date(2026, 11, 24)  # a Tuesday in ISO week 48


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "x.db")
    yield opened
    opened.close()


def test_norwegian_is_a_language_of_the_app() -> None:
    assert "nb" in LANGUAGES
    assert Translator("nb").lang == "nb"
    assert {Translator(lang)("lang.nb") for lang in LANGUAGES} == {"Norsk (bokmål)"}


def test_norwegian_dates_weeks_and_numbers() -> None:
    tr = Translator("nb")
    assert tr.date(dt.date(2026, 11, 24)) == "24.11.2026"
    assert tr.datetime(dt.datetime(2026, 11, 24, 9, 5)) == "24.11.2026 09:05"
    assert tr.week(2026, 47) == "uke 47 2026"
    assert tr.number(1234.5) == "1\u00a0234,5"
    assert tr.number(-1234.5) == "-1\u00a0234,5"
    assert tr.number(1234567) == "1\u00a0234\u00a0567"
    assert tr.number(0.125, decimals=3) == "0,125"
    assert tr.percent(0.125) == "12,5 %"
    assert period_label("2026-W47", tr) == "uke 47 2026"
    assert period_label("2026-05", tr) == "mai 2026"


def test_the_methods_norwegian_words() -> None:
    tr = Translator("nb")
    assert tr("phase.before_start.product") == "Prosjektmandat"
    assert tr("phase.current_workflow.name") == "Arbeidsprosess i dag"
    assert tr("phase.test.name") == "Utprøving"
    assert tr("action_plan.title") == "Handlingsplan"
    assert [tr(f"field.{f}") for f in ("change", "responsible", "effect", "how", "deadline")] == [
        "Endring/oppgave", "Ansvarlig", "Effekt", "Hvordan", "Frist",
    ]
    assert tr("board.title") == "Forbedringstavle"
    assert tr("meeting.title") == "Forbedringsmøter"
    assert tr("enum.group.steering") == "Styringsgruppe"
    assert tr("enum.benefit_status.realised") == "Realisert"
    assert tr("network.title") == "Læringsnettverk"
    assert tr("measures.help").startswith("Tidstro data")
    assert tr("card.plan") + tr("card.do") + tr("card.study") + tr("card.act") == (
        "Planlegge" "Gjennomføre" "Evaluere" "Korrigere"
    )


# Words that give away Danish left in the Norwegian catalog (each has a Norwegian spelling).
DANISH = re.compile(
    r"(?i)\b(projekt(?!or)\w*|afprøv\w*|fortryd\w*|endnu|kommissori\w*|styregrupp\w*|arbejd\w*|"
    r"nøgletal\w*|borger\w*|hvad|hvornår|af|uge|uger|ugens|mellem|sådan|tilføj\w*|gem|gemt|"
    r"gemmer|kassér|række\w*|rækker|findes|læses|dage|intet|noget|fx|tjek\w*|slet|omdøb\w*|"
    r"vælg|ændr\w*|afslut\w*|opret\w*|søg|spørgsmål|hjælp\w*|skærm\w*|næste|tryk|studér|"
    r"udfør\w*|planlæg\w*|oplæg\w*|netværk\w*)\b"
)


def test_the_norwegian_catalog_holds_no_danish_words() -> None:
    folder = resources.files("core.locales").joinpath("nb")
    leftovers = []
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            for key, text in _flat(tomllib.loads(entry.read_text("utf-8"))).items():
                leftovers += [f"{entry.name} {key}: {m}" for m in DANISH.findall(text)]
    assert not leftovers
    # and the check would catch one
    assert DANISH.search("Tryk a for at tilføje en række")


def _flat(table: dict[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


# -- Norwegian input ------------------------------------------------------------------------


def test_deadlines_typed_in_norwegian() -> None:
    assert parse_deadline("24.12.2026", TODAY) == dt.date(2026, 12, 24)
    assert parse_deadline("uke 52", TODAY) == dt.date(2026, 12, 25)
    assert parse_deadline("+2 uker", TODAY) == TODAY + dt.timedelta(days=14)
    assert parse_deadline("+3 dager", TODAY) == TODAY + dt.timedelta(days=3)
    assert parse_deadline("fredag", TODAY) == dt.date(2026, 11, 27)
    assert parse_deadline("i morgen", TODAY) == dt.date(2026, 11, 25)


def test_periods_typed_in_norwegian() -> None:
    assert read_period("uke 47 2026", Frequency.WEEKLY, TODAY) == "2026-W47"
    assert read_period("mai 2026", Frequency.MONTHLY, TODAY) == "2026-05"
    assert read_period("mars 2026", Frequency.MONTHLY, TODAY) == "2026-03"
    assert read_period("des 2026", Frequency.MONTHLY, TODAY) == "2026-12"
    assert read_period("desember 2026", Frequency.MONTHLY, TODAY) == "2026-12"


def test_durations_typed_in_norwegian() -> None:
    day, week = 24 * 60, 7 * 24 * 60
    assert parse_duration("3 dager").low == 3 * day
    assert parse_duration("2 uker").low == 2 * week
    assert parse_duration("1 uke 30 minutter").low == week + 30


def test_an_action_plan_csv_with_norwegian_headings_is_read() -> None:
    tr = Translator("nb")
    head = ";".join(tr(f"field.{f}") for f in
                    ("change", "responsible", "effect", "how", "deadline", "status"))
    preview = parse_plan_csv(f"{head}\nRing brukeren;Kari;Raskere;Telefon;24.12.2026;Avbrutt\n",
                             TODAY)
    [row] = preview.good
    assert row.values == {
        "change": "Ring brukeren", "responsible": "Kari", "effect": "Raskere",
        "how": "Telefon", "deadline": dt.date(2026, 12, 24), "status": ActionStatus.CANCELLED,
    }


# -- PGEK by default ------------------------------------------------------------------------


def test_a_project_created_in_norwegian_calls_its_cycles_pgek(store: Store) -> None:
    assert projects.default_cycle_name("nb") is CycleName.PGEK
    assert projects.default_cycle_name("da") is CycleName.PDSA
    assert projects.default_cycle_name("en") is CycleName.PDSA
    norwegian = projects.create_project(store, "Færre fall", cycle_name=CycleName.PGEK)
    danish = projects.create_project(store, "Færre fald")
    assert projects.get_project(store, norwegian.id).cycle_name is CycleName.PGEK
    assert projects.get_project(store, danish.id).cycle_name is CycleName.PDSA
    tr = Translator("nb")
    assert cycles.title(tr, CycleName.PGEK, 2) == "PGEK 2"
    assert cycles.title(tr, CycleName.PDSA, 2) == "PDSA-syklus 2"
