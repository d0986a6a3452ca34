"""Stage 3, `rustify-gen`: the selected functions translated into one maturin crate.

- `generate.py`: per source file, translate the targets (`rustify.translate`) and
  assemble the generation document (`generate`).
- `crate.py`: writing the crate folder without ever clobbering a user's edits.

The crate's `Cargo.toml` depends on the runtime crate (`rustify.building.runtime_crate`).
"""
