"""Document I/O: parsing, validation messages, atomic writes, round trips of unknown fields."""

from __future__ import annotations

import io

import orjson
import pytest

from rustify import documents
from rustify.errors import InputError
from rustify.records import Profile


def minimal_profile() -> dict:
    return {
        "kind": "rustify.profile",
        "schema_version": 1,
        "program": {"argv": ["x.py"], "cwd": "/tmp", "profiler": "cprofile"},
        "total_seconds": 1.0,
        "types_known": True,
        "sources": [{"path": "x.py", "sha256": "0" * 64}],
        "functions": [
            {"id": "x.py:1:f", "qualname": "f", "file": "x.py", "line": 1, "calls": 3, "self_seconds": 0.5,
             "total_seconds": 0.9, "self_percent": 50.0, "total_percent": 90.0},
        ],
    }


class FakeStdin(io.BytesIO):
    def isatty(self) -> bool:
        return False


def test_read_from_path_and_stdin(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(orjson.dumps(minimal_profile()))
    assert documents.read_document("profile", str(path))["functions"][0]["id"] == "x.py:1:f"
    assert documents.read_document("profile", "-", stdin=FakeStdin(path.read_bytes()))["kind"] == "rustify.profile"


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"", "<stdin>: empty input"),
        (b"{not json", "<stdin>: not valid JSON"),
        (b"[1, 2]", "<stdin>: $: expected a JSON object"),
        (b'{"kind": "rustify.selection"}', "<stdin>: $.kind: expected a rustify.profile document, got kind 'rustify.selection'"),
    ],
)
def test_bad_input_is_one_located_line(raw, expected):
    with pytest.raises(InputError) as info:
        documents.read_document("profile", None, stdin=FakeStdin(raw))
    assert len(info.value.lines()) == 1
    assert info.value.lines()[0].startswith(expected)
    assert info.value.exit_code == 2


def test_every_schema_violation_is_reported_sorted_by_path():
    doc = minimal_profile()
    doc["functions"][0]["line"] = "x"
    doc["functions"][0]["calls"] = -1
    doc["total_seconds"] = "soon"
    with pytest.raises(InputError) as info:
        documents.validate(doc, "profile", "p.json")
    lines = info.value.lines()
    assert lines == [
        "p.json: $.functions[0].calls: -1 is less than the minimum of 0",
        "p.json: $.functions[0].line: 'x' is not of type 'integer'",
        "p.json: $.total_seconds: 'soon' is not of type 'number'",
    ]


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="nope.json: no such file"):
        documents.read_document("profile", str(tmp_path / "nope.json"))
    with pytest.raises(InputError, match="is a directory"):
        documents.read_document("profile", str(tmp_path))


def test_unknown_fields_survive_a_round_trip(tmp_path):
    doc = minimal_profile()
    doc["note"] = {"by": "hand"}
    doc["functions"][0]["my_tag"] = [1, 2]
    doc["program"]["host"] = "ci"
    record = documents.from_data(Profile, doc)
    assert record.functions[0].extra == {"my_tag": [1, 2]}
    out = tmp_path / "out.json"
    documents.write_document(record, "profile", str(out))
    again = orjson.loads(out.read_bytes())
    assert again["note"] == {"by": "hand"}
    assert again["functions"][0]["my_tag"] == [1, 2]
    assert again["program"]["host"] == "ci"


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("previous")
    bad = minimal_profile()
    bad["functions"][0]["line"] = -5
    with pytest.raises(Exception):
        documents.write_document(bad, "profile", str(out))
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_into_missing_folder_is_a_located_error(tmp_path):
    with pytest.raises(InputError, match="folder does not exist"):
        documents.write_document(minimal_profile(), "profile", str(tmp_path / "no" / "out.json"))


def test_every_schema_has_an_id_and_kind():
    for kind in documents.KINDS:
        schema = orjson.loads(documents.schema_text(kind))
        assert schema["$id"].endswith(f"{kind}.schema.json")
        assert schema["properties"]["kind"] == {"const": f"rustify.{kind}"}
        assert "schema_version" in schema["required"]
