"""The translator's driver: from target functions of one module to IR functions.

For each target it picks parameter types (overrides from the selection document,
then annotations, then observed types), infers and lowers the body, and runs the IR
passes. Calls to other functions of the module instantiate them for the argument
types of the call (recursion included); a callee that cannot be translated makes the
caller rejected too, saying why. A function is translated whole or not at all.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from rustify import pytypes
from rustify.translate import builtins_stdlib as bstd
from rustify.translate import passes
from rustify.translate.annotations import ABSTRACT, annotation_type, observed_type, refine
from rustify.translate.errors import KeepAsObjects, Reject, Rejection, reject
from rustify.translate.fingerprint import code_fingerprint, function_codes
from rustify.translate.frontend import (
    ModuleInfo, ObjectDefault, check_shape, defaults, defaults_repr, is_generator, literal_type, parameters,
    stdlib_attribute,
)
from rustify.translate.genexp import NAME as GENEXPR, is_generator_expression
from rustify.translate.infer import infer
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.walk import walk_body
from rustify.translate.passes.index_ranges import version_loops
from rustify.translate.passes.read_in_place import read_in_place, read_str_in_place
from rustify.translate.passes.shared_items import share_items
from rustify.translate.passes.write_in_place import write_in_place
from rustify.translate.passes.str_pieces import use_str_pieces
from rustify.translate.ir.rtypes import (
    BOOL, FLOAT, INT, NONE, NUM, OBJ, UNKNOWN, ListT, NumT, ObjT, RType, TupleT,
    contains_mutable,
    is_known, join,
)
from rustify.translate.lower import Signature
from rustify.translate.methods import binding, check_method
from rustify.translate.passes.check_effects import Facts, check_effects
from rustify.translate.ir.rtypes import BYTES, STR
from rustify.translate.builtins_dict import check_write_back, is_mutable_container


#: what the callers of a generator function see: a call makes the generator (and never
#: deopts: a deopt in its body runs the original's generator in its place), whose body
#: runs Python code's consumer in between its steps
GENERATOR_CALL = Facts(effects=True, deopts=False, calls_python=True)


def holds_object(t: RType) -> bool:
    """Whether `t` is or holds an object-tier value (which may be anything: never in
    contradiction with an annotation, which CPython does not enforce)."""
    if isinstance(t, ObjT):
        return True
    return any(holds_object(v) for v in vars(t).values() if isinstance(v, RType)) or \
        isinstance(t, TupleT) and any(holds_object(i) for i in t.items)


def rtype_of(t: pytypes.PyType) -> RType | None:
    """The translator's type for an observed or written Python type, None if unsupported."""
    if isinstance(t, pytypes.Prim):
        return {"int": INT, "float": FLOAT, "bool": BOOL, "None": NONE, "str": STR, "bytes": BYTES}.get(t.name)
    if isinstance(t, pytypes.ListT):
        if isinstance(t.item, pytypes.UnknownT):
            return ListT(UNKNOWN)
        item = rtype_of(t.item)
        return ListT(item) if item is not None else None
    if isinstance(t, pytypes.TupleT) and not t.variadic:
        items = [rtype_of(i) for i in t.items]
        return TupleT(tuple(items)) if all(i is not None for i in items) else None  # type: ignore[arg-type]
    if isinstance(t, (pytypes.DictT, pytypes.SetT)):
        from rustify.translate.builtins_dict import container_rtype

        return container_rtype(t, rtype_of)
    if isinstance(t, pytypes.NdArrayT):
        from rustify.translate.ir.rtypes_numpy import DTYPES, NdArrayT

        return NdArrayT(t.dtype, t.ndim) if t.dtype in DTYPES and t.ndim in (1, 2) else None
    if isinstance(t, pytypes.OpaqueT):  # an instance of a class, a module, a callable...
        return OBJ
    if isinstance(t, pytypes.UnionT):
        out: RType | None = UNKNOWN
        for option in t.options:
            r = rtype_of(option)
            out = join(out, r) if r is not None else None
            if out is None:
                return None
        return out
    return None


#: the longest tuple the runtime converts to and from Python (FromPy/ToPy are implemented up to 8)
MAX_BOUNDARY_TUPLE = 8


