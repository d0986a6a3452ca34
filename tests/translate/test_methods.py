"""Methods of module classes as targets (qualname `Class.method`), without a build: what
translates (self/cls as objects, attribute reads and writes, static and class methods),
what is rejected and where (super(), __class__, other decorators, nested classes), the
private-name mangling CPython's compiler does, the Rust names, and the export that binds
its own arguments. The built behaviour (binding, deopt, CPython's messages) is checked
end to end by tests/e2e/test_methods_program.py."""

from __future__ import annotations

import ast
import textwrap

import pytest

from rustify.translate.emit.pyo3 import Export, binds_itself, emit_lib
from rustify.translate.frontend import scan_module
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.ir.rtypes import FLOAT, INT, ObjT
from rustify.translate.ir.walk import walk_body
from rustify.translate.methods import mangle
from rustify.translate.translator import ModuleTranslator, TargetResult

SOURCE = '''\
import math

SCALE = 2.0


class Particle:
    """A point mass."""

    LIMIT = 100.0

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def step(self, dt):
        """Advance by dt."""
        self.x += self.vx * dt
        self.y = self.y + self.vy * dt
        return self.x

    def norm(self):
        return math.sqrt(self.x * self.x + self.y * self.y) * SCALE

    def bounce(self):
        self.vx = -self.vx
        return self.norm()

    @staticmethod
    def distance(ax, ay, bx, by):
        return math.sqrt((ax - bx) ** 2 + (ay - by) ** 2)

    @classmethod
    def count(cls, n):
        total = 0
        for i in range(n):
            total += i % 7
        return total

    def hidden(self, __k):
        self.__cache = self.__x * __k
        return self.__cache

    def sup(self):
        return super().norm()  # line 44

    def cell(self):
        return __class__  # line 47

    @property
    def speed(self):
        return self.vx

    @functools.lru_cache(None)
    def cached(self, n):
        return n

    def limited(self, k=LIMIT):
        return k

    async def later(self):
        return 1

    class Inner:
        def m(self):
            return 1


def free(x):
    return x * SCALE
'''

TYPES = {
    "Particle.__init__": {"args": {"self": {"__main__.Particle": 3}, "x": {"float": 3}, "y": {"float": 3}}},
    "Particle.step": {"args": {"self": {"__main__.Particle": 3}, "dt": {"float": 3}}},
    "Particle.norm": {"args": {"self": {"__main__.Particle": 3}}},
    "Particle.bounce": {"args": {"self": {"__main__.Particle": 3}}},
    "Particle.distance": {"args": {"ax": {"float": 3}, "ay": {"float": 3}, "bx": {"float": 3}, "by": {"float": 3}}},
    "Particle.count": {"args": {"n": {"int": 3}}},  # `cls` never observed: it is an object anyway
    "Particle.hidden": {"args": {"self": {"__main__.Particle": 3}, "_Particle__k": {"float": 3}}},
    "Particle.sup": {"args": {"self": {"__main__.Particle": 3}}},
    "Particle.cell": {"args": {"self": {"__main__.Particle": 3}}},
    "Particle.speed": {"args": {"self": {"__main__.Particle": 3}}},
    "Particle.cached": {"args": {"self": {"__main__.Particle": 3}, "n": {"int": 3}}},
    "Particle.limited": {"args": {"self": {"__main__.Particle": 3}}},
    "Particle.later": {"args": {"self": {"__main__.Particle": 3}}},
    "Particle.Inner.m": {"args": {"self": {"__main__.Particle.Inner": 3}}},
    "free": {"args": {"x": {"float": 3}}},
}


def line_of(text: str) -> int:
    return next(i for i, line in enumerate(SOURCE.splitlines(), start=1) if text in line)


@pytest.fixture(scope="module")
def translated() -> tuple[ModuleTranslator, dict[str, TargetResult]]:
    translator = ModuleTranslator(scan_module("prog.py", ast.parse(SOURCE)))
    results = {q: translator.translate(f"prog.py:0:{q}", q, {}, {"args": t["args"], "return": {}})
               for q, t in TYPES.items()}
    return translator, results


