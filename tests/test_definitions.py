"""Parity checks load a script's definitions, never its program (building/definitions.py)."""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

import pytest

from rustify.building.definitions import definitions
from rustify.building.verification import load_original

SCRIPT = textwrap.dedent("""\
    \"\"\"A script with its program at top level, no __main__ guard.\"\"\"
    import math
    try:
        import numpy as np
    except ImportError:
        np = None
    import sys
    if sys.version_info >= (3, 8):
        FAST = True
    RATE = 0.07
    TABLE = [0] * 8
    NAMES: tuple = ("a", "b")
    LIMIT = max(3, len(NAMES))
    DATA = open("input.txt").read()        # program: reads a file
    scale = RATE * 2                        # pure arithmetic: kept

    def grow(x):
        return x * (1.0 + RATE) + math.sqrt(LIMIT)

    def uses_data(n):
        return len(DATA) * n

    class Box:
        size = 3

    for i in range(3):                      # program
        print("looping", i)
    with open("out.txt", "w") as fh:        # program: writes a file
        fh.write("x")
    grow(1.0)                               # program: a call
    if __name__ == "__main__":
        print("main")
""")


def test_definitions_keep_what_defines_and_drop_the_program() -> None:
    tree, skipped = definitions(ast.parse(SCRIPT))
    kept = [ast.unparse(n).splitlines()[0] for n in tree.body]
    assert kept == ["'A script with its program at top level, no __main__ guard.'", "import math", "try:",
                    "import sys", "if sys.version_info >= (3, 8):", "RATE = 0.07", "TABLE = [0] * 8",
                    "NAMES: tuple = ('a', 'b')", "LIMIT = max(3, len(NAMES))", "scale = RATE * 2",
                    "def grow(x):", "def uses_data(n):", "class Box:"]
    assert [(s.line, sorted(s.binds)) for s in skipped] == [(14, ["DATA"]), (26, ["i"]), (28, ["fh"]), (30, [])]


def test_a_script_is_loaded_without_running_its_program(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "script.py").write_text(SCRIPT)
    cache: dict = {}
    grow = load_original(str(tmp_path), "script.py", "grow", cache, script=True, reads=("RATE", "LIMIT"))
    assert grow(1.0) == 1.0 * 1.07 + 3 ** 0.5
    box = load_original(str(tmp_path), "script.py", "Box", cache, script=True)
    assert box.size == 3 and "NAMES" in vars(sys.modules[grow.__module__])
    assert sys.modules[grow.__module__].__annotations__ == {"NAMES": tuple}  # evaluated: no inherited __future__
    assert not (tmp_path / "out.txt").exists()
    assert capsys.readouterr().out == ""
    with pytest.raises(ValueError, match=r"it reads `DATA`, which only the script's program sets \(line 14\)"):
        load_original(str(tmp_path), "script.py", "uses_data", cache, script=True, reads=("DATA",))


def test_tables_built_by_pure_helpers_are_definitions() -> None:
    """`PAIRS = combinations(SYSTEM)` (n-body): a helper of the module that only builds
    values runs while loading; one that prints, writes a global or an attribute does not."""
    source = textwrap.dedent("""\
        BODIES = {"a": [1.0], "b": [2.0], "c": [3.0]}
        SYSTEM = list(BODIES.values())

        def combinations(items):
            out = []
            for i in range(len(items) - 1):
                for other in items[i + 1:]:
                    out.append((items[i], other))
            return out

        def noisy(items):
            print("loading")
            return items

        def registers(items):
            global SYSTEM
            SYSTEM = items
            return items

        def tags(items):
            items[0].tag = 1
            return items

        PAIRS = combinations(SYSTEM)
        LOUD = noisy(SYSTEM)
        REG = registers(SYSTEM)
        TAGGED = tags(SYSTEM)
        CONFIG = open("config.txt").read().split()
    """)
    tree, skipped = definitions(ast.parse(source))
    kept = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    assert {"BODIES", "SYSTEM", "PAIRS"} <= kept
    assert {"LOUD", "REG", "TAGGED", "CONFIG"} == {name for s in skipped for name in s.binds}
    namespace: dict = {}
    exec(compile(tree, "<definitions>", "exec"), namespace)
    assert namespace["PAIRS"] == [([1.0], [2.0]), ([1.0], [3.0]), ([2.0], [3.0])]
