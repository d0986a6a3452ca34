//! Unit tests of the pure helpers, one file per runtime module (`cargo test`).

mod arith;
mod builtins;
mod list;
mod text;
mod gen;
mod val;
mod view;
