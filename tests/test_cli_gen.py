"""rustify-gen as a user runs it: the crate it writes, and every way it refuses to write."""

from __future__ import annotations

import textwrap
from pathlib import Path

import orjson
import pytest

from cli_support import run_cmd
from rustify.records import Criteria, Program, ProfileSummary, Selection, Source, Target
from rustify.documents import to_data
from rustify.sources import load_source

HOT = textwrap.dedent('''\
    def dot(a: list[float], b: list[float]) -> float:
        total = 0.0
        for x, y in zip(a, b):
            total += x * y
        return total


    def gen(n: int):
        for i in range(n):
            yield i
''')

OTHER = textwrap.dedent('''\
    def dot(xs: list[int]) -> int:
        return sum(xs)
''')


def selection_for(tmp: Path, files: dict[str, str]) -> dict:
    targets, sources = [], []
    for name, text in files.items():
        (tmp / name).write_text(text)
        parsed = load_source(tmp / name)
        sources.append(Source(name, parsed.sha256))
        for fn in parsed.functions:
            targets.append(Target(id=f"{name}:{fn.line}:{fn.qualname}", qualname=fn.qualname, file=name,
                                  line=fn.line, reason="named by --function"))
    doc = Selection(profile=ProfileSummary(Program(argv=["x.py"], cwd=str(tmp), profiler="cprofile"), 1.0, True),
                    criteria=Criteria(threshold=0), sources=sources, targets=targets, skipped=[])
    data = to_data(doc)
    data["created_by"] = "test"
    return data


def gen(tmp: Path, selection: dict, *args: str):
    return run_cmd("rustify-gen", *args, input=orjson.dumps(selection), cwd=tmp)


def test_writes_a_crate_and_a_valid_document(tmp_path: Path) -> None:
    done = gen(tmp_path, selection_for(tmp_path, {"hot.py": HOT}), "--out", "crate")
    assert done.returncode == 0, done.stderr.decode()
    doc = orjson.loads(done.stdout)
    assert run_cmd("rustify", "validate", "-", input=done.stdout).returncode == 0
    assert doc["crate"]["module"] == "hot_rs"
    crate = tmp_path / "crate"
    for rel in ("Cargo.toml", "pyproject.toml", "src/lib.rs", "rustify-manifest.json"):
        assert (crate / rel).is_file(), rel
    cargo = (crate / "Cargo.toml").read_text()
    assert 'opt-level = 3' in cargo and 'lto = "fat"' in cargo and "codegen-units = 1" in cargo
    by_name = {f["qualname"]: f for f in doc["functions"]}
    assert by_name["dot"]["status"] == "translated"
    assert by_name["dot"]["signature"] == "dot(a: list[float], b: list[float]) -> float"
    assert by_name["gen"]["status"] == "translated"  # a generator (runtime gen.rs)
    manifest = orjson.loads((crate / "rustify-manifest.json").read_bytes())
    assert [f["qualname"] for f in manifest["functions"]] == ["dot", "gen"]


def test_two_sources_share_one_crate_with_unique_names(tmp_path: Path) -> None:
    done = gen(tmp_path, selection_for(tmp_path, {"hot.py": HOT, "other.py": OTHER}), "--out", "crate")
    assert done.returncode == 0, done.stderr.decode()
    doc = orjson.loads(done.stdout)
    names = [f["rust_name"] for f in doc["functions"] if f["status"] == "translated"]
    assert sorted(names) == ["gen", "hot_dot", "other_dot"]
    assert doc["crate"]["module"] == "rustify_ext"
    lib = (tmp_path / "crate" / "src" / "lib.rs").read_text()
    assert 'name = "hot_dot"' in lib and 'name = "other_dot"' in lib


def test_changed_source_stops_unless_allowed(tmp_path: Path) -> None:
    selection = selection_for(tmp_path, {"hot.py": HOT})
    (tmp_path / "hot.py").write_text(HOT + "\n# edited\n")
    done = gen(tmp_path, selection, "--out", "crate")
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().strip() == \
        "rustify-gen: error: hot.py: changed since it was profiled; profile again, or pass --allow-changed"
    assert not (tmp_path / "crate").exists()
    assert gen(tmp_path, selection, "--out", "crate", "--allow-changed").returncode == 0


