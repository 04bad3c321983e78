"""Workflow maps (arbejdsgange) today and redesigned, their edits, and the ideas caught on the
way."""
