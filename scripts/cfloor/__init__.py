"""The C floor: hand-written C-API versions of the examples' numeric kernels.

kernels.c is the reference for how fast an exact translation can be (items read in
place, C doubles, CPython's own float operations in CPython's order); build.py compiles
it for the running interpreter with gcc; measure.py times CPython, rustify and the C
kernel side by side and checks that the C kernel returns exactly what CPython returns.
`make bench` (scripts/bench.py) prints the result as rustify's distance to the floor.
"""
