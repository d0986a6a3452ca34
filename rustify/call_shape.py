"""How a function's parameters are passed: positionally, by keyword (after `*`), or spread
(`*args`, `**kwargs`). Parity checks and benchmarks hold one value per parameter (a
captured sample's); they call the function with them as its program did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: how one parameter receives its value
KINDS = ("positional", "keyword", "star", "starstar")


@dataclass(frozen=True)
class CallShape:
    #: (parameter name, kind), in the order Python binds them
    params: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, params: list[dict]) -> CallShape:
        """From the generation document's `params` entries (no `kind`: positional)."""
        return cls(tuple((p["name"], p.get("kind", "positional")) for p in params))

    @property
    def plain(self) -> bool:
        return all(kind == "positional" for _, kind in self.params)

    def call_text(self, func: str, values: list[str]) -> str:
        """`func(a0, *a1, k=a2, **a3)`: the call as source, one value name per parameter."""
        parts = []
        for (name, kind), value in zip(self.params, values):
            parts.append({"positional": value, "keyword": f"{name}={value}", "star": f"*{value}",
                          "starstar": f"**{value}"}[kind])
        return f"{func}({', '.join(parts)})"

    def adapt(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """`func` taking one value per parameter, passing each as the program does."""
        if self.plain:
            return func

        def call(*values: Any) -> Any:
            positional: list[Any] = []
            keywords: dict[str, Any] = {}
            for (name, kind), value in zip(self.params, values):
                if kind == "positional":
                    positional.append(value)
                elif kind == "star":
                    positional.extend(value)
                elif kind == "keyword":
                    keywords[name] = value
                else:
                    keywords.update(value)
            return func(*positional, **keywords)

        call.__wrapped__ = func  # type: ignore[attr-defined]
        return call
