"""The CPR guard on the command line: `tavle export ... --allow-cpr "reason"`.

Light on purpose: no Textual. A command that writes a file calls `check_or_refuse` first: with
hits it prints them masked on stderr and refuses (the caller exits 2), unless `allow` gives a
reason, which is logged (`core.sync.cpr_guard.log_override`); with the setting "block" it always
refuses. `add_allow_option(parser, tr)` adds the option to a subcommand.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.out import say

if TYPE_CHECKING:
    from core.db.store import Store
    from core.i18n import Translator
    from core.sync.cpr_guard import GuardHit


def add_allow_option(parser: argparse.ArgumentParser, tr: Translator) -> None:
    """Add `--allow-cpr REASON` to a subcommand that writes a file."""
    parser.add_argument("--allow-cpr", metavar=tr("cpr.cli.reason_metavar"), default=None,
                        help=tr("cpr.cli.allow_help"))


def check_or_refuse(
    store: Store, hits: Sequence[GuardHit], *, what: str, target: str, allow: str | None,
    tr: Translator, mode: str | None = None,
) -> bool:
    """Whether the file may be written; prints the hits and why not when it may not.

    `mode` is the setting `cpr_guard` (read from the settings file when not given).
    """
    from core.sync.cpr_guard import hit_summary, log_override, name_hits

    hits = [*hits, *name_hits(target, hits, tr)]  # the file's name leaves too
    if not hits:
        return True
    if mode is None:
        from core.settings import load_settings

        mode = load_settings().cpr_guard
    say(tr("cpr.cli.found", count=len(hits)), err=True)
    for line in hit_summary(hits, tr):
        say(f"  {line}", err=True)
    reason = (allow or "").strip()
    if mode == "block":
        say(tr("cpr.cli.refuse_block"), err=True)
        return False
    if not reason:
        say(tr("cpr.cli.refuse"), err=True)
        return False
    log_override(store, what, target, hits, reason)
    say(tr("cpr.cli.allowed", count=len(hits)), err=True)
    return True


def check_scope(
    store: Store, scope_id: str, *, what: str, target: str, allow: str | None, tr: Translator,
    full: bool = False,
) -> bool:
    """`check_or_refuse` over everything the sync file of the scope carries (history too)."""
    from core.sync.cpr_guard import scan_export

    return check_or_refuse(store, scan_export(store, scope_id, tr, full=full), what=what,
                           target=target, allow=allow, tr=tr)
