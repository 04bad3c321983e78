"""Tavle's Textual app: screens, dialogs, key bindings and the command palette over `core`."""
