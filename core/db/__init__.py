"""The store: opening and migrating the file, the change log (the one write path), undo."""
