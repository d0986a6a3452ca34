"""What a function's code is, independent of where it sits in its file.

A translation bakes in the module functions it calls, so the exported function checks on
entry that each still is the same `def` (runtime/src/guard.rs). "The same" is judged by
this fingerprint of its code object: the bytecode, names, variables, signature flags and
constants (nested code by its own fingerprint), but not line numbers, so a comment or a
function added above it does not make the check fail, and any edit of its body does.
The runtime computes the same value from the live code object; the algorithm (FNV-1a,
64 bits, over the byte stream below) is written twice and the tests compare the two.
"""

from __future__ import annotations

from types import CodeType

_OFFSET = 0xCBF29CE484222325
_PRIME = 0x100000001B3
_MASK = 0xFFFFFFFFFFFFFFFF


def const_text(value: object) -> str:
    """repr, with the members of frozensets sorted (their order varies between runs)."""
    if type(value) is frozenset:
        return "frozenset{" + ",".join(sorted(const_text(v) for v in value)) + "}"
    if type(value) is tuple:
        return "(" + ",".join(const_text(v) for v in value) + ")"
    return repr(value)


def _stream(code: CodeType, out: list[bytes]) -> None:
    out.append(code.co_code)
    out.append(b"\0" + repr(code.co_names).encode())
    out.append(b"\0" + repr(code.co_varnames).encode())
    signature = (code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount, code.co_flags)
    out.append(b"\0" + repr(signature).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            out.append(b"\0C")
            _stream(const, out)
        else:
            out.append(b"\0" + const_text(const).encode())
        out.append(b"\1")


def code_fingerprint(code: CodeType) -> int:
    parts: list[bytes] = []
    _stream(code, parts)
    h = _OFFSET
    for byte in b"".join(parts):
        h = ((h ^ byte) * _PRIME) & _MASK
    return h


def function_codes(module_code: CodeType) -> dict[str, list[CodeType]]:
    """The code objects of a module's top-level functions, by name."""
    out: dict[str, list[CodeType]] = {}
    for const in module_code.co_consts:
        if isinstance(const, CodeType) and not const.co_name.startswith("<"):
            out.setdefault(const.co_name, []).append(const)
    return out
