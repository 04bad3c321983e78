"""Typed values: one reader and one writer per kind (numbers, dates, weeks and periods, deadlines,
durations, the Excel CSV dialect), and text made inert for a terminal (`inert`)."""
