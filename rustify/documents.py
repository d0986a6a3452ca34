"""All document I/O: read, parse, validate, convert, write.

Every stage reads and writes its documents through this module, so the rules of
DESIGN.md sections 1-2 hold in one place:

- input comes from a path, or stdin for `None`/`"-"`; it is parsed with orjson and
  validated against `schemas/<kind>.schema.json`; every problem is reported as one
  line naming the file and the JSON path, sorted by path;
- output is validated too (a stage that would write an invalid document has a bug),
  then written to stdout or atomically to a file (temp file in the same folder, then
  rename), so a failed stage never leaves half a document behind;
- records are dataclasses (`rustify.records`); keys a record does not know are kept
  in its `extra` and written back unchanged.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import sys
import tempfile
import types
import typing
from pathlib import Path
from typing import IO, Any, TypeVar, Union

import orjson

from rustify import __version__
from rustify.errors import InputError, Location, RustifyError, UsageError

__all__ = ["Location"]

KINDS = ("profile", "selection", "generation", "build")
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

#: what to run to get a document of each kind, for error hints
_PRODUCER = {
    "profile": "rustify-profile",
    "selection": "rustify-select",
    "generation": "rustify-gen",
    "build": "rustify-build",
}

T = TypeVar("T")


# ---------------------------------------------------------------- schemas


@functools.cache
def _schemas() -> dict[str, dict[str, Any]]:
    out = {}
    for kind in KINDS:
        path = SCHEMA_DIR / f"{kind}.schema.json"
        out[kind] = orjson.loads(path.read_bytes())
    return out


@functools.cache
def _validators() -> dict[str, Any]:
    """One validator per kind (jsonschema is imported here, not at import time: `rustify run`
    reads only rustify's own records and should start fast)."""
    import jsonschema
    import referencing

    schemas = _schemas()
    registry = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s)) for s in schemas.values()
    )
    validators = {}
    for kind, schema in schemas.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft202012Validator(schema, registry=registry)
    return validators


def schema_text(kind: str) -> bytes:
    """The schema of `kind` as pretty JSON, for `rustify schema KIND`."""
    if kind not in KINDS:
        raise InputError(f"unknown document kind {kind!r}; expected one of {', '.join(KINDS)}")
    return orjson.dumps(_schemas()[kind], option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def kind_name(kind: str) -> str:
    return f"rustify.{kind}"


# ---------------------------------------------------------------- validation


def _path_key(error: Any) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path)


def problems(doc: Any, kind: str) -> list[tuple[str, str]]:
    """Every schema violation as (JSON path, message), sorted by path."""
    from jsonschema.exceptions import best_match

    found = []
    for error in sorted(_validators()[kind].iter_errors(doc), key=_path_key):
        if error.context:
            error = best_match(error.context)
        message = error.message
        if len(message) > 200:
            message = message[:197] + "..."
        found.append((error.json_path, message))
    return found


def validate(doc: Any, kind: str, origin: str) -> None:
    """Raise an InputError listing every problem if `doc` is not a valid `kind` document."""
    if not isinstance(doc, dict):
        got = type(doc).__name__ if not isinstance(doc, list) else "array"
        raise InputError(f"expected a JSON object (a {kind_name(kind)} document), got a JSON {got}", Location(origin, json_path="$"))
    actual = doc.get("kind")
    if actual != kind_name(kind):
        hint = f" (make one with {_PRODUCER[kind]})"
        raise InputError(
            f"expected a {kind_name(kind)} document, got kind {actual!r}{hint}", Location(origin, json_path="$.kind")
        )
    found = problems(doc, kind)
    if found:
        lines = [f"{origin}: {path}: {msg}" for path, msg in found]
        raise InputError(lines[0], details=lines)


# ---------------------------------------------------------------- reading


def origin_name(source: str | os.PathLike | None) -> str:
    return "<stdin>" if source in (None, "-") else str(source)


def read_bytes(source: str | os.PathLike | None, stdin: IO[bytes] | None = None) -> bytes:
    """The raw bytes of a path, or of stdin for None/'-'."""
    if source in (None, "-"):
        stream = stdin if stdin is not None else sys.stdin.buffer
        if stream.isatty():
            raise InputError("no input document: give a file or pipe one in (e.g. rustify-profile x.py | ...)")
        return stream.read()
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", Location(str(source))) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a document", Location(str(source))) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Location(str(source))) from None


def parse(raw: bytes, origin: str) -> Any:
    if not raw.strip():
        raise InputError("empty input: expected a JSON document", Location(origin))
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if _looks_like_python(raw, origin):
            raise InputError("this looks like a Python program, not a rustify document: "
                             "did you mean rustify-profile?", Location(origin)) from None
        raise InputError(f"not valid JSON: {exc}", Location(origin)) from None


def _looks_like_python(raw: bytes, origin: str) -> bool:
    if origin.endswith((".py", ".pyw")):
        return True
    import ast

    try:
        tree = ast.parse(raw)
    except (SyntaxError, ValueError):
        return False
    return any(isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)) for n in tree.body)


