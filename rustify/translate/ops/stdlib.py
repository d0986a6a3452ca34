"""Operations of the standard library's workhorses: heapq, bisect, math.fsum/prod/isclose.

One entry per operation the IR names (`ir.Intrinsic.name`); the typing rule is in
lowering (builtins_stdlib.py), the Rust in emit/stdlib.py, the helpers in the runtime's
heap.rs and math_sums.rs. The heap and bisect operations deopt on a tuple holding a NaN
(CPython's tuple comparison sees that NaN's identity).
"""

from rustify.translate.ops.op import Op

OPS = (
    Op("bisect.bisect_left", nogil=True, deopts_on_float_tuples=True),
    Op("bisect.bisect_right", nogil=True, deopts_on_float_tuples=True),
    Op("bisect.insort_left", nogil=True, mutates=0, stores=True, deopts_on_float_tuples=True),
    Op("bisect.insort_right", nogil=True, mutates=0, stores=True, deopts_on_float_tuples=True),
    Op("heapq.heapify", nogil=True, mutates=0, deopts_on_float_tuples=True),
    Op("heapq.heappop", nogil=True, mutates=0, removes=True, deopts=False),
    Op("heapq.heappush", nogil=True, mutates=0, stores=True, deopts_on_float_tuples=True),
    Op("heapq.heappushpop", nogil=True, mutates=0, stores=True, deopts_on_float_tuples=True),
    Op("heapq.heapreplace", nogil=True, mutates=0, stores=True, deopts_on_float_tuples=True),
    Op("heapq.nbest", nogil=True, new_container=True),
    Op("heapq.take", nogil=True, new_container=True, deopts=False),
    Op("math.fsum", nogil=True, deopts=False),
    Op("math.isclose", nogil=True, deopts=False),
    Op("math.prod", nogil=True),
)
