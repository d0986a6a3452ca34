"""rustify-select in pipes: real profiles in, selection documents out, every bad input."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import orjson
import pytest

from cli_support import run_cmd
from rustify import documents
from rustify.records import Profile
from rustify.selection.select import SelectOptions, select

PROG = "rustify-select"


# ---------------------------------------------------------------- helpers


def selection(done: subprocess.CompletedProcess) -> dict:
    assert done.returncode == 0, done.stderr.decode()
    doc = orjson.loads(done.stdout)  # all of stdout is one JSON document
    assert doc["kind"] == "rustify.selection"
    return doc


def run_select(profile: bytes | dict, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    raw = profile if isinstance(profile, bytes) else orjson.dumps(profile)
    return run_cmd(PROG, *args, input=raw, cwd=cwd)


def targets(doc: dict) -> dict[str, dict]:
    return {t["qualname"]: t for t in doc["targets"]}


def skipped(doc: dict) -> dict[str, dict]:
    return {s["qualname"]: s for s in doc["skipped"]}


def error_lines(done: subprocess.CompletedProcess, exit_code: int = 2) -> list[str]:
    """The whole of stderr, every line an error line; nothing on stdout."""
    stderr = done.stderr.decode()
    assert done.returncode == exit_code, stderr
    assert done.stdout == b""
    lines = stderr.splitlines()
    assert lines and all(line.startswith(f"{PROG}: error: ") for line in lines), stderr
    return lines


def one_error(done: subprocess.CompletedProcess, *fragments: str) -> str:
    lines = error_lines(done)
    assert len(lines) == 1, lines
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def profile(euclidean_profile: bytes) -> dict:
    """A fresh copy of the shared euclidean profile, free to edit."""
    return orjson.loads(euclidean_profile)


@pytest.fixture(scope="module")
def default_selection(euclidean_profile: bytes) -> subprocess.CompletedProcess:
    return run_select(euclidean_profile, "--threshold", "5")


# ---------------------------------------------------------------- the euclidean pipe


def test_selects_euclidean_and_skips_main(default_selection, profile: dict) -> None:
    doc = selection(default_selection)
    assert list(targets(doc)) == ["euclidean"]
    target = targets(doc)["euclidean"]
    self_percent = {f["qualname"]: f["self_percent"] for f in profile["functions"]}["euclidean"]
    assert target["reason"].startswith("self ")
    assert target["reason"] == f"self {self_percent:.1f}% >= 5%"
    assert target["self_percent"] > 90
    assert list(skipped(doc)) == ["main"]
    assert skipped(doc)["main"]["reason"].startswith("below threshold")
    assert doc["criteria"]["threshold"] == 5
    assert doc["profile"]["program"] == profile["program"]


def test_selection_validates(default_selection) -> None:
    done = run_cmd("rustify", "validate", "-", input=default_selection.stdout)
    assert done.returncode == 0, done.stderr.decode()


def test_targets_carry_observed_types_and_samples(default_selection, profile: dict) -> None:
    target = targets(selection(default_selection))["euclidean"]
    fn = next(f for f in profile["functions"] if f["qualname"] == "euclidean")
    assert target["id"] == fn["id"]
    assert target["observed"] == fn["observed"]
    assert set(target["observed"]["args"]["a"]) == {"list[float]"}
    doc = selection(default_selection)
    # samples (and the sampled stacks) are kept out of the targets, at the end of the document,
    # so a hand edit of a target's `types` is not lost among them
    assert "samples" not in target and set(list(doc)[-3:]) == {"samples", "sampled", "created_by"}
    assert doc["samples"][target["id"]] == fn["samples"] and fn["samples"]
    assert target["types"] == {}  # for hand overrides
    assert target["calls"] == fn["calls"]


def test_cli_output_equals_the_library_result(default_selection, euclidean_profile: bytes) -> None:
    loaded = documents.from_data(Profile, orjson.loads(euclidean_profile))
    expected = documents.to_data(select(loaded, SelectOptions(threshold=5)))
    got = selection(default_selection)
    assert got.pop("created_by").startswith("rustify ")
    assert got == expected


def test_quiet_by_default_table_with_v(default_selection, euclidean_profile: bytes) -> None:
    assert default_selection.stderr == b""  # stderr is not a terminal here
    done = run_select(euclidean_profile, "--threshold", "5", "-v")
    selection(done)
    table = done.stderr.decode()
    assert re.search(r"Function\s*\|\s*Line", table)
    line = next(f["line"] for f in orjson.loads(euclidean_profile)["functions"] if f["qualname"] == "euclidean")
    assert re.search(rf"^euclidean\s*\|\s*{line}\s*\|.*selected", table, re.M)
    assert re.search(r"^main\s*\|.*below threshold", table, re.M)
    assert "1 selected, 1 skipped" in table
    assert b"Function" not in done.stdout


def test_hand_edited_profile_is_honoured(profile: dict) -> None:
    main = next(f for f in profile["functions"] if f["qualname"] == "main")
    main["self_percent"] = 50
    profile["program"]["note"] = "edited by hand"  # unknown fields survive
    doc = selection(run_select(profile, "--threshold", "5"))
    assert set(targets(doc)) == {"euclidean", "main"}
    assert targets(doc)["main"]["reason"] == "self 50.0% >= 5%"
    assert doc["skipped"] == []
    assert doc["profile"]["program"]["note"] == "edited by hand"


def test_by_total_selects_main(euclidean_profile: bytes) -> None:
    doc = selection(run_select(euclidean_profile, "--by", "total"))
    assert targets(doc)["main"]["reason"].startswith("total ")
    assert targets(doc)["main"]["total_percent"] > 90
    assert doc["criteria"]["by"] == "total"


def test_top_one(euclidean_profile: bytes) -> None:
    doc = selection(run_select(euclidean_profile, "--threshold", "0", "--top", "1"))
    assert list(targets(doc)) == ["euclidean"]
    assert skipped(doc)["main"]["reason"] == "not in --top 1"


def test_function_by_name(euclidean_profile: bytes) -> None:
    doc = selection(run_select(euclidean_profile, "--function", "main"))
    assert targets(doc)["main"]["reason"] == "named by --function"
    assert targets(doc)["euclidean"]["reason"].startswith("self ")


def test_function_by_glob_whatever_its_time(euclidean_profile: bytes) -> None:
    doc = selection(run_select(euclidean_profile, "--threshold", "100", "--function", "eucl*"))
    assert list(targets(doc)) == ["euclidean"]
    assert targets(doc)["euclidean"]["reason"] == "named by --function"
    assert skipped(doc)["main"]["reason"].startswith("below threshold")


def test_exclude(euclidean_profile: bytes) -> None:
    doc = selection(run_select(euclidean_profile, "--exclude", "eucl*"))
    assert doc["targets"] == []
    assert skipped(doc)["euclidean"]["reason"] == "excluded by --exclude eucl*"
    # excluding the hottest function frees its --top place
    doc = selection(run_select(euclidean_profile, "--threshold", "0", "--top", "1", "--exclude", "eucl*"))
    assert list(targets(doc)) == ["main"]


def test_output_file(euclidean_profile: bytes, tmp_path: Path) -> None:
    done = run_select(euclidean_profile, "-o", str(tmp_path / "sel.json"))
    assert done.returncode == 0 and done.stdout == b"" and done.stderr == b""
    assert list(targets(orjson.loads((tmp_path / "sel.json").read_bytes()))) == ["euclidean"]


# ---------------------------------------------------------------- threshold 0 and static warnings

ZERO = """\
import math

