"""The action plan (handlingsplan): rows, deadlines, filters and the CSV for Excel."""
