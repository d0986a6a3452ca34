"""Call the swapped-in functions on arguments Rust cannot take; compare with the originals.

Each call runs the original and the accelerated function on independent deep copies
of the arguments and records both results (repr), whether they are the same value of
the same type, and whether the arguments are the same afterwards (in-place mutation).
Prints one JSON list on stdout.
"""

import copy
import json

import rustify
from rustify import values

import e2eprog

originals = {name: getattr(e2eprog, name) for name in e2eprog.FUNCTIONS}
rustify.activate()
results = []


def check(name, *args):
    py_args, rs_args = copy.deepcopy(args), copy.deepcopy(args)
    expected = originals[name](*py_args)
    actual = getattr(e2eprog, name)(*rs_args)
    results.append({
        "call": f"{name}{args!r}",
        "kind": type(getattr(e2eprog, name)).__name__,
        "expected": repr(expected),
        "actual": repr(actual),
        "same_result": values.same_value(expected, actual),
        "same_args_after": values.same_value(py_args, rs_args),
    })


check("add_big", 3, 4)  # plain i64: Rust computes it
check("add_big", 2**40, 2**40)  # fits i64, the product does not: overflow deopts
check("add_big", 2**70, 3)  # an argument beyond 64 bits deopts
check("add_big", -(2**63), 1)  # i64::MIN * 1 + 1 fits
check("add_big", -(2**63), -1)  # overflows
check("scale_sum", [1.0, 2, 3.5], 1.5)  # an int in a float list
check("clip", [1, 30.0, 2.5, 25], 20.0)  # the int must stay an int in the result
check("bump", [1, 2.5], 0.5)  # the fallback mutates the caller's list
check("bump", [1.0, 2.5], 0.5)  # Rust writes the mutation back
check("sum_sq", [2**70, 1.5])  # a big int element
print(json.dumps(results))
