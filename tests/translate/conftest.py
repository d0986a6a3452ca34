"""The translator's behaviour-test session fixture: every function of every file in
`cases/` goes into ONE selection document, `rustify.generation.generate.generate` writes ONE
crate (one extension module), `maturin build --release` compiles it once (shared
cargo target folder), and the extension is imported from the unpacked wheel; each
translated function gets its Python original as fallback. See case_support.py.
"""

from __future__ import annotations

from types import FunctionType

import pytest

from case_support import MODULE, BuiltCases, build_extension, case_files, case_functions, load_python, selection_document
from rustify.generation.generate import GenOptions, generate
from rustify.records import GeneratedFunction


@pytest.fixture(scope="session")
def built_cases(tmp_path_factory: pytest.TempPathFactory) -> BuiltCases:
    work = tmp_path_factory.mktemp("translate_cases")
    crate = work / "crate"
    generation = generate(selection_document(), GenOptions(out=str(crate), module=MODULE))
    module, output = build_extension(crate, work)
    entries: dict[str, GeneratedFunction] = {}
    originals: dict[str, FunctionType] = {}
    for path in case_files():
        python = load_python(path)
        by_id = {e.id: e for e in generation.functions}
        for fn in case_functions(path):
            entries[fn.key] = by_id[fn.id]
            obj = python
            for part in fn.qualname.split("."):
                obj = getattr(obj, part)
            originals[fn.key] = obj  # type: ignore[assignment]
    built = BuiltCases(module, generation, entries, originals, crate, output)
    for key, entry in entries.items():
        if entry.status == "translated":
            built.set_fallback(key, originals[key])
    return built
