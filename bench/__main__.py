"""``python -m bench``: run the scenarios and print the report (see bench/run.py)."""

from bench.run import main

raise SystemExit(main())
