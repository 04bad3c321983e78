"""`python -m tui.cli`: the `tavle` command, where the scripts folder is not on PATH."""

from tui.cli.main import main

raise SystemExit(main())
