"""The `tavle` command line: the app, export and import, reports, the CPR guard's option."""
