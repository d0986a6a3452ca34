"""A small HTML builder in which text is escaped unless it is already markup.

`tag("td", name, class_="x")` escapes `name`; a `Markup` child (what `tag` returns) is kept
as it is. Nothing else turns a str into markup, so text from documents and sources (a
function name, a message, a line of code, a Rust snippet) cannot become HTML by accident.
"""

from __future__ import annotations

import html
from collections.abc import Iterable


class Markup(str):
    """HTML that is safe to insert as it is."""




def escape(text: object) -> Markup:
    return Markup(html.escape(str(text), quote=True))


def render(child: object) -> Markup:
    """Children as HTML: markup kept, text escaped, None left out, iterables flattened."""
    if child is None:
        return Markup("")
    if isinstance(child, Markup):
        return child
    if isinstance(child, (str, int, float)):
        return escape(child)
    if isinstance(child, Iterable):
        return Markup("".join(render(c) for c in child))
    raise TypeError(f"cannot render a {type(child).__name__}")


def attributes(attrs: dict[str, object]) -> str:
    """` name="value"` pairs: a trailing `_` is dropped (`class_`), `_` inside becomes `-`
    (`data_id`), True is a bare attribute, None and False are left out."""
    out = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        out.append(f" {name}" if value is True else f' {name}="{html.escape(str(value), quote=True)}"')
    return "".join(out)


def tag(element: str, *children: object, **attrs: object) -> Markup:
    return Markup(f"<{element}{attributes(attrs)}>{render(children)}</{element}>")


def void(element: str, **attrs: object) -> Markup:
    """An element without children or end tag (`meta`, `br`)."""
    return Markup(f"<{element}{attributes(attrs)}>")
