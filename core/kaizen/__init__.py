"""The test phase: the kaizen board, PDSA/PGEK cycles, kaizen meetings and their agenda,
successes."""
