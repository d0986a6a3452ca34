"""Parity counter-examples as Python calls a user can paste: `f([1.0, nan], 2)` written
`f([1.0, float('nan')], 2)`.

The arguments are stored encoded (rustify.values). Each value is written as Python source
from its encoding: what has no literal as the expression that makes it (`float('nan')`,
`np.array(...)`), and an instance of the program's classes by its class and attributes
(`Particle(x=1.5, vx=0.0)`: the call its `__init__` usually takes; rustify rebuilds it
without running `__init__`).
"""

from __future__ import annotations

import math
from typing import Any

from rustify import values


def call_text(qualname: str, args: list[Any]) -> str:
    return f"{qualname}({', '.join(source(a) for a in args)})"


def source(data: Any) -> str:
    """Python source for an encoded value."""
    if isinstance(data, list):
        return "[" + ", ".join(source(x) for x in data) + "]"
    if not (isinstance(data, dict) and len(data) == 1):
        return _scalar(data)
    (tag, body), = data.items()
    if tag == "$object" and isinstance(body, dict):
        name = str(body.get("class", "object")).rsplit(".", 1)[-1]
        return f"{name}({', '.join(f'{k}={source(v)}' for k, v in (body.get('state') or {}).items())})"
    if tag == "$opaque":
        return f"<a {body} object>"
    if tag == "$tuple" and isinstance(body, list):
        return "(" + ", ".join(source(x) for x in body) + ("," if len(body) == 1 else "") + ")"
    if tag == "$dict" and isinstance(body, list):
        return "{" + ", ".join(f"{source(k)}: {source(v)}" for k, v in body) + "}"
    if tag in ("$set", "$frozenset") and isinstance(body, list):
        if not body:
            return "set()" if tag == "$set" else "frozenset()"
        inner = "{" + ", ".join(source(x) for x in body) + "}"
        return inner if tag == "$set" else f"frozenset({inner})"
    try:
        value = values.decode(data)
    except (ValueError, ImportError, TypeError):
        return "<a value that cannot be shown>"
    if tag == "$ndarray":
        return f"np.array({_plain(value.tolist())}, dtype={value.dtype.name!r})"
    if tag == "$npscalar":
        return f"np.{value.dtype.name}({_scalar(value.item())})"
    return _scalar(value)


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "float('nan')"
        if math.isinf(value):
            return "float('inf')" if value > 0 else "-float('inf')"
    return repr(value)
