"""The closing report names every change the project made, grouped by its decision, with who
carries it into normal operation and the note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.closing import decisions as closing
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.i18n import Translator
from core.models import ClosingChoice
from core.reports.files import make_report
from tests.core.reports.reports_parse import parse

TODAY = dt.date(2026, 11, 24)


def test_the_closing_report_groups_every_change_by_its_decision(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    [project_id] = [row["id"] for row in store.query("SELECT id FROM projects")]
    items = closing.closing_items(store, project_id)
    by_kind = {item.kind: item for item in reversed(items)}  # the first of each kind
    log = UndoLog(store)
    closing.decide(log, project_id, by_kind["action"], ClosingChoice.CONTINUE,
                   responsible="Lars Berg", note="Fast punkt på teammødet", today=TODAY)
    closing.decide(log, project_id, by_kind["cycle"], ClosingChoice.DEVELOP,
                   responsible="Sara Olsen", today=TODAY)
    closing.decide(log, project_id, by_kind["card"], ClosingChoice.CANCEL, today=TODAY)
    items = closing.closing_items(store, project_id)
    page = parse(make_report(store, "closing", project_id, fmt="html", lang="da",
                             today=TODAY).text)
    tables = {name: rows for name, rows in page.tables.items()
              if name.startswith("decisions-")}
    assert list(tables) == ["decisions-continue", "decisions-develop", "decisions-cancel",
                            "decisions-undecided"]
    assert tables["decisions-continue"][0] == [
        "Hvad", "Emne", "Ansvarlig", "Besluttet den", "Note"]
    assert tables["decisions-continue"][1:] == [[
        "Handlingsplan", by_kind["action"].subject, "Lars Berg", "24-11-2026",
        "Fast punkt på teammødet"]]
    assert tables["decisions-develop"][1][:3] == [
        "PDSA-afprøvning 1", by_kind["cycle"].subject, "Sara Olsen"]
    assert tables["decisions-cancel"][1][:2] == [
        by_kind["card"].kind_text(Translator("da")), by_kind["card"].subject]
    assert len(tables["decisions-undecided"]) - 1 == len(items) - 3
    captions = [c.text for c in page.find("caption")]
    assert "Fortsætter som standard (1)" in captions
    assert f"Endnu ikke besluttet ({len(items) - 3})" in captions
    # every change is named once, by its label, under its decision
    listed = [row[1] for rows in tables.values() for row in rows[1:]]
    assert sorted(listed) == sorted(item.subject for item in items)
    assert not any(item.ref_id in page.section_text["decisions"] for item in items)
    md = make_report(store, "closing", project_id, fmt="md", lang="en", today=TODAY).text
    assert "**Continues as standard (1)**" in md and "**Cancelled (1)**" in md
    assert "| Action plan |" in md and "Lars Berg" in md
    store.close()
