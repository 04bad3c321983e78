"""The schema steps, applied in order by `core.db.store` when a database is opened.

Rules: append only; never rename, reorder or edit a step that has shipped; a step never writes
sync changes (defaults are applied when records are read). The helper below is part of the
shipped steps, so it is frozen too: a new step that needs other behaviour gets its own helper.
"""

from __future__ import annotations

import json

from sqlite_utils import Database, Migrations

migrations = Migrations("tavle")

TEXT, INT, REAL = str, int, float


def _entity_table(db: Database, name: str, columns: dict[str, type]) -> None:
    """Create a table of shown values: a text UUID key, the fields, and `_exists` (tombstone)."""
    db.table(name).create(
        {"id": TEXT, **columns, "_exists": INT},
        pk="id",
        not_null={"_exists"},
        defaults={"_exists": 1},
    )


@migrations()
def m001_change_log(db: Database) -> None:
    """The replica identity and the append-only change log with its per-field heads."""
    db.execute(
        """CREATE TABLE sync_replica (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            replica_id TEXT NOT NULL,
            unit_name TEXT NOT NULL DEFAULT '',
            host_fingerprint TEXT NOT NULL,
            hlc_last INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE sync_replica_history (
            replica_id TEXT PRIMARY KEY,
            host_fingerprint TEXT NOT NULL,
            retired_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE sync_change (
            scope_id TEXT NOT NULL,
            replica_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            entity TEXT NOT NULL,
            record_id TEXT NOT NULL,
            set_json TEXT NOT NULL,
            prev_json TEXT NOT NULL,
            covers_json TEXT,
            author TEXT NOT NULL DEFAULT '',
            vocab INTEGER NOT NULL,
            content_hash BLOB NOT NULL,
            via_export TEXT,
            PRIMARY KEY (scope_id, replica_id, seq)) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX sync_change_rec ON sync_change(scope_id, entity, record_id)")
    db.execute(
        """CREATE TABLE sync_head (
            scope_id TEXT NOT NULL, entity TEXT NOT NULL, record_id TEXT NOT NULL,
            field TEXT NOT NULL, replica_id TEXT NOT NULL, seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL, value_json TEXT NOT NULL,
            PRIMARY KEY (scope_id, entity, record_id, field, replica_id, seq)) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE sync_replaced (
            scope_id TEXT NOT NULL, entity TEXT NOT NULL, record_id TEXT NOT NULL,
            field TEXT NOT NULL, replica_id TEXT NOT NULL, seq INTEGER NOT NULL,
            PRIMARY KEY (scope_id, entity, record_id, field, replica_id, seq)) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE sync_peer (
            scope_id TEXT NOT NULL, replica_id TEXT NOT NULL, unit_name TEXT NOT NULL DEFAULT '',
            seen_json TEXT NOT NULL DEFAULT '{}', last_export_id TEXT, last_imported_at TEXT,
            PRIMARY KEY (scope_id, replica_id))"""
    )
    db.execute(
        """CREATE TABLE sync_import (
            export_id TEXT PRIMARY KEY, scope_id TEXT NOT NULL, sender_replica TEXT NOT NULL,
            kind TEXT NOT NULL, file_sha256 TEXT NOT NULL, imported_at TEXT NOT NULL,
            n_new INTEGER NOT NULL, n_known INTEGER NOT NULL, summary_json TEXT NOT NULL)"""
    )


@migrations()
def m002_domain_tables(db: Database) -> None:
    """The tables of shown values for every entity of the method."""
    _entity_table(
        db,
        "projects",
        {"name": TEXT, "unit": TEXT, "leader": TEXT, "current_phase": INT, "archived": INT,
         "created_on": TEXT},
    )
    _entity_table(
        db,
        "people",
        {"project_id": TEXT, "name": TEXT, "initials": TEXT, "unit": TEXT, "title": TEXT},
    )
    _entity_table(
        db,
        "charters",
        {"project_id": TEXT, "citizen_case": TEXT, "purpose": TEXT, "success_criteria": TEXT,
         "scope": TEXT, "background": TEXT},
    )
    _entity_table(
        db,
        "result_goals",
        {"project_id": TEXT, "text": TEXT, "measure_id": TEXT, "target": REAL, "due": TEXT,
         "order": TEXT},
    )
    _entity_table(db, "units_involved", {"project_id": TEXT, "name": TEXT})
    _entity_table(
        db,
        "group_members",
        {"project_id": TEXT, "group": TEXT, "person_id": TEXT, "role": TEXT,
         "deciding_leader": INT, "unit": TEXT},
    )
    _entity_table(db, "phase_states", {"project_id": TEXT, "phase": INT, "status": TEXT})
    _entity_table(
        db,
        "checklist_items",
        {"project_id": TEXT, "phase": INT, "item_key": TEXT, "text": TEXT, "done": INT,
         "done_by": TEXT, "done_at": TEXT, "order": TEXT},
    )
    _entity_table(
        db, "workflow_maps", {"project_id": TEXT, "kind": TEXT, "title": TEXT, "made_on": TEXT}
    )
    _entity_table(db, "lanes", {"project_id": TEXT, "map_id": TEXT, "name": TEXT, "order": TEXT})
    _entity_table(
        db,
        "steps",
        {"project_id": TEXT, "map_id": TEXT, "lane_id": TEXT, "symbol": TEXT, "text": TEXT,
         "order": TEXT, "duration": TEXT, "kpi": INT},
    )
    _entity_table(
        db,
        "ideas",
        {"project_id": TEXT, "text": TEXT, "who": TEXT, "source": TEXT, "step_id": TEXT,
         "status": TEXT, "created_on": TEXT, "note": TEXT},
    )
    _entity_table(
        db,
        "measures",
        {"project_id": TEXT, "name": TEXT, "definition": TEXT, "kind": TEXT, "unit": TEXT,
         "better": TEXT, "frequency": TEXT, "target": REAL, "baseline": REAL, "step_id": TEXT,
         "goal_id": TEXT, "order": TEXT},
    )
    _entity_table(
        db,
        "measurements",
        {"project_id": TEXT, "measure_id": TEXT, "period": TEXT, "value": REAL,
         "numerator": REAL, "denominator": REAL, "note": TEXT},
    )
    _entity_table(
        db,
        "annotations",
        {"project_id": TEXT, "measure_id": TEXT, "on": TEXT, "text": TEXT, "cycle_id": TEXT,
         "order": TEXT},
    )
    _entity_table(
        db,
        "actions",
        {"project_id": TEXT, "change": TEXT, "responsible": TEXT, "effect": TEXT, "how": TEXT,
         "deadline": TEXT, "status": TEXT, "measure_id": TEXT, "idea_id": TEXT,
         "step_id": TEXT, "order": TEXT},
    )
    _entity_table(
        db,
        "kaizen_cards",
        {"project_id": TEXT, "title": TEXT, "description": TEXT, "owner": TEXT, "due": TEXT,
         "column": TEXT, "order": TEXT, "measure_id": TEXT, "idea_id": TEXT, "archived": INT},
    )
    _entity_table(
        db,
        "cycles",
        {"project_id": TEXT, "card_id": TEXT, "number": INT, "previous_id": TEXT,
         "plan_what": TEXT, "plan_who": TEXT, "plan_when": TEXT, "plan_where": TEXT,
         "prediction": TEXT, "measure_id": TEXT, "do_notes": TEXT, "do_problems": TEXT,
         "study_notes": TEXT, "act": TEXT, "act_notes": TEXT, "started_on": TEXT,
         "ended_on": TEXT},
    )
    _entity_table(
        db,
        "meetings",
        {"project_id": TEXT, "held_on": TEXT, "duration_min": INT, "notes": TEXT,
         "decisions": TEXT},
    )
    _entity_table(
        db, "meeting_participants", {"project_id": TEXT, "meeting_id": TEXT, "person_id": TEXT}
    )
    _entity_table(
        db,
        "decisions",
        {"project_id": TEXT, "subject": TEXT, "choice": TEXT, "step_id": TEXT, "card_id": TEXT,
         "note": TEXT, "decided_on": TEXT, "decided_by": TEXT},
    )
    _entity_table(
        db, "teams", {"name": TEXT, "unit": TEXT, "area": TEXT, "started_on": TEXT}
    )
    _entity_table(
        db,
        "team_figures",
        {"team_id": TEXT, "period": TEXT, "figure": TEXT, "value": REAL},
    )


@migrations()
def m003_indexes(db: Database) -> None:
    """Indexes for the queries screens run: a project's records, a measure's series."""
    for table in (
        "people", "charters", "result_goals", "units_involved", "group_members",
        "phase_states", "checklist_items", "workflow_maps", "lanes", "steps", "ideas",
        "measures", "annotations", "actions", "kaizen_cards", "cycles", "meetings",
        "meeting_participants", "decisions",
    ):
        db.table(table).create_index(["project_id"], index_name=f"idx_{table}_project")
    db.table("measurements").create_index(
        ["measure_id", "period"], index_name="idx_measurements_series"
    )
    db.table("team_figures").create_index(
        ["team_id", "period"], index_name="idx_team_figures_series"
    )


@migrations()
def m004_redesign_links_and_closing(db: Database) -> None:
    """A redesigned step remembers the step it came from; closing decisions get a responsible
    person; a project records its closing choices; phase changes are kept with their reasons."""
    db.table("steps").add_column("source_step_id", TEXT)
    db.table("decisions").add_column("responsible", TEXT)
    db.table("decisions").add_column("idea_id", TEXT)
    db.table("projects").add_column("kaizen_continues", INT)
    db.table("projects").add_column("steering_group_stays", INT)
    _entity_table(
        db,
        "phase_changes",
        {"project_id": TEXT, "from_phase": INT, "to_phase": INT, "open_items": INT,
         "note": TEXT, "decided_by": TEXT, "decided_at": TEXT},
    )
    db.table("phase_changes").create_index(["project_id"], index_name="idx_phase_changes_project")


@migrations()
def m005_charts_board_meetings(db: Database) -> None:
    """Run charts: a frozen baseline and parts split at a change; the kaizen board's own column
    names and cycle name; successes; a meeting's times and its agenda items with notes."""
    db.table("measures").add_column("baseline_until", TEXT)
    db.table("annotations").add_column("kind", TEXT)
    db.table("annotations").add_column("split", INT)
    db.table("projects").add_column("cycle_name", TEXT)
    db.table("cycles").add_column("decided_by", TEXT)
    db.table("meetings").add_column("started_at", TEXT)
    db.table("meetings").add_column("ended_at", TEXT)
    _entity_table(db, "board_labels", {"project_id": TEXT, "column": TEXT, "label": TEXT})
    _entity_table(
        db,
        "successes",
        {"project_id": TEXT, "text": TEXT, "on": TEXT, "card_id": TEXT, "measure_id": TEXT,
         "meeting_id": TEXT, "recorded_by": TEXT},
    )
    _entity_table(
        db,
        "meeting_items",
        {"project_id": TEXT, "meeting_id": TEXT, "kind": TEXT, "ref_id": TEXT, "title": TEXT,
         "note": TEXT, "decision": TEXT, "order": TEXT},
    )
    for table in ("board_labels", "successes", "meeting_items"):
        db.table(table).create_index(["project_id"], index_name=f"idx_{table}_project")


@migrations()
def m006_driver_diagram(db: Database) -> None:
    """The driver diagram: aim, primary and secondary drivers, change ideas and their links;
    a measure's role (outcome, process, balancing) and where it is attached."""
    _entity_table(
        db,
        "driver_nodes",
        {"project_id": TEXT, "kind": TEXT, "text": TEXT, "parent_id": TEXT, "order": TEXT},
    )
    _entity_table(db, "driver_links", {"project_id": TEXT, "node_id": TEXT, "driver_id": TEXT})
    _entity_table(
        db,
        "driver_tests",
        {"project_id": TEXT, "node_id": TEXT, "ref_kind": TEXT, "ref_id": TEXT},
    )
    db.table("measures").add_column("role", TEXT)
    db.table("measures").add_column("driver_node_id", TEXT)
    for table in ("driver_nodes", "driver_links", "driver_tests"):
        db.table(table).create_index(["project_id"], index_name=f"idx_{table}_project")


@migrations()
def m007_team_dashboards(db: Database) -> None:
    """Organisations of teams (the scope of every team record), professions, members with roles,
    the shared key-figure catalogue, alert acknowledgements and capacity plans."""
    _entity_table(
        db,
        "organisations",
        {"name": TEXT, "unit": TEXT, "temp_limit_pct": REAL, "lend_limit_hours": REAL},
    )
    db.table("teams").add_column("org_id", TEXT)
    db.table("team_figures").add_column("org_id", TEXT)
    _entity_table(db, "professions", {"org_id": TEXT, "name": TEXT, "order": TEXT})
    _entity_table(
        db,
        "team_members",
        {"org_id": TEXT, "team_id": TEXT, "name": TEXT, "initials": TEXT, "profession_id": TEXT,
         "role": TEXT, "hours_per_week": REAL},
    )
    _entity_table(
        db,
        "key_figures",
        {"org_id": TEXT, "key": TEXT, "name": TEXT, "definition": TEXT, "unit": TEXT,
         "kind": TEXT, "better": TEXT, "frequency": TEXT, "target": REAL,
         "alert_threshold": REAL, "order": TEXT},
    )
    _entity_table(
        db,
        "alert_acks",
        {"org_id": TEXT, "team_id": TEXT, "figure_id": TEXT, "period": TEXT, "kind": TEXT,
         "note": TEXT, "acknowledged_by": TEXT, "acknowledged_on": TEXT},
    )
    _entity_table(
        db,
        "capacity_plans",
        {"org_id": TEXT, "team_id": TEXT, "profession_id": TEXT, "week": TEXT,
         "hours_needed": REAL, "hours_available": REAL, "hours_lent": REAL,
         "hours_borrowed": REAL, "temp_hours": REAL, "note": TEXT},
    )
    for table in ("teams", "professions", "team_members", "key_figures", "alert_acks",
                  "capacity_plans"):
        db.table(table).create_index(["org_id"], index_name=f"idx_{table}_org")
    db.table("team_figures").create_index(
        ["figure", "period"], index_name="idx_team_figures_figure"
    )
    db.table("capacity_plans").create_index(
        ["team_id", "week"], index_name="idx_capacity_team_week"
    )


@migrations()
def m008_sync_units(db: Database) -> None:
    """The unit name of every replica seen in a file, to say who wrote a value in a conflict."""
    db.execute(
        """CREATE TABLE sync_unit (
            replica_id TEXT PRIMARY KEY, unit_name TEXT NOT NULL DEFAULT '')"""
    )


@migrations()
def m009_benefits(db: Database) -> None:
    """Benefits (gevinster) per project: expected and realised, with the measure documenting
    them."""
    _entity_table(
        db,
        "benefits",
        {"project_id": TEXT, "title": TEXT, "kind": TEXT, "status": TEXT, "amount": REAL,
         "unit": TEXT, "period_from": TEXT, "period_to": TEXT, "how_computed": TEXT,
         "measure_id": TEXT, "note": TEXT, "order": TEXT},
    )
    db.table("benefits").create_index(["project_id"], index_name="idx_benefits_project")


@migrations()
def m010_cpr_guard(db: Database) -> None:
    """The CPR guard's log: files sent with a number that looks like a CPR number, and why."""
    db.execute(
        """CREATE TABLE guard_log (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, what TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '', hits INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL DEFAULT '', author TEXT NOT NULL DEFAULT '')"""
    )


@migrations()
def m011_sync_passphrases(db: Database) -> None:
    """A project's team passphrase, kept on this PC only (never in a file or the change log)."""
    db.execute(
        """CREATE TABLE sync_passphrase (
            scope_id TEXT PRIMARY KEY, passphrase TEXT NOT NULL, set_at TEXT NOT NULL)"""
    )


@migrations()
def m012_learning_network(db: Database) -> None:
    """Learning networks: member units, meetings with presentations, notes and tips."""
    _entity_table(db, "networks", {"name": TEXT, "coordinator": TEXT, "unit": TEXT})
    _entity_table(db, "network_units", {"network_id": TEXT, "name": TEXT})
    _entity_table(
        db, "network_meetings",
        {"network_id": TEXT, "held_on": TEXT, "title": TEXT, "notes": TEXT},
    )
    _entity_table(
        db, "network_presentations",
        {"network_id": TEXT, "meeting_id": TEXT, "unit": TEXT, "project_id": TEXT,
         "project_name": TEXT, "order": TEXT, "notes": TEXT},
    )
    _entity_table(
        db, "network_notes",
        {"network_id": TEXT, "meeting_id": TEXT, "kind": TEXT, "text": TEXT, "unit": TEXT,
         "project_id": TEXT, "author": TEXT, "written_on": TEXT},
    )
    for table in ("network_units", "network_meetings", "network_presentations", "network_notes"):
        db.table(table).create_index(["network_id"], index_name=f"idx_{table}_network")


@migrations()
def m013_charts_as_qicharts2(db: Database) -> None:
    """Charts as qicharts2 draws them: a measure's chart type, scale, given centre line, whether
    it can be negative, the sigma rule, warning lines and what is typed (values per period or
    cases); marks on a chart's points (excluded with a reason, a missing period, the end of a
    part's baseline); the cases of a case-level measure."""
    measures = db.table("measures")
    for column, kind in (("chart", TEXT), ("multiply", REAL), ("centre", REAL),
                         ("negative", INT), ("sigma", TEXT), ("warning_lines", INT),
                         ("entry", TEXT)):
        measures.add_column(column, kind)
    _entity_table(
        db, "chart_marks",
        {"project_id": TEXT, "measure_id": TEXT, "point": TEXT, "mark": TEXT, "reason": TEXT},
    )
    _entity_table(
        db, "measure_cases",
        {"project_id": TEXT, "measure_id": TEXT, "on": TEXT, "value": REAL, "yes": INT,
         "note": TEXT},
    )
    for table in ("chart_marks", "measure_cases"):
        db.table(table).create_index(["measure_id"], index_name=f"idx_{table}_measure")


@migrations()
def m014_target_paths_and_team_bases(db: Database) -> None:
    """A measure's target as a path from a start value and date to the goal by a date (the
    charter's "from 21 to 14 days by 1 June"), and the base of a team's key figure in a period
    (the planned work days behind a sick-leave share), which a funnel plot needs."""
    measures = db.table("measures")
    for column, kind in (("target_start", REAL), ("target_from", TEXT), ("target_by", TEXT)):
        measures.add_column(column, kind)
    db.table("team_figures").add_column("denominator", REAL)


@migrations()
def m015_secrets_outside_the_database(db: Database) -> None:
    """The name this database's secrets are kept under outside it (the team passphrases move
    to the operating system's credential store or a per-user file; `core.secrets`).

    The store gives the column its value after the steps, and moves the rows of
    `sync_passphrase` out (a step cannot reach the credential store); the table stays, empty."""
    db.execute("ALTER TABLE sync_replica ADD COLUMN secrets_id TEXT")


@migrations()
def m016_cpr_redactions(db: Database) -> None:
    """Values taken out of the change log because they held a personal number: which field of
    which change (its value is now a marker), so that the next file tells every other unit to
    take it out of its copy too (`core.sync.redaction`)."""
    db.execute(
        """CREATE TABLE sync_redaction (
            scope_id TEXT NOT NULL, replica_id TEXT NOT NULL, seq INTEGER NOT NULL,
            field TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (scope_id, replica_id, seq, field)) WITHOUT ROWID"""
    )


@migrations()
def m017_heads_from_the_log(db: Database) -> None:
    """A field's heads are read from the change log (`core.db.heads`), no longer kept per field
    with a second copy of each value: `sync_head` goes. What it told that the log does not is
    kept in two small tables: the changes parked because this version cannot read them (from
    a newer Tavle, vocabulary above 9, that were no head), and the records that may be in
    conflict (a field with heads of different values, or deleted)."""
    db.execute(
        """CREATE TABLE sync_parked (
            scope_id TEXT NOT NULL, replica_id TEXT NOT NULL, seq INTEGER NOT NULL,
            PRIMARY KEY (scope_id, replica_id, seq)) WITHOUT ROWID"""
    )
    db.execute(
        """INSERT INTO sync_parked SELECT c.scope_id, c.replica_id, c.seq FROM sync_change c
        WHERE c.vocab > 9 AND NOT EXISTS (SELECT 1 FROM sync_head h WHERE
        h.scope_id = c.scope_id AND h.entity = c.entity AND h.record_id = c.record_id
        AND h.replica_id = c.replica_id AND h.seq = c.seq)"""
    )
    db.execute(
        """CREATE TABLE sync_open (
            scope_id TEXT NOT NULL, entity TEXT NOT NULL, record_id TEXT NOT NULL,
            PRIMARY KEY (scope_id, entity, record_id)) WITHOUT ROWID"""
    )
    db.execute(
        """INSERT OR IGNORE INTO sync_open SELECT scope_id, entity, record_id FROM sync_head
        GROUP BY scope_id, entity, record_id, field HAVING COUNT(*) > 1"""
    )
    db.execute(
        """INSERT OR IGNORE INTO sync_open SELECT scope_id, entity, record_id FROM sync_head
        WHERE field = '_exists' AND value_json = 'false'"""
    )
    db.execute("DROP TABLE sync_head")


_M018_OBJECT = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_M018_ARRAY = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _m018_pack(set_json: str) -> tuple[str | None, str]:
    """(keys JSON, values JSON array) of a stored `set_json`, or (None, the text as it is) when
    the values rebuilt from the parts would not give back exactly that text."""
    values = json.loads(set_json)
    if type(values) is not dict:
        return None, set_json
    keys = sorted(values)
    keys_json = _M018_ARRAY.encode(keys)
    vals = _M018_OBJECT.encode([values[k] for k in keys])
    rebuilt = _M018_OBJECT.encode(dict(zip(json.loads(keys_json), json.loads(vals), strict=True)))
    return (keys_json, vals) if rebuilt == set_json else (None, set_json)


@migrations()
def m018_compact_change_log(db: Database) -> None:
    """A compact change log (issue 22): the log was some 480 bytes a change and three quarters
    of a database, most of it the same texts again and again.

    - `sync_name` interns the texts that repeat: scope ids, replica ids, entity names, export
      ids (`via`) and each distinct sorted list of a change's field names (a JSON array).
    - `sync_log` holds the changes with those as integers, and a change's values as a JSON
      array in the order of its sorted field names (`keyset`; the keys are no longer repeated
      in every change). A value whose parts would not give back its `set_json` byte for byte
      is kept whole, with `keyset` NULL. Every row of `sync_change` is copied over.
    - Its primary key stays (scope, replica, seq) WITHOUT ROWID, so the index by record
      (`sync_log_rec`) repeats three small integers per entry instead of two UUID texts.
    - `sync_change` becomes a view with exactly the old columns and contents, so that every
      reader is unchanged. Its `set_json` is rebuilt in Python (`tavle_set`, registered on
      every connection a `core.db.store.Store` wraps, `core.db.logrows`), never with SQLite's
      JSON functions (they print floats with 15 digits and booleans as 0/1).
    - `sqlite_stat1` gets the shape of a large log for `sync_log` (below), so that reads of a
      record's changes through the view use `sync_log_rec`.
    The store vacuums afterwards (the old table's pages are free)."""
    conn = db.conn
    conn.execute("CREATE TABLE sync_name (n INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
    conn.execute(
        """CREATE TABLE sync_log (
            scope INTEGER NOT NULL, replica INTEGER NOT NULL, seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL, entity INTEGER NOT NULL, record_id TEXT NOT NULL,
            keyset INTEGER, vals TEXT NOT NULL, prev_json TEXT NOT NULL, covers_json TEXT,
            author TEXT NOT NULL DEFAULT '', vocab INTEGER NOT NULL,
            content_hash BLOB NOT NULL, via INTEGER,
            PRIMARY KEY (scope, replica, seq)) WITHOUT ROWID"""
    )
    conn.execute(
        """INSERT OR IGNORE INTO sync_name (name)
        SELECT scope_id FROM sync_change UNION SELECT replica_id FROM sync_change
        UNION SELECT entity FROM sync_change
        UNION SELECT via_export FROM sync_change WHERE via_export IS NOT NULL"""
    )
    ids: dict[str | None, int | None] = {None: None}
    ids.update({name: n for n, name in conn.execute("SELECT n, name FROM sync_name")})
    cursor = conn.execute(
        "SELECT scope_id, replica_id, seq, hlc, entity, record_id, set_json, prev_json, "
        "covers_json, author, vocab, content_hash, via_export FROM sync_change "
        "ORDER BY scope_id, replica_id, seq"
    )
    while rows := cursor.fetchmany(5000):
        out = []
        for (scope, replica, seq, hlc, entity, record_id, set_json, prev_json, covers_json,
             author, vocab, content_hash, via) in rows:
            keys, vals = _m018_pack(set_json)
            if keys not in ids:
                conn.execute("INSERT INTO sync_name (name) VALUES (?)", [keys])
                (ids[keys],) = conn.execute(
                    "SELECT n FROM sync_name WHERE name = ?", [keys]).fetchone()
            out.append((ids[scope], ids[replica], seq, hlc, ids[entity], record_id, ids[keys],
                        vals, prev_json, covers_json, author, vocab, content_hash, ids[via]))
        db.conn.executemany(
            "INSERT INTO sync_log VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", out)
    conn.execute("DROP TABLE sync_change")
    conn.execute("CREATE INDEX sync_log_rec ON sync_log(scope, entity, record_id)")
    # Without statistics the planner reads every change of a scope by the primary key (the
    # table itself) rather than a record's few by `sync_log_rec` when a read through the view
    # wants more than the index holds: tell it the shape of a log (many changes per scope, a
    # few per record), as `ANALYZE` would of a large one.
    conn.execute("ANALYZE sync_name")
    conn.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'sync_log'")
    conn.execute(
        """INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
        ('sync_log', 'sync_log', '1000000 100000 10000 1'),
        ('sync_log', 'sync_log_rec', '1000000 100000 10000 2')"""
    )
    conn.execute("ANALYZE sqlite_schema")
    conn.execute(
        """CREATE VIEW sync_change AS SELECT
            s.name AS scope_id, r.name AS replica_id, l.seq AS seq, l.hlc AS hlc,
            e.name AS entity, l.record_id AS record_id, tavle_set(k.name, l.vals) AS set_json,
            l.prev_json AS prev_json, l.covers_json AS covers_json, l.author AS author,
            l.vocab AS vocab, l.content_hash AS content_hash, v.name AS via_export
        FROM sync_log l
        JOIN sync_name s ON s.n = l.scope
        JOIN sync_name r ON r.n = l.replica
        JOIN sync_name e ON e.n = l.entity
        LEFT JOIN sync_name k ON k.n = l.keyset
        LEFT JOIN sync_name v ON v.n = l.via"""
    )


@migrations()
def m019_decisions_on_every_change(db: Database) -> None:
    """A closing decision may name an action plan row or a PDSA cycle, as well as a step, an
    idea or a card (phase 6: a decision on every change the project made)."""
    decisions = db.table("decisions")
    for column in ("action_id", "cycle_id"):
        decisions.add_column(column, TEXT)


@migrations()
def m020_meeting_rhythm(db: Database) -> None:
    """A project's own kaizen-meeting rhythm: a meeting every so many days and, optionally, a
    planned number of meetings (empty columns: the model's defaults, 14 days and no number)."""
    projects = db.table("projects")
    projects.add_column("meeting_every_days", INT)
    projects.add_column("planned_meetings", INT)


@migrations()
def m021_board_limits_and_recurring_cards(db: Database) -> None:
    """A kaizen board column may have a work-in-progress limit, and a card may come back every
    N weeks (vocabulary 11)."""
    db.table("board_labels").add_column("wip_limit", INT)
    db.table("kaizen_cards").add_column("recur_weeks", INT)


@migrations()
def m022_shared_folders(db: Database) -> None:
    """A shared folder per project, organisation or network, kept on this PC only (never in a
    file or the change log): where this unit writes its files and reads the other units',
    the number of its last file there, what that file held, and how long an acknowledged file
    stays."""
    db.execute(
        """CREATE TABLE sync_folder (
            scope_id TEXT PRIMARY KEY, path TEXT NOT NULL, set_at TEXT NOT NULL,
            file_no INTEGER NOT NULL DEFAULT 0, written_json TEXT NOT NULL DEFAULT '{}',
            last_write_at TEXT, last_read_at TEXT, keep_days INTEGER NOT NULL DEFAULT 30)"""
    )