def longest_tuple(t: RType) -> int:
    """The most items of any tuple inside `t` (0 if none)."""
    if isinstance(t, TupleT):
        return max([len(t.items)] + [longest_tuple(i) for i in t.items])
    inner = [v for v in vars(t).values() if isinstance(v, RType)] if hasattr(t, "__dict__") else []
    return max([0] + [longest_tuple(i) for i in inner])


def parse_rtype(text: str) -> RType | None:
    try:
        return rtype_of(pytypes.parse_type(text))
    except ValueError:
        return None


@dataclass
class Instance:
    """One translation of a function for one tuple of parameter types."""

    name: str
    rust_name: str
    param_types: tuple[RType, ...]
    ret: RType = UNKNOWN
    state: str = "inferring"  # inferring | done | rejected | provisional
    function: ir.Function | None = None
    rejection: Rejection | None = None
    mutated: frozenset[str] = frozenset()
    #: set while inferring when the result used the unfinished return type of another
    #: function still being inferred (mutual recursion): then the instance is only
    #: provisional, and is translated again when next asked for
    provisional: bool = False
    #: what its callers must know: effects, deopts (passes/check_effects.py)
    facts: Facts | None = None


@dataclass
class TargetResult:
    id: str
    qualname: str
    status: str  # translated | rejected
    function: ir.Function | None = None
    rejections: list[Rejection] = field(default_factory=list)


