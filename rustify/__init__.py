"""rustify: make the slow parts of Python programs fast by translating them to Rust."""

__version__ = "0.1.0"


def activate(*args, **kwargs):  # pragma: no cover - thin re-export, real code in activation
    """Swap accelerated functions into loaded modules (see rustify.activation)."""
    from rustify.activation import activate as _activate

    return _activate(*args, **kwargs)
