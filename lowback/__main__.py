"""Run the command line: ``python -m lowback --help``."""

from lowback.cli import main

raise SystemExit(main())
