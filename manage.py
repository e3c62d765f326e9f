#!/usr/bin/env python
"""Django's own entry point; ``corridor`` (the console command) is the same thing."""

import sys

from corridor.cli import main

if __name__ == "__main__":
    main(sys.argv[1:])
