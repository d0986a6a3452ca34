"""`rustify report` as a user runs it: where the page goes, what it prints, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run_cmd
from report_support import write_shop_build


def test_a_build_document_gives_report_html_beside_it(tmp_path: Path) -> None:
    write_shop_build(tmp_path)
    done = run_cmd("rustify", "report", "build.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""
    assert done.stderr.decode().splitlines() == ["report: report.html"]
    page = (tmp_path / "report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "rustify report: shop.py" in page


def test_a_folder_and_an_output(tmp_path: Path) -> None:
    write_shop_build(tmp_path)
    done = run_cmd("rustify", "report", str(tmp_path), "-o", str(tmp_path / "out.html"), "-q", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
    assert "made from the build document" in (tmp_path / "out.html").read_text()


def test_a_document_on_stdin(tmp_path: Path) -> None:
    data = write_shop_build(tmp_path).read_bytes()
    done = run_cmd("rustify", "report", "-o", "piped.html", input=data, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert "checked([1.0, float(&#x27;nan&#x27;)])" in (tmp_path / "piped.html").read_text()


def _error(tmp_path: Path, *args: str, stdin: bytes | None = None) -> str:
    done = run_cmd("rustify", "report", *args, input=stdin, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == b"", done
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr.decode(), lines
    assert not (tmp_path / "report.html").exists()
    return lines[0]


def test_mistakes_get_one_line(tmp_path: Path) -> None:
    assert _error(tmp_path, "nope.json") == "rustify: error: nope.json: no such file"
    (tmp_path / "data.json").write_text(json.dumps({"kind": "something.else"}))
    assert _error(tmp_path, "data.json") == ("rustify: error: data.json: $.kind: expected a rustify document "
                                             "(profile, selection, generation or build), got kind 'something.else'")
    build = json.loads(write_shop_build(tmp_path).read_text())
    build["functions"][0]["status"] = "fast"
    (tmp_path / "bad.json").write_text(json.dumps(build))
    assert _error(tmp_path, "bad.json").startswith("rustify: error: bad.json: $.functions[0].status: 'fast' is not one of")
    (tmp_path / "empty").mkdir()
    assert _error(tmp_path, "empty") == ("rustify: error: empty: no rustify document in this folder (make one with "
                                         "rustify-profile or rustify accelerate)")
    assert _error(tmp_path, "build.json", "-o", "missing/r.html") == \
        "rustify: error: -o missing/r.html: the folder missing does not exist"
    (tmp_path / "prog.py").write_text("import os\ndef f():\n    pass\n")
    assert _error(tmp_path, "prog.py") == ("rustify: error: prog.py: this looks like a Python program, not a rustify "
                                           "document: did you mean rustify-profile?")


def test_listed_in_the_umbrella_help() -> None:
    done = run_cmd("rustify", "-h")
    assert done.returncode == 0 and b"report" in done.stdout
    done = run_cmd("rustify", "report", "-h")
    assert done.returncode == 0 and b"[DOCUMENT|FOLDER]" in done.stdout
