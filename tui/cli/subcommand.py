"""A `tavle` subcommand's parser, made one way: its help in the user's language, `-h`, and
`--db` and `--lang` taken after the subcommand as well as before it."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.i18n import LANGUAGES, Translator


def subcommands(parser: argparse.ArgumentParser,
                tr: Translator) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """The parser's subcommands (made here by the first `add_subcommand`)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="command", title=tr("sync_ui.cli.commands"))


def add_subcommand(parser: argparse.ArgumentParser, name: str, help_text: str,
                   tr: Translator) -> argparse.ArgumentParser:
    """Add the subcommand `name` to the `tavle` parser, with `-h`, `--db` and `--lang`."""
    commands = subcommands(parser, tr)
    command: argparse.ArgumentParser = commands.add_parser(
        name, prog=f"tavle {name}", help=help_text, description=help_text, add_help=False,
        formatter_class=parser.formatter_class,
    )
    commands.metavar = "{" + ",".join(commands.choices) + "}"
    command._optionals.title = tr("cli.options")
    command._positionals.title = tr("sync_ui.cli.arguments")
    command.add_argument("-h", "--help", action="help", help=tr("cli.help"))
    # SUPPRESS: `tavle --db X import F` and `tavle import F --db X` both work.
    command.add_argument("--db", metavar=tr("cli.path_metavar"), type=Path,
                         default=argparse.SUPPRESS, help=tr("cli.db"))
    command.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                         help=tr("cli.lang"))
    return command
