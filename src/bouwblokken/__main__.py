"""``python -m bouwblokken``: the command line (see :mod:`bouwblokken.cli`)."""

from bouwblokken.cli import main

raise SystemExit(main())
