"""Round trip: an action plan exported as xlsx or CSV, in any language, reads back by the
plan's importer as the same records (property test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.i18n import LANGUAGES, Translator
from core.models import ActionStatus
from core.plan.actions import TEXT_FIELDS, PlanRow
from core.plan.excel import export_plan, read_plan_file

TODAY = dt.date(2026, 11, 24)

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                max_size=40).map(str.strip)
rows = st.lists(st.builds(
    PlanRow, id=st.just("x"), change=texts.filter(bool), responsible=texts, effect=texts,
    how=texts, deadline=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    status=st.sampled_from(ActionStatus), order=st.just("a")), min_size=1, max_size=12)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", LANGUAGES)
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=rows)
def test_an_exported_plan_imports_as_the_same_records(
    tmp_path: Path, suffix: str, lang: str, plan: list[PlanRow]
) -> None:
    path = tmp_path / f"plan{suffix}"
    assert export_plan(plan, path, Translator(lang)) == len(plan)
    preview = read_plan_file(path, TODAY)
    assert not preview.problems
    assert all(row.ok for row in preview.rows), [row.problems for row in preview.rows]
    found = [row.values for row in preview.rows]
    expected = [{**{name: getattr(row, name) for name in TEXT_FIELDS}, "status": row.status,
                 **({"deadline": row.deadline} if row.deadline else {})} for row in plan]
    assert found == expected
