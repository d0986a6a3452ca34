"""rustify: make the slow parts of Python programs fast by translating them to Rust."""

__version__ = "0.1.0"
