//! Unit tests of the pure helpers, one file per runtime module (`cargo test`).

mod arith;
mod builtins;
mod heap;
mod math_sums;
mod list;
mod text;
mod text_layout;
mod text_view;
mod gen;
mod val;
mod view;
