"""Pass 5: Rust text from IR (function bodies, the PyO3 layer)."""
