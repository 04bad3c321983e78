"""The offline installer's two scripts, loaded from packaging/windows/ (they are no package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

FOLDER = Path(__file__).resolve().parents[2] / "packaging" / "windows"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"tavle_windows_{name}", FOLDER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
