"""Stage 4, `rustify-build`: compile, install, prove parity, measure.

- `build.py`: the stage itself (`build`): cargo check, maturin, install, the build document.
- `toolchain.py`: finding cargo and maturin, the shared target folder, streaming progress.
- `runtime_crate.py`: the content-addressed copy of the runtime crate builds depend on.
- `build_cache.py`: reusing an identical earlier build.
- `verification.py`: parity and benchmarks in a fresh interpreter under resource limits.
- `inputs.py`: parity inputs generated from a function's types and samples.
- `identity.py`: which results share objects with arguments (checked by parity).
- `benchmarking.py`: the speedup table.
"""
