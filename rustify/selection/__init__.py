"""Stage 2, `rustify-select`: which profiled functions are worth translating.

- `select.py`: the selection rules and the selection document (`select`).
- `static_check.py`: the source-level look (generators, recursion, ...) behind skip reasons.
"""