def ok(results: dict[str, TargetResult], qualname: str):
    result = results[qualname]
    assert result.status == "translated", result.rejections
    assert result.function is not None
    return result.function


def test_a_method_reading_and_writing_attributes_translates(translated) -> None:
    _, results = translated
    f = ok(results, "Particle.step")
    assert [p.name for p in f.params] == ["self", "dt"]
    assert isinstance(f.params[0].type, ObjT) and f.params[1].type == FLOAT
    nodes = list(walk_body(f.body))
    assert {n.attr for n in nodes if isinstance(n, obj.ObjAttr)} == {"x", "y", "vx", "vy"}
    assert {n.attr for n in nodes if isinstance(n, obj.ObjSetAttr)} == {"x", "y"}
    assert f.rust_name == "m_Particle_dstep" and f.qualname == "Particle.step"
    init = results["Particle.__init__"]  # called through the type's slots: kept a Python function
    assert init.status == "rejected" and init.rejections[0].construct == "special method"


def test_calling_another_method_stays_an_object_call(translated) -> None:
    """`self.norm()` may be a subclass's override: a method call on the object, as CPython's."""
    _, results = translated
    f = ok(results, "Particle.bounce")
    calls = [n for n in walk_body(f.body) if isinstance(n, obj.ObjMethod)]
    assert [c.method for c in calls] == ["norm"]


def test_static_and_class_methods_translate(translated) -> None:
    _, results = translated
    static = ok(results, "Particle.distance")
    assert [p.type for p in static.params] == [FLOAT] * 4  # no receiver: typed like any function
    cls = ok(results, "Particle.count")
    assert isinstance(cls.params[0].type, ObjT) and cls.params[1].type == INT
    assert cls.ret == INT


def test_a_method_reading_module_globals_guards_them(translated) -> None:
    translator, results = translated
    reads = translator.globals_read(ok(results, "Particle.norm"))
    assert [(r.name, r.kind) for r in reads] == [("SCALE", "constant")]


def test_private_names_are_mangled_as_the_compiler_does(translated) -> None:
    _, results = translated
    f = ok(results, "Particle.hidden")
    assert [p.name for p in f.params] == ["self", "_Particle__k"]
    nodes = list(walk_body(f.body))
    assert {n.attr for n in nodes if isinstance(n, obj.ObjAttr)} == {"_Particle__x", "_Particle__cache"}
    assert {n.attr for n in nodes if isinstance(n, obj.ObjSetAttr)} == {"_Particle__cache"}


@pytest.mark.parametrize("cls, name", [("Point", "__x"), ("Point", "__x__"), ("Point", "_x"), ("_Point", "__x"),
                                       ("__Point", "__y_"), ("___", "__x"), ("Point", "x"), ("Pœnt", "__é")])
def test_mangle_matches_cpython(cls: str, name: str) -> None:
    """The attribute name CPython's compiler writes for `self.<name>` in class `<cls>`."""
    source = f"class {cls}:\n    def m(self):\n        return self.{name}\n"
    namespace: dict = {}
    exec(compile(source, "<test>", "exec"), namespace)
    code = vars(namespace[cls])["m"].__code__
    assert code.co_names == (mangle(cls, name),)


@pytest.mark.parametrize("qualname, construct, text", [
    ("Particle.sup", "super()", "super().norm()"),
    ("Particle.cell", "__class__", "return __class__"),
    ("Particle.speed", "decorator", "@property"),
    ("Particle.cached", "decorator", "@functools.lru_cache"),
    ("Particle.limited", "default value", "def limited"),
    ("Particle.later", "async def", "async def later"),
    ("Particle.Inner.m", "method", "def m(self)"),
])
def test_methods_no_translation_can_stand_for_are_rejected_at_their_line(translated, qualname, construct,
                                                                         text) -> None:
    _, results = translated
    result = results[qualname]
    assert result.status == "rejected"
    rejection = result.rejections[0]
    assert (rejection.construct, rejection.line) == (construct, line_of(text)), rejection
    assert rejection.message