def test_refuses_a_foreign_folder_and_a_hand_edited_crate(tmp_path: Path) -> None:
    selection = selection_for(tmp_path, {"hot.py": HOT})
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    done = gen(tmp_path, selection, "--out", "mine")
    assert done.returncode == 2 and b"not written by rustify-gen" in done.stderr
    assert (foreign / "notes.txt").read_text() == "keep me" and len(list(foreign.iterdir())) == 1

    assert gen(tmp_path, selection, "--out", "crate").returncode == 0
    assert gen(tmp_path, selection, "--out", "crate").returncode == 0  # unchanged: regenerating is fine
    lib = tmp_path / "crate" / "src" / "lib.rs"
    lib.write_text(lib.read_text() + "\n// my tuning\n")
    done = gen(tmp_path, selection, "--out", "crate")
    assert done.returncode == 2
    assert b"lib.rs: edited since rustify-gen wrote it" in done.stderr
    assert lib.read_text().endswith("// my tuning\n")
    assert gen(tmp_path, selection, "--out", "crate", "--force").returncode == 0
    assert "// my tuning" not in lib.read_text()


@pytest.mark.parametrize("module", ["1bad", "has-dash"])
def test_bad_module_name(tmp_path: Path, module: str) -> None:
    done = gen(tmp_path, selection_for(tmp_path, {"hot.py": HOT}), "--module", module)
    assert done.returncode == 2 and done.stdout == b""
    assert b"is not a valid Python module name" in done.stderr


def test_no_targets_is_an_error(tmp_path: Path) -> None:
    selection = selection_for(tmp_path, {"hot.py": HOT})
    selection["targets"] = []
    done = gen(tmp_path, selection)
    assert done.returncode == 2 and b"has no targets" in done.stderr


def test_type_override_in_the_selection_is_used(tmp_path: Path) -> None:
    source = "def total(xs):\n    s = 0.0\n    for x in xs:\n        s += x\n    return s\n"
    selection = selection_for(tmp_path, {"plain.py": source})
    done = gen(tmp_path, selection, "--out", "c1")
    doc = orjson.loads(done.stdout)
    assert doc["functions"][0]["status"] == "rejected"
    assert "cannot type parameter `xs`" in doc["functions"][0]["rejections"][0]["message"]
    selection["targets"][0]["types"] = {"xs": "list[float]", "return": "float"}
    doc = orjson.loads(gen(tmp_path, selection, "--out", "c2").stdout)
    assert doc["functions"][0]["signature"] == "total(xs: list[float]) -> float"


def test_a_misspelled_types_key_is_an_error_naming_the_place(tmp_path: Path) -> None:
    selection = selection_for(tmp_path, {"hot.py": HOT})
    index = next(i for i, t in enumerate(selection["targets"]) if t["qualname"] == "dot")
    selection["targets"][index]["types"] = {"aa": "list[float]"}
    done = gen(tmp_path, selection, "--out", "crate")
    assert done.returncode == 2 and done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert lines == [f"rustify-gen: error: <stdin>: $.targets[{index}].types.aa: 'aa' is not a parameter of dot; "
                     "did you mean 'a'?"], lines
    assert not (tmp_path / "crate").exists()


def test_a_missing_type_says_what_to_write(tmp_path: Path) -> None:
    source = "def scale(xs, k):\n    return [x * k for x in xs]\n\ndef twice(xs):\n    return scale(xs, 2.0)\n"
    selection = selection_for(tmp_path, {"m.py": source})
    for t in selection["targets"]:
        if t["qualname"] == "twice":
            t["observed"] = {"calls": 3, "args": {"xs": {"list[float]": 3}}, "return": {"list[float]": 3}, "raised": {}}
    done = gen(tmp_path, selection, "--out", "crate")
    assert done.returncode == 0, done.stderr.decode()
    scale = next(f for f in orjson.loads(done.stdout)["functions"] if f["qualname"] == "scale")
    (rejection,) = scale["rejections"]
    assert "cannot type parameter `xs`" in rejection["message"]
    assert rejection["hint"].startswith('annotate it (`def scale(..., xs: list[float], ...)`), or add "xs": "list[float]"')
    assert "`xs` was seen as list[float] in twice()" in rejection["hint"]
