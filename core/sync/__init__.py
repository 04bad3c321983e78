"""Sync by file: units exchange `.tavle` files by email; every import is safe and boring.

The merge rules (sync-design.md §4):

- **State is a function of the set of changes.** A database holds an append-only log of changes
  (`sync_change`); each change writes some fields of one record and names, per field, the changes
  it replaced (`prev`). The shown tables are a cache computed from the log. Importing a file is
  set union keyed by the change id (replica id, seq), so the order of imports does not matter
  (commutative), importing a file twice changes nothing (idempotent), and units that have
  exchanged the same changes show the same state (convergent).
- **Heads and conflicts.** A field's heads are the changes setting it that no present change
  replaced. The shown value is the head with the greatest (hybrid clock stamp, replica id, seq);
  two or more heads with different values are a conflict, listed on the record until someone
  picks a value, which writes a change replacing all heads.
- **Deletes are tombstones** (`_exists = false`) that travel like any change, with `covers`: the
  heads of the other fields the deleter had seen. An edit the deletion had not seen is listed as
  a conflict that can restore the record.
- **Clocks only break ties** between concurrent changes; causality comes from `prev`. A stamp from
  a PC whose clock runs fast is kept as it is (for convergence) but never pulls this PC's clock
  more than a minute ahead of its own wall clock (`core.clock.observe`), so an edit made here after
  seeing a fast unit's value replaces it.
- **Files are untrusted** until parsed, bounded, checksummed and validated as a whole
  (`core.sync.fileformat`, `core.sync.checks`); only then does `core.sync.importer` apply them,
  in one transaction. The preview is the same import, rolled back.
"""
