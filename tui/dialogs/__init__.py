"""Modal dialogs: they return a value with `dismiss` and never change the app's data themselves."""

from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog, FormField

__all__ = ["ConfirmDialog", "FormDialog", "FormField"]