class ModuleTranslator:
    """Translates the targets of one source module; also the Resolver for calls."""

    def __init__(self, info: ModuleInfo, prefix: str = "") -> None:
        self.info = info
        self.prefix = prefix
        self.instances: dict[tuple[str, tuple[RType, ...]], Instance] = {}
        self.names_used: set[str] = set()
        #: the instances being inferred, outermost first
        self.stack: list[Instance] = []
        #: parameter name -> (a type observed for it in another function, that function)
        self.seen_types: dict[str, tuple[str, str]] = {}
        #: the module's function code objects as CPython compiles them, taken before any
        #: lowering looks at the tree (for the guards' fingerprints)
        try:
            self._codes = function_codes(compile(info.tree, info.path, "exec", dont_inherit=True))
        except (SyntaxError, ValueError):
            self._codes = {}

    # ---------------------------------------------------------------- targets

    def translate(self, fid: str, qualname: str, overrides: dict[str, str], observed: dict | None,
                  line: int | None = None) -> TargetResult:
        fn = self.info.definition(qualname)
        method = self.info.methods.get(qualname)
        if fn is not None and line is not None and fn.lineno != line and not fn.decorator_list:
            where = "class's method" if method is not None else "module's function"
            rej = Rejection("redefined", line, 0, f"{qualname} is defined again at line {fn.lineno}: the {where} "
                            f"is that later one", "profile the program again, or remove one definition")
            return TargetResult(fid, qualname, "rejected", rejections=[rej])
        if fn is None:
            return TargetResult(fid, qualname, "rejected", rejections=[self._not_a_target(qualname)])
        name = qualname.rsplit(".", 1)[-1]
        if method is not None and name.startswith("__") and name.endswith("__"):
            # CPython calls these through the type's slots (`Point(i)` finds `__init__` there):
            # anything but a Python function in the slot makes every such call slower
            rej = Rejection("special method", fn.lineno, fn.col_offset, f"{qualname} is a special method, called "
                            "through the class's type slots, which only Python functions keep fast",
                            "move the hot work of it into a method or function it calls")
            return TargetResult(fid, qualname, "rejected", rejections=[rej])
        try:
            if method is not None:
                check_method(method, self.info.bound)
            types = self.parameter_types(fn, overrides, observed)
            inst = self.instantiate(qualname, types)
            if inst.rejection is not None:
                raise Reject(inst.rejection)
            # Python does not enforce annotations: the inferred type is what CPython returns
            # (`-> float` on `return sum(xs)` is an int 0 for no items), so a compatible
            # annotation is only checked, and a contradicting one rejects the function.
            declared = self.declared_return(fn, overrides)
            if declared is not None and join(declared, inst.ret) is None and not holds_object(inst.ret):
                raise reject(fn, "return type", f"returns a {inst.ret}, but its return type is {declared}")
            assert inst.function is not None
            for t in [p.type for p in inst.function.params] + [inst.function.ret]:
                if longest_tuple(t) > MAX_BOUNDARY_TUPLE:
                    raise reject(fn, "tuple", f"a tuple of {longest_tuple(t)} items crosses the Python boundary",
                                 f"tuples of at most {MAX_BOUNDARY_TUPLE} items are converted; return a list")
            return TargetResult(fid, qualname, "translated", inst.function)
        except Reject as exc:
            return TargetResult(fid, qualname, "rejected", rejections=[exc.rejection])

    def _not_a_target(self, qualname: str) -> Rejection:
        """Why `qualname` names no function or method the translator can take."""
        where = self._find_any(qualname)
        place = (getattr(where, "lineno", 0), getattr(where, "col_offset", 0))
        if isinstance(where, ast.AsyncFunctionDef):
            return Rejection("async def", *place, "coroutines cannot be translated")
        if "<locals>" in qualname:
            return Rejection("nested function", *place, f"{qualname} is defined inside a function",
                             "only module-level functions and methods of module-level classes are translated")
        if "." in qualname:
            return Rejection("method", *place, f"{qualname} is not a method of a module-level class (a nested "
                             "class, or a class defined inside a statement)",
                             "only methods defined directly in a module-level class body are translated")
        return Rejection("function", *place, f"{qualname} is not a module-level function",
                         "only module-level functions and methods of module-level classes are translated")

    def _find_any(self, qualname: str) -> ast.AST | None:
        last = qualname.split(".")[-1]
        for node in ast.walk(self.info.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == last:
                return node
        return None

    def parameter_types(self, fn: ast.FunctionDef, overrides: dict[str, str], observed: dict | None) -> tuple[RType, ...]:
        """Each parameter's type: the override; else the annotation refined by the observed
        types (translate/annotations.py: abstract parts are what was observed, what is still
        unknown an object); else the default's type."""
        out = []
        observed_args = (observed or {}).get("args", {})
        defaults_ = defaults(fn, self.info)
        method = next((m for m in self.info.methods.values() if m.node is fn), None)
        receiver = parameters(fn)[0].arg if method is not None and binding(method) != "staticmethod" \
            and fn.args.args else None
        for arg in parameters(fn):
            name = arg.arg
            t: RType | None = None
            source = ""
            seen = observed_type(observed_args.get(name) or ())
            if name == receiver and name not in overrides:
                out.append(OBJ)  # the instance (the class for a classmethod): any object, as an object
                continue
            if arg is fn.args.vararg or arg is fn.args.kwarg:
                out.append(OBJ)  # the tuple or dict the call packs: an object
                continue
            if name in overrides:
                t, source = parse_rtype(overrides[name]), f"the override {overrides[name]!r}"
            elif arg.annotation is not None or seen is not None:
                written = annotation_type(arg.annotation) if arg.annotation is not None else ABSTRACT
                t = rtype_of(refine(written, seen))
                if t is None or not is_known(t):
                    t = OBJ  # values no native type holds together: the objects themselves
            elif isinstance(defaults_.get(name), ObjectDefault):  # only ever its default: any object
                t, source = OBJ, "its default value"
            elif defaults_.get(name) is not None:
                t, source = literal_type(defaults_[name]), "its default value"  # type: ignore[arg-type]
            if t is None or not is_known(t):
                what = f"from {source}" if source else "(no annotation, no observed calls)"
                raise reject(arg, "parameter type", f"cannot type parameter `{name}` {what}",
                             self.type_hint(fn, name, seen))
            out.append(t)
        return tuple(out)

    def type_hint(self, fn: ast.FunctionDef, name: str, seen: pytypes.PyType | None = None) -> str:
        """A fix to copy: the annotation, or the selection's `types` entry, with the type
        observed for this parameter, else for a parameter of that name elsewhere."""
        elsewhere = self.seen_types.get(name)
        example = str(seen) if seen is not None else elsewhere[0] if elsewhere else "TYPE"
        hint = (f'annotate it (`def {fn.name}(..., {name}: {example}, ...)`), or add "{name}": "{example}" '
                f"to this function's \"types\" in the selection document")
        if seen is not None:
            return f"{hint}; `{name}` was seen as {seen}"
        if elsewhere:
            return f"{hint}; `{name}` was seen as {elsewhere[0]} in {elsewhere[1]}()"
        return (f"{hint}, TYPE being its real type (list[float], dict[str, int], int | None, ...); "
                "no call of it was seen while profiling")

    def declared_return(self, fn: ast.FunctionDef, overrides: dict[str, str]) -> RType | None:
        """The return type written down, where it names a concrete type (it is only checked)."""
        if "return" in overrides:
            return parse_rtype(overrides["return"])
        if fn.returns is not None:
            t = rtype_of(annotation_type(fn.returns))
            return t if t is not None and is_known(t) and not holds_object(t) else None
        return None

    # ---------------------------------------------------------------- instances

    def _rust_name(self, name: str) -> str:
        """A Rust identifier for a translation of `name`, unique in the crate: `f_name` for
        an ASCII function name; otherwise a one-to-one spelling (`_` doubled, `.` as `_d`,
        any other non-ASCII character as `_u<hex>_`), `g_` for functions, `m_` for methods
        (`Point.norm` is `m_Point_dnorm`)."""
        spelled = f"{self.prefix}{name}"
        escaped = "".join("__" if c == "_" else "_d" if c == "." else c if c.isascii() else f"_u{ord(c):x}_"
                          for c in spelled)
        base = f"m_{escaped}" if "." in name else f"f_{spelled}" if spelled.isascii() else f"g_{escaped}"
        candidate, k = base, 1
        while candidate in self.names_used:
            k += 1
            candidate = f"{base}_{k}"
        self.names_used.add(candidate)
        return candidate

    def instantiate(self, name: str, types: tuple[RType, ...]) -> Instance:
        """The translation of `name` for these parameter types (made once, then cached).

        Mutual recursion: while `f` is inferred, a call to `g` translates `g`, whose call
        back to `f` sees `f`'s return type as found so far. That makes `g` provisional:
        it is translated again on its next use, when `f`'s type has settled.
        """
        key = (name, types)
        inst = self.instances.get(key)
        if inst is not None and inst.state != "provisional":
            return inst
        fn = self.info.definition(name)
        assert fn is not None
        if inst is None:
            inst = Instance(name, self._rust_name(name), types)
            self.instances[key] = inst
        else:
            inst.state, inst.ret, inst.function, inst.rejection = "inferring", UNKNOWN, None, None
        inst.provisional = False
        if is_generator(fn):
            inst.facts = GENERATOR_CALL  # known before its body is (a recursive generator)
        self.stack.append(inst)
        try:
            check_shape(fn, self.info, method=name in self.info.methods)
            # values that must be Python objects for the translation to stay exact (found by
            # check_effects: container arguments held while Python code runs, ints computed
            # after an effect): each retry adds some, so this ends
            current, forced = types, frozenset[str]()
            if is_generator(fn):
                # the body runs later, while the caller may change what it passed: containers
                # are read live, as the caller's objects (never copied at the call)
                forced = frozenset(a.arg for a, t in zip(parameters(fn), types) if contains_mutable(t))
                current = tuple(OBJ if a.arg in forced else t for a, t in zip(parameters(fn), current))
            first: Reject | None = None
            while True:
                try:
                    self._build(inst, fn, current, forced)
                    break
                except KeepAsObjects as exc:
                    more = frozenset(exc.names) - forced
                    if not more:
                        raise first or exc
                    forced |= more
                except Reject as exc:
                    # what native lists, dicts and sets cannot do exactly (a list both rebound
                    # and mutated, nested lists changed in place, aliasing) the caller's
                    # objects themselves can: container arguments become objects, once
                    containers = frozenset(a.arg for a, t in zip(parameters(fn), current)
                                           if contains_mutable(t) and a.arg not in forced)
                    if first is not None or not containers:
                        raise first or exc
                    first = exc
                    forced |= containers
                current = tuple(OBJ if a.arg in forced else t for a, t in zip(parameters(fn), current))
        except Reject as exc:
            inst.state = "rejected"
            inst.rejection = exc.rejection
            if exc.rejection.line == 0:  # found by an IR pass with no better place: the def
                inst.rejection = replace(exc.rejection, line=fn.lineno, col=fn.col_offset)
        finally:
            self.stack.pop()
        if inst.provisional:
            inst.state = "provisional"
        return inst

    def _build(self, inst: Instance, fn: ast.FunctionDef, types: tuple[RType, ...], forced: frozenset[str]) -> None:
        """Infer, lower and check one translation of `fn` (locals in `forced` are objects)."""
        name = inst.name
        params = {a.arg: t for a, t in zip(parameters(fn), types)}

        def seen_return(t: RType) -> None:
            inst.ret = t

        inferred = infer(fn, self.info, params, self, on_return=seen_return, forced=forced)
        inst.ret = inferred.ret
        lowering = inferred.lowering
        modes = []
        for arg in parameters(fn):
            t = inferred.params[arg.arg]  # (a container's items may have widened its type)
            mode = "value"
            if isinstance(t, ListT) or is_mutable_container(t):
                if arg.arg in lowering.mutated:
                    if arg.arg in lowering.rebound:
                        raise reject(arg, "list parameter", f"`{arg.arg}` is both rebound and mutated",
                                     "mutate a copy under another name")
                    mode = "mut"
                    check_write_back(arg, t)
                elif arg.arg not in lowering.rebound:
                    mode = "ref"
            star = "*" if arg is fn.args.vararg else "**" if arg is fn.args.kwarg else ""
            modes.append(ir.Param(arg.arg, t, mode, kw_only=arg in fn.args.kwonlyargs, star=star))
        locals_ = tuple(sorted((n, t) for n, t in inferred.env.items() if n not in params))
        function = ir.Function(
            name=name, qualname=name, rust_name=inst.rust_name, params=tuple(modes), ret=inferred.ret,
            locals=locals_, body=lowering.body,
            defaults=tuple(sorted(defaults(fn, self.info).items())),
            mutated=tuple(sorted(lowering.mutated)),
            mutation_sites=tuple(sorted((n, *site) for n, site in lowering.mutation_sites.items())),
            maybe_unbound=tuple(sorted(lowering.maybe_unbound)),
            line=fn.lineno, col=fn.col_offset, stdlib=tuple(sorted(lowering.stdlib)), generator=is_generator(fn),
        )
        if is_generator_expression(name, self.info):
            function = replace(function, qualname=GENEXPR)
        checked = passes.run(function, self.info)
        inst.facts = check_effects(checked, self.facts())
        if is_generator_expression(name, self.info) and inst.facts.deopts:
            # (it has no Python original to hand a deopt to)
            raise reject(fn, "generator expression", "the generator expression may need the Python original "
                         "(an int beyond 64 bits, a value of another type)", "use a list comprehension")
        if function.generator:
            inst.facts = GENERATOR_CALL
        checked = write_in_place(checked, self.facts())
        if not inst.facts.effects and not inst.facts.calls_python:
            checked = read_in_place(checked)
        checked = read_str_in_place(version_loops(checked))  # after the modes: a view's length is fixed too
        checked = share_items(use_str_pieces(checked))
        inst.function = checked
        inst.mutated = frozenset(p.name for p in modes if p.mode == "mut")
        inst.state = "done"

    def facts(self) -> dict[str, Facts]:
        """What is known of each translated function, by Rust name (for check_effects)."""
        return {i.rust_name: i.facts for i in self.instances.values() if i.facts is not None}

    def signature(self, name: str, arg_types: list[RType], node: ast.AST, final: bool = True) -> Signature:
        """Instantiate `name` for the call's argument types (annotations are not
        enforced by Python, so the arguments' real types decide); defaults fill the rest.

        In an inference round (`final` False) a provisional failure is not final: the
        call's type is just unknown for now."""
        fn = self.info.functions[name]
        defaults_ = defaults(fn, self.info)
        types = []
        for arg, t in zip(parameters(fn), arg_types):
            if not is_known(t) and isinstance(defaults_.get(arg.arg), ObjectDefault):
                t = OBJ
            elif not is_known(t) and defaults_.get(arg.arg) is not None:
                t = literal_type(defaults_[arg.arg])  # type: ignore[arg-type]
            elif not is_known(t) and arg.arg in defaults_ and arg.annotation is not None:
                # a `x: T | None = None` parameter left out: its annotated type
                t = rtype_of(annotation_type(arg.annotation)) or t
            types.append(t)
        inst = self.instantiate(name, tuple(types))
        if inst.state == "inferring" and inst is not self.stack[-1]:
            # a call back into a function still being inferred: whatever is translated
            # above it on the stack depends on its unfinished return type
            for caller in self.stack[self.stack.index(inst) + 1:]:
                caller.provisional = True
        if inst.state == "provisional" and inst.rejection is not None and not final:
            params = tuple((a.arg, t) for a, t in zip(parameters(fn), types))
            return Signature(inst.rust_name, params, UNKNOWN, defaults_, inst.mutated)
        if inst.rejection is not None:
            assert inst.rejection is not None
            r = inst.rejection
            raise reject(node, "call", f"calls {name}(), which cannot be translated: {r.message} "
                         f"(line {r.line})", r.hint)
        if inst.function is not None:  # its parameters as translated (containers may be objects)
            types = [p.type for p in inst.function.params]
        params = tuple((a.arg, t) for a, t in zip(parameters(fn), types))
        # a generator function's call makes its generator (emit/objects.py `generator_call`)
        ret = OBJ if is_generator(fn) else inst.ret
        return Signature(inst.rust_name, params, ret, defaults_, inst.mutated)

    def globals_read(self, root: ir.Function) -> tuple[ir.GlobalRead, ...]:
        """What `root` and every function it calls read of the module's globals, sorted by
        name: constants by value, called functions (the root too, when it recurses)."""
        reach = self.reachable([root])
        name_of = {f.rust_name: f.name for f in reach}
        out: dict[str, ir.GlobalRead] = {}
        for f in reach:
            for name, module, attr in f.stdlib:
                out.setdefault(name, ir.GlobalRead(name, "stdlib object", module=module, attr=attr))
            for node in walk_body(f.body):
                if isinstance(node, ir.Global) and node.name not in out:
                    value, t = self.info.constants[node.name]
                    out[node.name] = ir.GlobalRead(node.name, "constant", t, value)
                elif isinstance(node, ir.Call) and name_of.get(node.func, node.func) not in out:
                    name = name_of[node.func]
                    if is_generator_expression(name, self.info):
                        continue  # (no module global: made where it stands)
                    fn = self.info.functions[name]
                    out[name] = ir.GlobalRead(name, "function", line=fn.lineno, defaults=defaults_repr(fn, self.info),
                                              fingerprint=self.fingerprint(fn))
        for f in reach:
            out.update(self.stdlib_reads(f, out))
        return tuple(out[k] for k in sorted(out))

    def stdlib_reads(self, f: ir.Function, known: dict[str, ir.GlobalRead]) -> dict[str, ir.GlobalRead]:
        """The standard library functions `f`'s source names (`heapq.heappush`, a `from bisect
        import insort` name): a rebinding of the name, or of the module's function, deopts."""
        definition = self.info.definition(f.qualname)
        found: dict[str, ir.GlobalRead] = {}
        for node in ast.walk(definition) if definition is not None else ():
            std = stdlib_attribute(node, self.info) if isinstance(node, (ast.Attribute, ast.Name)) else None
            if std is None:
                continue
            module, attr, name = std
            if module not in bstd.MODULES:  # itertools: its loops record their own reads (Function.stdlib)
                continue
            through = isinstance(node, ast.Attribute)
            key = f"{name}.{attr}" if through else name
            if key not in known:
                found[key] = ir.GlobalRead(name, "stdlib module" if through else "stdlib", module=module, attr=attr)
        return found

    def fingerprint(self, fn: ast.FunctionDef) -> int:
        """The fingerprint of `fn`'s code as CPython compiles the module (translate/fingerprint.py)."""
        candidates = self._codes.get(fn.name, [])
        code = next((c for c in candidates if c.co_firstlineno == fn.lineno), None)
        if code is None:
            code = next((c for c in candidates if c.co_firstlineno == min(
                (d.lineno for d in fn.decorator_list), default=fn.lineno)), candidates[-1] if candidates else None)
        return code_fingerprint(code) if code is not None else 0

    def reachable(self, roots: list[ir.Function]) -> list[ir.Function]:
        """The instances the roots call, transitively, roots first (what to emit)."""
        for inst in list(self.instances.values()):
            if inst.state == "provisional":  # settle what mutual recursion left open
                self.instantiate(inst.name, inst.param_types)
        by_rust = {i.rust_name: i.function for i in self.instances.values() if i.function is not None}
        seen: dict[str, ir.Function] = {}
        stack = list(roots)
        while stack:
            fn = stack.pop()
            if fn.rust_name in seen:
                continue
            seen[fn.rust_name] = fn
            for callee in passes.called_functions(fn):
                if callee in by_rust and callee not in seen:
                    stack.append(by_rust[callee])  # type: ignore[arg-type]
        return list(seen.values())


__all__ = ["ModuleTranslator", "TargetResult", "rtype_of", "parse_rtype", "NUM", "NumT"]
