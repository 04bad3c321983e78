"""Sync by file on screen: export, file and folder pickers, the import preview, conflicts."""