COUNTER = 0


def never_called(x):
    return x + 1


def squares(n):
    for i in range(n):
        yield i * i


def bump(n):
    global COUNTER
    COUNTER += n
    return eval("n * 2")


def work(xs):
    total = 0.0
    for v in squares(len(xs)):
        total += math.sqrt(v)
    return total + bump(1)


if __name__ == "__main__":
    for _ in range(30):
        work([1.0] * 100)
"""


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.fixture(scope="module")
def zero_profile(tmp_path_factory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("zero")
    (folder / "zero.py").write_text(ZERO)
    done = run_cmd("rustify-profile", "zero.py", cwd=folder)
    assert done.returncode == 0, done.stderr.decode()
    return folder, done.stdout


def test_threshold_zero_selects_uncalled_and_generators(zero_profile) -> None:
    folder, raw = zero_profile
    assert "never_called" not in {f["qualname"] for f in orjson.loads(raw)["functions"]}
    doc = selection(run_select(raw, "--threshold", "0", cwd=folder))
    chosen = targets(doc)
    assert set(chosen) == {"work", "bump", "never_called", "squares"}
    assert chosen["never_called"]["calls"] == 0
    assert chosen["never_called"]["id"] == f"zero.py:{line_of(ZERO, 'def never_called')}:never_called"
    assert list(skipped(doc)) == []


def test_uncalled_functions_need_threshold_zero(zero_profile) -> None:
    folder, raw = zero_profile
    doc = selection(run_select(raw, "--threshold", "0.001", cwd=folder))
    listed = set(targets(doc)) | set(skipped(doc))
    assert "never_called" not in listed
    # ... or a --function naming them
    doc = selection(run_select(raw, "--function", "never_called", cwd=folder))
    assert targets(doc)["never_called"]["reason"] == "named by --function"


def test_static_warnings_with_line_numbers(zero_profile) -> None:
    folder, raw = zero_profile
    doc = selection(run_select(raw, "--threshold", "0", "-v", cwd=folder))
    warnings = {w["construct"]: w for w in targets(doc)["bump"]["warnings"]}
    assert warnings["global"]["line"] == line_of(ZERO, "global COUNTER")
    assert "COUNTER" in warnings["global"]["message"]
    assert warnings["eval()"]["line"] == line_of(ZERO, "eval(")
    assert targets(doc)["work"]["warnings"] == []
    assert targets(doc)["squares"]["warnings"] == []  # a generator translates
    # -v shows them on stderr too, as file:line:col
    stderr = run_select(raw, "--threshold", "0", "-v", cwd=folder).stderr.decode()
    assert f"zero.py:{line_of(ZERO, 'global COUNTER')}:" in stderr


# ---------------------------------------------------------------- bad input


def test_empty_stdin() -> None:
    one_error(run_select(b""), "<stdin>", "empty")


def test_not_json() -> None:
    one_error(run_select(b"this is not json\n"), "<stdin>", "JSON")


def test_a_json_array() -> None:
    one_error(run_select(b"[1, 2]"), "<stdin>: $", "array")


def test_wrong_kind(default_selection) -> None:
    line = one_error(run_select(default_selection.stdout), "$.kind", "rustify.selection", "rustify.profile")
    assert line.startswith(f"{PROG}: error: <stdin>: $.kind")


def test_schema_violations_all_reported_sorted_by_path(profile: dict) -> None:
    for i in range(12):  # enough functions for [10] and [11] to sort after [2] numerically
        profile["functions"].append(dict(profile["functions"][1], id=f"x.py:{i + 1}:f{i}", qualname=f"f{i}"))
    profile["total_seconds"] = "long"
    profile["functions"][11]["calls"] = -1
    profile["functions"][2]["line"] = "x"
    profile["functions"][0]["self_percent"] = None
    del profile["sources"][0]["sha256"]
    lines = error_lines(run_select(profile))
    assert len(lines) == 5
    paths = [line.split(": ")[3] for line in lines]
    assert paths == [
        "$.functions[0].self_percent",
        "$.functions[2].line",
        "$.functions[11].calls",
        "$.sources[0]",
        "$.total_seconds",
    ]
    assert "sha256" in lines[3]
    assert "'x' is not of type 'integer'" in lines[1]


def test_unknown_function_names_close_matches(euclidean_profile: bytes) -> None:
    one_error(run_select(euclidean_profile, "--function", "euclidan"), "euclidan", "euclidean")
    line = one_error(run_select(euclidean_profile, "--function", "nope"), "nope")
    assert "euclidean" in line and "main" in line  # nothing close: it lists what there is


def test_missing_profile_file(tmp_path: Path) -> None:
    one_error(run_cmd(PROG, str(tmp_path / "missing.json")), "missing.json")


def test_bad_option_values(euclidean_profile: bytes) -> None:
    one_error(run_select(euclidean_profile, "--by", "wall"), "--by")
    one_error(run_select(euclidean_profile, "--top", "0"), "--top")
    one_error(run_select(euclidean_profile, "--threshold", "-1"), "--threshold")


def test_no_output_file_on_error(tmp_path: Path) -> None:
    one_error(run_cmd(PROG, "-o", str(tmp_path / "sel.json"), input=b"[]"))
    assert list(tmp_path.iterdir()) == []
