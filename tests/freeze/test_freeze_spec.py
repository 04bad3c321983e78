"""The frozen build's recipe (packaging/tavle.spec) names everything the packages carry that
PyInstaller cannot find by reading the imports, and builds the same on Windows.

Read as a syntax tree, not run: running it needs PyInstaller and builds for a minute
(tests/freeze/test_frozen_build.py does that, marked slow)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "tavle.spec"
PACKAGES = ("core", "tui", "migrations")
PYTHON = {".py", ".pyc", ".pyi"}


def _tree() -> ast.Module:
    return ast.parse(SPEC.read_text("utf-8"), filename=str(SPEC))


def _constant(name: str) -> object:
    """The literal value the spec assigns to `name` at its top level."""
    for node in _tree().body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"tavle.spec assigns no {name}")


def _call(name: str) -> ast.Call:
    """The spec's call of `name` (Analysis, EXE, COLLECT)."""
    for node in ast.walk(_tree()):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
            return node
    raise AssertionError(f"tavle.spec calls no {name}")


def _keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {k.arg: k.value for k in call.keywords if k.arg is not None}


def _package_data() -> set[str]:
    """Every file in the packages that is not Python, as a path relative to the repository."""
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in PYTHON:
                found.add(path.relative_to(ROOT).as_posix())
    return found


def test_every_data_file_of_the_packages_is_in_the_spec() -> None:
    data = _constant("DATA")
    assert isinstance(data, list)
    named: dict[str, str] = {}
    for pattern, target in data:
        matched = sorted(ROOT.glob(pattern))
        assert matched, f"DATA's {pattern!r} matches no file: a folder was moved or removed"
        for path in matched:
            relative = path.relative_to(ROOT).as_posix()
            folder = PurePosixPath(relative).parent
            assert folder.match(target), f"{relative} would go to {target}, not its own folder"
            named[relative] = target
    expected = _package_data()
    assert expected, "the packages carry no data: the walk above looks in the wrong place"
    assert expected <= named.keys(), (
        f"not in tavle.spec's DATA, so missing from the frozen build: "
        f"{sorted(expected - named.keys())}")
    assert {"core/locales/da/ui.toml", "core/locales/nb/ui.toml", "tui/tavle.tcss"} <= named.keys()


def test_the_catalogs_of_every_language_and_the_styles_of_every_area_are_taken() -> None:
    """A new language folder or area's .tcss is matched by the spec's globs as it is."""
    data = _constant("DATA")
    assert isinstance(data, list)
    patterns = [pattern for pattern, _ in data]
    languages = {p.name for p in (ROOT / "core" / "locales").iterdir() if p.is_dir()
                 and p.name != "__pycache__"}
    for language in languages:
        toml = f"core/locales/{language}/ui.toml"
        assert any(PurePosixPath(toml).match(pattern) for pattern in patterns), language
    assert any(PurePosixPath("tui/newarea/newarea.tcss").match(p) for p in patterns)


def test_modules_imported_by_name_are_collected_whole() -> None:
    hidden = _constant("HIDDEN_PACKAGES")
    assert isinstance(hidden, list)
    # Tavle's own screens (tui/project/views.py imports them by name), the schema's migrations,
    # Textual's widgets (textual.widgets.__getattr__), its drivers (a browser tab of tavle serve
    # names the web driver in TEXTUAL_DRIVER) and holidays' countries (its registry).
    assert {"core", "tui", "migrations", "textual.widgets", "textual.drivers",
            "holidays.countries"} <= set(hidden)
    excludes = _constant("EXCLUDES")
    assert isinstance(excludes, list)
    assert not set(excludes) & {"plotext", "plotext._demos", "plotext._tests", "textual",
                                "holidays", "click", "pygments"}, (
        "plotext's api imports its _demos and _tests; sqlite-utils needs click; rich pygments")


def test_the_build_is_one_console_folder_named_tavle() -> None:
    exe = _keywords(_call("EXE"))
    collect = _keywords(_call("COLLECT"))
    assert ast.literal_eval(exe["name"]) == "tavle"
    assert ast.literal_eval(collect["name"]) == "tavle"
    assert ast.literal_eval(exe["console"]) is True
    assert ast.literal_eval(exe["exclude_binaries"]) is True  # one folder, not one file
    assert ast.literal_eval(exe["upx"]) is False


def test_the_entry_script_is_the_tavle_command() -> None:
    script = _call("Analysis").args[0]
    constants = [c for c in ast.walk(script)
                 if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    parts = [str(c.value) for c in sorted(constants, key=lambda c: c.col_offset)]
    entry = ROOT.joinpath(*parts)
    assert entry == ROOT / "tui" / "cli" / "__main__.py"
    assert "from tui.cli.main import main" in entry.read_text("utf-8")


def test_no_path_in_the_spec_is_bound_to_one_system() -> None:
    """The same spec builds on Windows: paths are built from the spec's folder, never written
    out whole, and plotext's kernel is chosen by the system it is built on."""
    text = SPEC.read_text("utf-8")
    for node in ast.walk(_tree()):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if "\n" in value:  # the docstrings
                continue
            assert not value.startswith(("/", "~")) and "\\" not in value, value
            assert not (len(value) > 1 and value[1] == ":"), value
    assert "kernel.dll" in text and "kernel.so" in text


def test_pyinstaller_is_the_freeze_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    freeze = project["project"]["optional-dependencies"]["freeze"]
    assert any(req.startswith("pyinstaller") for req in freeze)
    options = project["tool"]["pytest"]["ini_options"]
    assert "not slow" in options["addopts"]
    assert any(marker.startswith("slow:") for marker in options["markers"])
