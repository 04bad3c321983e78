"""Tavle's schema history: sqlite-utils `Migrations` steps in `migrations.migrations`.

This package's top level stays free of sqlite-utils, so that opening an up-to-date database
does not import it: `NAMES` lists every step in order (a test keeps it equal to the steps).
"""

MIGRATION_SET = "tavle"
"""The name of Tavle's set in the `_sqlite_migrations` ledger."""

LEDGER = "_sqlite_migrations"
"""The ledger table sqlite-utils keeps of applied steps."""

NAMES: tuple[str, ...] = (
    "m001_change_log",
    "m002_domain_tables",
    "m003_indexes",
    "m004_redesign_links_and_closing",
    "m005_charts_board_meetings",
    "m006_driver_diagram",
    "m007_team_dashboards",
    "m008_sync_units",
    "m009_benefits",
    "m010_cpr_guard",
    "m011_sync_passphrases",
    "m012_learning_network",
    "m013_charts_as_qicharts2",
    "m014_target_paths_and_team_bases",
    "m015_secrets_outside_the_database",
    "m016_cpr_redactions",
    "m017_heads_from_the_log",
    "m018_compact_change_log",
    "m019_decisions_on_every_change",
    "m020_meeting_rhythm",
    "m021_board_limits_and_recurring_cards",
    "m022_shared_folders",
)
"""Every step this program knows, in the order they are applied (append only)."""
