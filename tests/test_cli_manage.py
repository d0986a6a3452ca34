"""rustify list / uninstall / clean, and default module names that never collide."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import run_cmd
from rustify.activation import installed as inst
from rustify.documents import write_document
from rustify.records import Build, BuiltFunction, Criteria, Parity, Program, ProfileSummary, Selection, Source, Target


def _record(folder: Path, module: str, root: Path, file: str) -> None:
    build = Build(module=module, root=str(root), installed=True, functions=[
        BuiltFunction(f"{file}:1:f", "accelerated", qualname="f", file=file, rust_name="f", parity=Parity(3, 3)),
        BuiltFunction(f"{file}:5:g", "rejected", qualname="g", file=file)])
    write_document(build, "build", folder / f"{module}.json")


@pytest.fixture()
def registry(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "registry"
    folder.mkdir()
    monkeypatch.setattr(inst, "registry_dir", lambda: folder)
    return folder


def test_installed_builds_with_their_sources(registry: Path, tmp_path: Path) -> None:
    _record(registry, "util_rs", tmp_path / "a", "util.py")
    (registry / "old_rs.json").write_text('{"module": "old_rs", "functions": []}')
    items = {i.module: i for i in inst.installed()}
    assert items["util_rs"].sources == (str((tmp_path / "a" / "util.py").resolve()),)
    assert (items["util_rs"].accelerated, items["util_rs"].functions) == (1, 2)
    assert items["old_rs"].build is None
    assert inst.owner("util_rs") == items["util_rs"].sources and inst.owner("nothing_rs") is None


def test_uninstall_removes_the_record_and_refuses_unknown_names(registry: Path, tmp_path: Path) -> None:
    _record(registry, "rustify_test_never_installed_rs", tmp_path, "m.py")
    with pytest.raises(Exception, match="no installed build named other_rs"):
        inst.uninstall(["rustify_test_never_installed_rs", "other_rs"])
    assert (registry / "rustify_test_never_installed_rs.json").exists()  # nothing removed
    assert inst.uninstall(["rustify_test_never_installed_rs"]) == ["rustify_test_never_installed_rs"]
    assert not (registry / "rustify_test_never_installed_rs.json").exists()


def test_clean_removes_the_cache_and_says_how_much(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("RUSTIFY_BUILD_CACHE", raising=False)
    target = tmp_path / "cache" / "rustify" / "target" / "py311-x"
    target.mkdir(parents=True)
    (target / "lib.rlib").write_bytes(b"x" * 5000)
    assert inst.clean(dry_run=True) == [(tmp_path / "cache" / "rustify" / "target", 5000)]
    assert target.exists()
    assert inst.clean()[0][1] == 5000 and not target.exists()
    assert inst.clean() == []


def test_the_commands_say_what_is_wrong_in_one_line() -> None:
    done = run_cmd("rustify", "uninstall")
    assert done.returncode == 2 and done.stderr.decode().splitlines() == [
        "rustify: error: name the builds to uninstall (see rustify list), or give --all"]
    done = run_cmd("rustify", "uninstall", "surely_not_installed_rs")
    assert done.returncode == 2 and "no installed build named surely_not_installed_rs" in done.stderr.decode()
    assert run_cmd("rustify", "list").returncode == 0


def test_a_default_module_name_taken_by_other_sources_is_made_unique(tmp_path: Path, monkeypatch) -> None:
    from rustify.generation import generate as gen

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "util.py").write_text("def f(x: int) -> int:\n    return x\n")
    selection = Selection(profile=ProfileSummary(Program(argv=["b/util.py"], cwd=str(tmp_path), profiler="cprofile"),
                                                 1.0, True),
                          criteria=Criteria(threshold=0), sources=[Source("b/util.py", "0" * 64)],
                          targets=[Target(id="b/util.py:1:f", qualname="f", file="b/util.py", line=1, reason="t")],
                          skipped=[])
    monkeypatch.setattr(inst, "owner", lambda name: None)
    assert gen.default_module(selection) == "util_rs"
    monkeypatch.setattr(inst, "owner", lambda name: (str(tmp_path / "b" / "util.py"),))
    assert gen.default_module(selection) == "util_rs"  # its own earlier build
    monkeypatch.setattr(inst, "owner", lambda name: (str(tmp_path / "a" / "util.py"),))
    unique = gen.default_module(selection)
    assert unique.startswith("util_") and unique.endswith("_rs") and unique != "util_rs"
    assert gen.default_module(selection) == unique  # the same every time
