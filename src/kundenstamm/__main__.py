"""`python -m kundenstamm` runs the command line."""

import sys

from kundenstamm.cli import main

sys.exit(main())
