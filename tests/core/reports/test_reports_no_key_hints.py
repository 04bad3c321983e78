"""What leaves the screen speaks to its readers: no report (status, closing, portfolio; HTML and
Markdown), no meeting's minutes and no catalog text a report or presentation page is made of
tells a key to press, in Danish, English or bokmål (issue 24)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from core.db.store import Store
from core.demo.build import open_demo
from core.i18n import LANGUAGES, Translator, catalog
from core.kaizen.meetings import minutes_markdown
from core.project import projects
from core.reports.files import make_report
from core.reports.model import FORMATS, KINDS
from tests.core.reports.key_hints import key_hints

TODAY = dt.date(2026, 11, 24)
ON_SCREEN = ("reports.dialog.", "reports.cli.", "reports.keys.", "reports.error.",
             "reports.written", "presentation.nav", "presentation.help", "presentation.keys.")
"""Catalog texts under the report and presentation keys that stay on the screen (the dialog,
the command line, the navigation line and the key names): they may name keys."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, list[str]]]:
    """The demo with an empty project beside it (where the texts for what is missing show)."""
    store = open_demo(tmp_path_factory.mktemp("hints") / "demo.db", today=TODAY)
    (project_id,) = [row["id"] for row in store.query("SELECT id FROM projects WHERE _exists")]
    empty = projects.create_project(store, "Tomt projekt")
    yield store, [project_id, empty.id]
    store.close()


def test_the_hint_patterns_find_key_hints() -> None:
    for text in ("Diagrammet har kun målet endnu – tryk a for at tilføje den første primære "
                 "driver.", "Ingen gevinster registreret endnu. Tilføj dem med G på projektet.",
                 "Tegn dem med g og d på projektet.", "Skriv det i projektkommissoriet (k).",
                 "press k on the project", "trykk a", "gem med ctrl+s", "Start en (b på "
                 "projektet).", "Enter skriver rapporten", "Vis tallene (v)"):
        assert key_hints(text) == [text], text
    for text in ("Jobcenter Nord", "Dokumenteres af", "▲ Signal – bedre (I-kort)",
                 "Arbejdet med stress og angst", "1,3 mio. kr. (dokumenteret af »Dage«)",
                 "med 2 dage", "with a signal"):
        assert key_hints(text) == [], text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_report_names_a_key(demo: tuple[Store, list[str]], lang: str) -> None:
    store, project_ids = demo
    found = []
    for project_id in project_ids:
        for kind in KINDS:
            for fmt in FORMATS:
                made = make_report(store, kind, None if kind == "portfolio" else project_id,
                                   fmt=fmt, lang=lang, today=TODAY,
                                   since=TODAY - dt.timedelta(days=28))
                found += [(kind, fmt, line) for line in key_hints(made.text)]
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_minutes_name_a_key(demo: tuple[Store, list[str]], lang: str) -> None:
    store, _ = demo
    meetings = [row["id"] for row in store.query("SELECT id FROM meetings WHERE _exists")]
    assert meetings
    found = [line for meeting_id in meetings
             for line in key_hints(minutes_markdown(store, meeting_id, Translator(lang)))]
    assert found == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_report_or_presentation_text_in_the_catalog_names_a_key(lang: str) -> None:
    texts = catalog(lang)
    found = [(key, text) for key, text in texts.items()
             if key.startswith(("reports.", "presentation.", "driver.outline_"))
             and not key.startswith(ON_SCREEN) and key_hints(text)]
    assert found == []