def check_output(output: str | os.PathLike | None, option: str = "-o") -> None:
    """Before any work: `-o FILE` (or another `option`'s file) can be written (its folder
    exists, it is not a folder), so a long run does not end in an error about where to put
    its result."""
    if output in (None, "-"):
        return
    path = Path(output)
    if path.is_dir():
        raise UsageError(f"{option} {output}: is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{option} {output}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{option} {output}: the folder {folder} is not writable")


def read_document(kind: str, source: str | os.PathLike | None = None, stdin: IO[bytes] | None = None) -> dict[str, Any]:
    """Read and validate one document of `kind` from a path or stdin."""
    origin = origin_name(source)
    doc = parse(read_bytes(source, stdin), origin)
    validate(doc, kind, origin)
    return doc


def load(cls: type[T], kind: str, source: str | os.PathLike | None = None, stdin: IO[bytes] | None = None) -> T:
    """Read, validate and convert a document to its record class."""
    return from_data(cls, read_document(kind, source, stdin))


def load_own(cls: type[T], kind: str, path: str | os.PathLike, *, skip: tuple[str, ...] = (),
             skip_in_functions: tuple[str, ...] = ()) -> T:
    """A document rustify wrote itself and validated then (an installed build's record),
    read on every `rustify run`: checked for its kind and version and converted, without
    the full schema validation (whose import and walk would cost each run ~50 ms). One that
    does not convert is an InputError, as a document that fails validation would be.
    `skip` (and `skip_in_functions`, of each `functions[]` item) are optional fields left out
    of the conversion by a reader that does not need them (the report's profile and line maps)."""
    origin = origin_name(path)
    doc = parse(read_bytes(path), origin)
    if not isinstance(doc, dict) or doc.get("kind") != kind_name(kind) or doc.get("schema_version") != 1:
        got = doc.get("kind") if isinstance(doc, dict) else type(doc).__name__
        raise InputError(f"expected a {kind_name(kind)} document (version 1), got {got!r}",
                         Location(origin, json_path="$.kind"))
    for key in skip:
        doc.pop(key, None)
    for f in doc.get("functions", ()) if skip_in_functions else ():
        for key in skip_in_functions:
            if isinstance(f, dict):
                f.pop(key, None)
    try:
        return from_data(cls, doc)
    except (TypeError, KeyError, AttributeError, ValueError) as exc:
        raise InputError(f"does not read as a {kind_name(kind)} document ({exc}); validate it with "
                         "rustify validate", Location(origin)) from None


# ---------------------------------------------------------------- writing


def dumps(doc: dict[str, Any]) -> bytes:
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def write_document(
    doc: dict[str, Any] | Any, kind: str, output: str | os.PathLike | None = None, stdout: IO[bytes] | None = None
) -> bytes:
    """Validate and write a document (a dict or a record) to stdout or atomically to a file."""
    if dataclasses.is_dataclass(doc):
        doc = to_data(doc)
    doc.setdefault("created_by", f"rustify {__version__}")
    found = problems(doc, kind)
    if found:  # a stage produced an invalid document: a bug, not a user error
        path, msg = found[0]
        raise RustifyError(f"internal error: would write an invalid {kind_name(kind)} document: {path}: {msg}")
    data = dumps(doc)
    if output in (None, "-"):
        stream = stdout if stdout is not None else sys.stdout.buffer
        stream.write(data)
        stream.flush()
    else:
        write_atomic(Path(output), data)
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temp file and a rename: all or nothing."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError("folder does not exist", Location(str(path))) from None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", Location(str(path))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------- records <-> data


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _json_names(cls: type) -> dict[str, str]:
    return getattr(cls, "json_names", {})


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """Build a record from validated JSON data; unknown keys go to `extra`."""
    hints = _hints(cls)
    names = _json_names(cls)
    kwargs: dict[str, Any] = {}
    known = set()
    for f in dataclasses.fields(cls):
        if f.name == "extra":
            continue
        key = names.get(f.name, f.name)
        known.add(key)
        if key in data:
            kwargs[f.name] = _convert_in(hints[f.name], data[key])
    kwargs["extra"] = {k: v for k, v in data.items() if k not in known}
    return cls(**kwargs)


def _convert_in(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert_in(args[0], value) if len(args) == 1 else value
    if dataclasses.is_dataclass(hint):
        return from_data(hint, value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert_in(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(hint)
        return {k: _convert_in(item, v) for k, v in value.items()}
    return value


def to_data(record: Any) -> Any:
    """Plain JSON data for a record; None-valued fields are left out (but those in the record's
    `json_nulls`), `extra` merged back."""
    if dataclasses.is_dataclass(record):
        names = _json_names(type(record))
        out: dict[str, Any] = {}
        for f in dataclasses.fields(record):
            if f.name == "extra":
                continue
            value = getattr(record, f.name)
            if value is None and f.name not in getattr(record, "json_nulls", ()):
                continue
            out[names.get(f.name, f.name)] = to_data(value)
        for k, v in record.extra.items():
            out.setdefault(k, v)
        return out
    if isinstance(record, list):
        return [to_data(v) for v in record]
    if isinstance(record, dict):
        return {k: to_data(v) for k, v in record.items()}
    return record
