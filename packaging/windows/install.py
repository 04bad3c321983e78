"""Install Tavle for this Windows user from the wheels beside this file: no network, no admin.

install.cmd and install.ps1 find a Python and run this file with it; it is copied unchanged into
the offline installer folder that make_offline.py builds, beside `manifest.json` (Tavle's
version, the Python versions the wheels are for, every wheel's file name) and `wheels/`.

    install.py --probe           exit 0 when this Python can install the wheels; else say why
                                 (Danish and English) and exit 3
    install.py                   install Tavle per user (pip --user --no-index) and say what it did
    install.py --shortcut-spec   print the Start menu shortcut to make, one `key=value` a line
                                 (target, arguments, workdir); the calling script makes it,
                                 since a Microsoft Store Python may not write the Start menu

Standard library only; it runs on the user's Windows PC, not in Tavle.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEELS = "wheels"
MANIFEST = "manifest.json"
PROBE_UNFIT = 3

# Where Python comes from without admin rights, said when this Python does not fit.
GET_PYTHON = (
    "Hent Python 3.13 uden administratorrettigheder: 'Windows installer (64-bit)' fra "
    "python.org (vælg 'Install Now', der installerer kun for dig), eller 'Python 3.13' fra "
    "Microsoft Store. Kør så install.cmd igen.\n"
    "Get Python 3.13 without admin rights: the 'Windows installer (64-bit)' from python.org "
    "(choose 'Install Now', which installs for you only), or 'Python 3.13' from the Microsoft "
    "Store. Then run install.cmd again."
)

# The wheels are for 64-bit Intel/AMD Windows only: plotext 6 and others have compiled parts.
NEEDS_64_BIT = (
    "Tavle kræver 64-bit Windows på en Intel- eller AMD-processor og en 64-bit Python "
    "(x86-64). Denne pc eller denne Python er {what}.\n"
    "Tavle needs 64-bit Windows on an Intel or AMD processor and a 64-bit Python (x86-64). "
    "This PC or this Python is {what}."
)


def load_manifest(folder: Path = HERE) -> dict[str, object]:
    """The manifest make_offline.py wrote beside this file."""
    with open(folder / MANIFEST, encoding="utf-8") as handle:
        manifest: dict[str, object] = json.load(handle)
    return manifest


def python_versions(manifest: Mapping[str, object]) -> list[str]:
    """The Python versions the wheels are for, as '3.12'."""
    versions = manifest["python_versions"]
    assert isinstance(versions, list)
    return [str(version) for version in versions]


def python_problem(manifest: Mapping[str, object], version: Sequence[int], platform_tag: str,
                   environ: Mapping[str, str]) -> str | None:
    """Why this Python cannot install the wheels (Danish, then English), or None when it can.

    `platform_tag` is `sysconfig.get_platform()` ('win-amd64', 'win32', 'win-arm64');
    `environ` gives PROCESSOR_ARCHITECTURE (and PROCESSOR_ARCHITEW6432 in a 32-bit process on
    64-bit Windows)."""
    machine = environ.get("PROCESSOR_ARCHITEW6432") or environ.get("PROCESSOR_ARCHITECTURE", "")
    if machine.upper() == "X86":
        return NEEDS_64_BIT.format(what="32-bit Windows")
    if platform_tag != "win-amd64":
        return NEEDS_64_BIT.format(what="{} ({})".format(
            {"win32": "32-bit Python", "win-arm64": "ARM64 Python"}.get(platform_tag, "Python"),
            platform_tag))
    supported = python_versions(manifest)
    here = f"{version[0]}.{version[1]}"
    if here not in supported:
        listed = ", ".join(supported)
        return (f"Denne Python er version {here}; Tavles filer passer til Python {listed}.\n"
                f"This Python is version {here}; Tavle's files are for Python {listed}.\n"
                ) + GET_PYTHON
    return None


def missing_wheels(folder: Path, manifest: Mapping[str, object]) -> list[str]:
    """The manifest's wheel files that are not in the folder's wheels/ (a partial copy)."""
    names = manifest["wheels"]
    assert isinstance(names, list)
    return [str(name) for name in names if not (folder / WHEELS / str(name)).is_file()]


def pip_command(python: str, folder: Path, manifest: Mapping[str, object]) -> list[str]:
    """pip, per user, from the folder's wheels alone, ignoring any pip settings on the PC.

    `tavle==VERSION` so that an older Tavle already installed is upgraded."""
    return [python, "-m", "pip", "install", "--isolated", "--user", "--no-index",
            "--find-links", str(folder / WHEELS), "--disable-pip-version-check",
            "--no-warn-script-location", "tavle=={}".format(manifest["tavle_version"])]


# Run in a new process: one that starts after the install sees the per-user site folder even
# when this install made it.
LOCATE_TAVLE_EXE = (
    "import importlib.metadata as m, pathlib\n"
    "d = m.distribution('tavle')\n"
    "for f in d.files or []:\n"
    "    if f.name.lower() == 'tavle.exe':\n"
    "        print(pathlib.Path(str(d.locate_file(f))).resolve())\n"
    "        break\n"
)


def find_tavle_exe(python: str, run: Callable[..., subprocess.CompletedProcess[str]]
                   ) -> Path | None:
    """The installed tavle.exe: from the install's own file list, else the per-user scripts
    folder (`sysconfig`'s nt_user scheme)."""
    located = run([python, "-c", LOCATE_TAVLE_EXE], capture_output=True, text=True)
    line = located.stdout.strip().splitlines()[-1:] if located.returncode == 0 else []
    if line and line[0]:
        return Path(line[0])
    scripts = Path(sysconfig.get_path("scripts", "nt_user")) / "tavle.exe"
    return scripts if scripts.is_file() else None


def find_windows_terminal(environ: Mapping[str, str],
                          which: Callable[[str], str | None] = shutil.which) -> Path | None:
    """wt.exe (Windows Terminal's per-user alias), or None where it is not installed."""
    found = which("wt.exe")
    if found:
        return Path(found)
    local = environ.get("LOCALAPPDATA")
    if local:
        alias = Path(local) / "Microsoft" / "WindowsApps" / "wt.exe"
        if os.path.lexists(alias):
            return alias
    return None


def shortcut_spec(tavle_exe: Path, terminal: Path | None, home: Path) -> dict[str, str]:
    """The Start menu shortcut: Windows Terminal running tavle where it is installed (the old
    console host lacks bracketed paste and braille glyphs), else tavle.exe in the console."""
    if terminal is not None:
        return {"target": str(terminal),
                "arguments": f'new-tab --title Tavle "{tavle_exe}"',
                "workdir": str(home)}
    return {"target": str(tavle_exe), "arguments": "", "workdir": str(home)}


def terminal_note(terminal: Path | None) -> str:
    """What the shortcut opens, and what to do where Windows Terminal is missing."""
    if terminal is not None:
        return ("Genvejen åbner Tavle i Windows Terminal.\n"
                "The shortcut opens Tavle in Windows Terminal.")
    return ("Windows Terminal blev ikke fundet: genvejen åbner Tavle i den gamle konsol, der ikke "
            "kan indsætte en blok fra Excel og ikke viser diagrammerne. Installer 'Windows "
            "Terminal' fra Microsoft Store og kør install.cmd igen.\n"
            "Windows Terminal was not found: the shortcut opens Tavle in the old console, which "
            "cannot paste a block from Excel and does not show the charts. Install 'Windows "
            "Terminal' from the Microsoft Store and run install.cmd again.")


def install(folder: Path, python: str, run: Callable[..., subprocess.CompletedProcess[str]],
            say: Callable[[str], None], terminal: Path | None) -> int:
    """Install Tavle from the folder's wheels with this Python; 0 when it is installed."""
    manifest = load_manifest(folder)
    missing = missing_wheels(folder, manifest)
    if missing:
        count = len(missing)
        say(f"Mappen er ikke hel: der mangler {count} fil(er) i {WHEELS}\\ - kopier hele "
            "mappen igen.\n"
            f"The folder is incomplete: {count} file(s) are missing from {WHEELS}\\ - copy "
            "the whole folder again.")
        for name in missing:
            say("  " + name)
        return 1
    say("Installerer Tavle {0} for denne bruger fra {1} (uden netværk, uden administrator).\n"
        "Installing Tavle {0} for this user from {1} (no network, no admin).".format(
            manifest["tavle_version"], folder / WHEELS))
    command = pip_command(python, folder, manifest)
    say("> " + subprocess.list2cmdline(command))
    if run(command).returncode != 0:
        say("pip kunne ikke installere Tavle (se beskeden ovenfor). Mangler pip, så kør "
            "'py -m ensurepip --user' og prøv igen.\n"
            "pip could not install Tavle (see the message above). If pip is missing, run "
            "'py -m ensurepip --user' and try again.")
        return 1
    exe = find_tavle_exe(python, run)
    if exe is None:
        say("Tavle er installeret, men tavle.exe blev ikke fundet.\n"
            "Tavle is installed, but tavle.exe was not found.")
        return 1
    say("Tavle {0} er installeret: {1}\nTavle {0} is installed: {1}".format(
        manifest["tavle_version"], exe))
    say(terminal_note(terminal))
    return 0


def main(argv: Sequence[str]) -> int:
    manifest = load_manifest(HERE)
    if "--probe" in argv:
        problem = python_problem(manifest, sys.version_info[:2], sysconfig.get_platform(),
                                 os.environ)
        if problem:
            print(problem)
            return PROBE_UNFIT
        return 0
    if "--shortcut-spec" in argv:
        exe = find_tavle_exe(sys.executable, subprocess.run)
        if exe is None:
            return 1
        spec = shortcut_spec(exe, find_windows_terminal(os.environ), Path.home())
        for key, value in spec.items():
            print(f"{key}={value}")
        return 0
    return install(HERE, sys.executable, subprocess.run, print,
                   find_windows_terminal(os.environ))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
