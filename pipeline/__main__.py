"""`python -m pipeline …`: the command line (see `pipeline/cli.py`)."""
import sys

from .cli import main

sys.exit(main())
