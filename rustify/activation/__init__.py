"""Stage 5, `rustify run` and `rustify.activate()`: accelerated functions swapped into a
program without editing it (`activate.py`)."""
