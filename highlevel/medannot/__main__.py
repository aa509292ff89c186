"""`python -m medannot`: the `medannot` command line."""

import sys

from medannot.cli import main

sys.exit(main())
