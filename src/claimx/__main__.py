"""``python -m claimx``: the command line."""
from .cli import main

raise SystemExit(main())
