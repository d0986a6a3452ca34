"""Stage 1, `rustify-profile`: where a program spends its time, and the types and values its
hot functions receive.

- `profile.py`: the stage (`profile_program`, `import_pstats`, `import_speedscope`).
- `child.py`: runs the program in a fresh interpreter under cProfile and the call tracer;
  kept light to import (this package imports nothing), since its start-up is profiling cost.
- `capture.py`: the call tracer (argument and return types, samples).
- `table.py`, `pstats_import.py`, `speedscope_import.py`: profiles into the document.
"""
