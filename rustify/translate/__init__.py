"""The Python-to-Rust translator: passes over a small typed IR (DESIGN.md section 4).

    frontend  parse a module, find functions, constants, math imports; reject shapes
    lower     ast -> typed IR (the typing rules live here, once)
    infer     run the lowering to a fixpoint over local variable types
    passes    IR -> IR checks (aliasing), then an IR validity check
    emit      IR -> Rust (function bodies, then the PyO3 wrappers and module)
"""
