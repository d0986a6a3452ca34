"""Import the e2e program as a module and call `rustify.activate()`; print what each function is.

`python check_swap.py import-first` imports the program, then activates (functions of
loaded modules are swapped); `activate-first` activates, then imports (the import hook
swaps them). Prints one JSON object on stdout.
"""

import json
import sys

import rustify

if sys.argv[1] == "import-first":
    import e2eprog

    before = {name: type(getattr(e2eprog, name)).__name__ for name in e2eprog.FUNCTIONS}
    swapped = rustify.activate()
else:
    before = None
    swapped = rustify.activate()
    import e2eprog

after = {name: type(getattr(e2eprog, name)).__name__ for name in e2eprog.FUNCTIONS}
# which extension each came from (its `__module__` is e2eprog's, as the original's)
modules = {name: getattr(getattr(getattr(getattr(e2eprog, name), "__rustify__", None), "__self__", None),
                         "__name__", None) for name in e2eprog.FUNCTIONS}
faces = {name: getattr(getattr(e2eprog, name), "__module__", None) for name in e2eprog.FUNCTIONS}
print(json.dumps({"before": before, "after": after, "modules": modules, "faces": faces, "swapped": list(swapped)}))
