//! The coroutine side of generators (runtime/src/gen.rs) that needs no interpreter: a
//! body runs on a pooled stack, a finished one gives its stack back for the next, and a
//! `yield` outside any generator body is an error, not a crash.

use crate::gen::{give_stack, pooled_stacks, take_stack, Coro};
use crate::*;
use corosensei::CoroutineResult;

#[test]
fn yield_outside_a_generator_is_a_runtime_error() {
    let got = gen_yield(Val::int(1).unwrap());
    assert!(matches!(got, Err(Exc::Raise(ExcKind::RuntimeError, _))), "{got:?}");
}

#[test]
fn a_finished_body_gives_its_stack_back_and_the_next_reuses_it() {
    let before = pooled_stacks();
    for _ in 0..3 {
        let mut coro: Coro = corosensei::Coroutine::with_stack(take_stack().unwrap(), |_y, _first| Err(Exc::Deopt));
        assert!(matches!(coro.resume(Err(Exc::Deopt)), CoroutineResult::Return(Err(Exc::Deopt))));
        give_stack(coro);
        assert_eq!(pooled_stacks(), before.max(1), "one stack, reused");
    }
}
