"""The corpus's program: runs every corpus module's workload (scripts/corpus.py
profiles it, then translates and checks every function of the corpus modules)."""

import algorithms
import annotated
import common_forms
import held_out
import numeric_kernels
import optional_values

MODULES = [numeric_kernels, annotated, optional_values, common_forms, algorithms, held_out]

if __name__ == "__main__":
    for module in MODULES:
        module.workload()
