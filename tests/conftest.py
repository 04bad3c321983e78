"""Shared fixtures: every test runs with its own data and config folders."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# the parsed language catalogs (read when the app's modules are imported, before any fixture)
os.environ["TAVLE_CACHE_DIR"] = tempfile.mkdtemp(prefix="tavle-cache-")
atexit.register(shutil.rmtree, os.environ["TAVLE_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Point Tavle's data and config folders at fresh temporary folders.

    No test may read or write the real user's database, settings or credential store: secrets
    go to the per-user file in the test's config folder (`core.secrets`, `TAVLE_KEYRING`).
    """
    root: Path = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("TAVLE_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("TAVLE_CONFIG_DIR", str(root / "config"))
    monkeypatch.setenv("TAVLE_KEYRING", "file")
    # never the real Downloads folder; not made, so the file picker opens in Documents
    monkeypatch.setenv("TAVLE_DOWNLOADS_DIR", str(root / "downloads"))


def _hypothesis_profiles() -> None:
    """`HYPOTHESIS_PROFILE=ci` (set by .ci/run) keeps property tests well inside CI's time;
    `slow` is run by hand (README, "For developers"): long sync histories of 5,000 operations."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", max_examples=200, deadline=None)
    settings.register_profile("dev", max_examples=100, deadline=None)
    settings.register_profile("slow", max_examples=500, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


_hypothesis_profiles()
