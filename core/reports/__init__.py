"""Reports for the steering group, as self-contained HTML or Markdown files.

`content` builds a report's data from the database (`model`), `svg` draws its charts,
`html` and `markdown` render it, `files` names and writes the file. Loaded only when a report is
made (never at start-up).
"""