def test_rust_names_are_unique_and_spelled_safely() -> None:
    source = textwrap.dedent('''\
        class A_b:
            def c(self):
                return 1
        class A:
            def b_c(self):
                return 2
        def m_A_db__c(x: int) -> int:
            return x
    ''')
    translator = ModuleTranslator(scan_module("prog.py", ast.parse(source)))
    names = [ok({q: translator.translate(q, q, {}, None)}, q).rust_name for q in ("A_b.c", "A.b_c", "m_A_db__c")]
    assert names == ["m_A__b_dc", "m_A_db__c", "f_m_A_db__c"]
    assert all(n.isidentifier() and n.isascii() for n in names)


def test_module_functions_keep_their_pyfunction_and_methods_bind_themselves(translated) -> None:
    translator, results = translated
    method, free = ok(results, "Particle.step"), ok(results, "free")
    exports = [Export("Particle.step", method, doc="Advance by dt."), Export("free", free)]
    assert [binds_itself(e) for e in exports] == [True, False]
    lib = emit_lib("prog_rs", exports, translator.reachable([method, free]), compensated_sum=False)
    assert '#[pyo3(name = "free"' in lib and "m.add_function(wrap_pyfunction!(py_f_free, m)?)?" in lib
    assert 'rt::BoundDef::new("Particle.step", c"Particle.step", c"step(self, dt)\\n--\\n\\nAdvance by dt.", ' \
           '&["self", "dt"], 2,' in lib
    assert "rt::add_bound(m, &B_m_Particle_dstep)?; // rustify:register py_m_Particle_dstep" in lib
    assert '#[pyo3(name = "Particle.step"' not in lib


def test_a_module_function_with_a_parameter_rust_cannot_name_binds_itself() -> None:
    source = "def inc(self: int, _: int = 1) -> int:\n    return self + _\n"
    translator = ModuleTranslator(scan_module("prog.py", ast.parse(source)))
    f = ok({"inc": translator.translate("inc", "inc", {}, None)}, "inc")
    export = Export("inc", f)
    assert binds_itself(export)
    lib = emit_lib("prog_rs", [export], translator.reachable([f]), compensated_sum=False)
    assert '&["self", "_"], 2,' in lib and "[Some(__s0), __s1] => Some(py_f_inc(py, __s0, rt::given(__s1)))" in lib


def _outcome(func, args: tuple, kwargs: dict) -> tuple[str, str]:
    try:
        return "ok", repr(func(*args, **kwargs))
    except Exception as exc:  # the exception is the outcome compared
        return type(exc).__name__, str(exc)


class _Anything:
    """Any object as `self`: a translated method's receiver is an object of any type."""


@pytest.mark.slow
@pytest.mark.parametrize("key, calls", [
    ("must_reject.uses_self", [((1,), {}), ((), {"self": 2}), ((2**70,), {}), ((1.5,), {}), ((), {}),
                               ((1, 2), {}), ((1,), {"self": 1}), ((), {"selff": 1}), ((), {"self": 1, "x": 2})]),
    ("must_reject.Accumulator.twice", [((_Anything(), 2.0), {}), ((), {"self": 1, "x": 2.5}), ((_Anything(),), {"x": 3}),
                                       ((_Anything(),), {}), ((_Anything(), 1.0, 2.0), {}), ((), {"x": 1.0}),
                                       ((_Anything(), 1.0), {"x": 1.0})]),
])
def test_a_self_binding_export_binds_calls_as_cpython(built_cases, key: str, calls) -> None:
    """The built export of a method (and of a function with a parameter named `self`): calls
    by position and by keyword give the original's result; calls that do not bind give
    CPython's own TypeError (the original raises it), never a PyO3 message."""
    rust, original = built_cases.rust(key), built_cases.originals[key]
    assert rust is not None, built_cases.entries[key].rejections
    for args, kwargs in calls:
        assert _outcome(rust, args, kwargs) == _outcome(original, args, kwargs), (args, kwargs)
    signature = {"must_reject.uses_self": "(self)", "must_reject.Accumulator.twice": "(self, x)"}[key]
    assert (rust.__name__, rust.__text_signature__) == (original.__qualname__, signature)
