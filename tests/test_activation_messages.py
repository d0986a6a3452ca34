"""What `rustify run` says when a build cannot be used: one line per build, not per function."""

from __future__ import annotations

import pytest

from rustify.activation.activate import Accelerated, Swapper, explain
from rustify.records import Build, BuiltFunction, Parity


def _plain(x):
    return x


def _other(x):
    return x + 1


def test_a_build_whose_module_is_gone_gives_one_warning_line(tmp_path, capsys: pytest.CaptureFixture) -> None:
    path = str(tmp_path / "prog.py")
    module = "rustify_test_surely_missing_rs"
    table = {path: {name: Accelerated(path, name, module, name, "") for name in ("_plain", "_other")}}
    swapper = Swapper(table)
    assert swapper.swap(_plain, path, "_plain") is _plain
    assert swapper.swap(_other, path, "_other") is _other
    err = capsys.readouterr().err.splitlines()
    assert err == [f"rustify: warning: cannot load the build {module} (No module named '{module}'): "
                   f"_other, _plain stay Python (build again, or rustify uninstall {module})"]
    swapper.records = [Build(module=module, root=str(tmp_path), functions=[
        BuiltFunction("prog.py:1:_plain", "accelerated", qualname="_plain", file="prog.py", rust_name="_plain",
                      parity=Parity(2, 2)),
        BuiltFunction("prog.py:5:_slow", "slower", qualname="_slow", file="prog.py")])]
    assert explain(swapper) == [
        f"not swapped prog.py:_plain: its build cannot be loaded (No module named '{module}')",
        "not swapped prog.py:_slow: slower"]
