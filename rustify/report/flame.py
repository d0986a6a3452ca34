"""A flame graph of the sampled stacks as inline SVG (an icicle: callers above callees).

Each box is a function on a path of calls, as wide as the time sampled in it (its callees
included), coloured by what became of the function: accelerated (also a function called
by an accelerated one whose translation includes it), Python (the program's own, not
accelerated), or library code. Hovering shows the name, place and time (`<title>`);
a box of a function with a section in the report links to it. Boxes narrower than a pixel
are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rustify.records import Sampled
from rustify.report.html import Markup, tag
from rustify.sources import function_id

WIDTH = 1200
ROW = 18
CHAR = 6.6  # the average width of a character of the label font, in pixels


@dataclass
class Node:
    frame: int
    seconds: float = 0.0
    children: dict[int, Node] = field(default_factory=dict)


def tree(sampled: Sampled) -> Node:
    root = Node(-1)
    for stack in sampled.stacks:
        root.seconds += stack.seconds
        node = root
        for i in stack.frames:
            node = node.children.setdefault(i, Node(i))
            node.seconds += stack.seconds
    return root


def flame_graph(sampled: Sampled, status: dict[str, str], anchors: dict[str, str],
                includes: dict[str, set[str]] | None = None) -> Markup:
    """`status`: function id -> a CSS class for its colour (functions not in it are library
    code); `anchors`: function id -> the id of its section; `includes`: accelerated function
    id -> the qualnames its translation includes (called from it, they run as Rust too)."""
    root = tree(sampled)
    if root.seconds <= 0:
        return Markup("")
    boxes: list[Markup] = []
    depth = _layout(root, 0.0, 0, WIDTH / root.seconds, Layout(sampled, status, anchors, includes or {}, root.seconds),
                    boxes, frozenset())
    height = (depth + 1) * ROW
    label = f"all samples: {root.seconds:.3f} s"
    top = tag("g", tag("rect", x=0, y=0, width=WIDTH, height=ROW - 1, class_="fl-root"),
              tag("text", label, x=4, y=ROW - 5), tag("title", label))
    return tag("svg", top, boxes, xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {WIDTH} {height}",
               width="100%", role="img", class_="flame", aria_label="flame graph of the sampled stacks")


@dataclass
class Layout:
    sampled: Sampled
    status: dict[str, str]
    anchors: dict[str, str]
    includes: dict[str, set[str]]
    total: float


def _layout(node: Node, x: float, depth: int, scale: float, at: Layout, boxes: list[Markup],
            inside: frozenset[str]) -> int:
    """Lay out `node`'s children from `x`; `inside`: the qualnames the translation of the
    accelerated function above includes. Returns the deepest row used."""
    deepest = depth
    for child in sorted(node.children.values(), key=lambda n: -n.seconds):
        width = child.seconds * scale
        if width >= 1:
            frame = at.sampled.frames[child.frame]
            fid = function_id(frame.file, frame.line, frame.name)
            place = f"{frame.file}:{frame.line}" if frame.line else frame.file
            colour = at.status.get(fid, "fl-library")
            if frame.name in inside and fid in at.status:
                colour, title_end = "fl-native", ", run as Rust inside its caller's translation"
            else:
                title_end = ""
            title = f"{frame.name} ({place}): {child.seconds:.3f} s, {100 * child.seconds / at.total:.1f}%{title_end}"
            y = (depth + 1) * ROW
            parts = [tag("rect", x=f"{x:.1f}", y=y, width=f"{max(width - 0.5, 0.5):.1f}", height=ROW - 1,
                         class_=colour),
                     tag("title", title)]
            fits = int((width - 6) / CHAR)
            if fits >= 3:
                text = frame.name if len(frame.name) <= fits else frame.name[:fits - 1] + "…"
                parts.append(tag("text", text, x=f"{x + 3:.1f}", y=y + ROW - 5))
            box = tag("g", parts, class_="fl-box")
            boxes.append(tag("a", box, href=f"#{at.anchors[fid]}") if fid in at.anchors else box)
            below = inside if fid not in at.includes else frozenset(at.includes[fid])
            deepest = max(deepest, _layout(child, x, depth + 1, scale, at, boxes, below))
        x += width
    return deepest

