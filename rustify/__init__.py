"""rustify: make the slow parts of Python programs fast by translating them to Rust."""

__version__ = "0.1.0"


def activate(build_doc: str | None = None) -> list[str]:
    """Swap the accelerated functions into this program (see `rustify.activation.activate`)."""
    from rustify.activation.activate import activate as _activate

    return _activate(build_doc)
