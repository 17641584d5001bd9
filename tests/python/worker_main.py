"""The main-module file of a pytest-xdist worker (see conftest.py): empty, so a process that
multiprocessing spawns from a worker runs nothing when it loads it."""
