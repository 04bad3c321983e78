"""Fixtures for the screens: the app on the demo database or on an empty one, in tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App

from core.db.store import Store
from core.demo.build import open_demo
from core.measures.signals import measure_status, project_measure_ids
from core.settings import Settings
from tui.app import TavleApp

DEMO_TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    store = open_demo(tmp_path / "demo.db", today=DEMO_TODAY)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "empty.db")
    yield store
    store.close()


def make_app(store: Store, **settings: str) -> TavleApp:
    """The app with the given settings (not saved to disk unless a test asks), on DEMO_TODAY."""
    return TavleApp(store, Settings(**settings), save=False, today=lambda: DEMO_TODAY)


def screen_text(app: App[None]) -> str:
    """What the user sees: every line of the current screen as drawn."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def demo_signals(store: Store) -> tuple[int, int]:
    """How many measures the demo project holds, and how many of them signal a change for the
    better (what the screens count: the demo's charts may grow without these tests changing)."""
    (project_id,) = [r["project_id"] for r in store.query(
        "SELECT DISTINCT project_id FROM measures WHERE _exists")]
    states = [measure_status(store, i) for i in project_measure_ids(store, project_id)]
    return len(states), sum(s.signal and s.direction == "better" for s in states)
