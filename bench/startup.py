"""Start-up time of Tavle against a bare Textual app, measured in the same run.

Each round starts a fresh Python process and times it from process start until the first
screen has drawn its data and the app has exited:
  - baseline: a bare Textual app (Header + DataTable + Footer) that exits after its first refresh;
  - tavle: `python -m tui.cli --db demo.db` on the demo database, which exits as soon as the
    project list shows its rows (`TAVLE_EXIT_WHEN_READY=1`).
Both run headless. Prints each median and the ratio (target: ratio <= 1.5).

Usage: python bench/startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("a", "b", "c", "d", "e")
        table.add_row("1", "2", "3", "4", "5")
        self.call_after_refresh(self.exit)

Bare().run(headless=True)
"""


def time_command(command: list[str], env: dict[str, str]) -> float:
    """Run a command to its end and return the wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from core.demo.build import open_demo

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        open_demo(db).close()
        env = {
            **os.environ,
            "PYTHONPATH": str(root),
            "TAVLE_EXIT_WHEN_READY": "1",
            "TAVLE_CONFIG_DIR": folder,
            "TAVLE_DATA_DIR": folder,
        }
        baseline_cmd = [sys.executable, "-c", BASELINE]
        tavle_cmd = [sys.executable, "-m", "tui.cli", "--db", str(db)]
        # One unmeasured round each, so both start with warm file caches and .pyc files.
        time_command(baseline_cmd, env)
        time_command(tavle_cmd, env)
        baseline, tavle = [], []
        for _ in range(args.rounds):
            baseline.append(time_command(baseline_cmd, env))
            tavle.append(time_command(tavle_cmd, env))
    base_median, tavle_median = statistics.median(baseline), statistics.median(tavle)
    print(f"rounds: {args.rounds}")
    print(f"bare Textual app (Header+DataTable+Footer): median {base_median:.3f} s")
    print(f"tavle on the demo database:                  median {tavle_median:.3f} s")
    print(f"ratio tavle / bare: {tavle_median / base_median:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
