"""Every exercise's solution written another way is accepted, or told in one line what to change.

float64 (as written) and float32 pass in every notebook: a float32 answer right to float32 precision is
accepted with a note naming the dtype. Lists of numbers are judged in 00–03, where results are plain arrays;
later notebooks' own tests cover lists where caches and pairs are involved.
"""
import importlib

import pytest

import variants
from test_bad_input import solution_values

NOTEBOOKS = ["00", "01", "02", "03", "04", "05", "06", "07", "08"]
CASES = [(nn, name, variant) for nn in NOTEBOOKS
         for name in importlib.import_module(f"utils.checks.nb{nn}").exercises.checks
         for variant in (["float64", "float32", "list"] if nn <= "03" else ["float64", "float32"])]


@pytest.mark.parametrize("nn, name, variant", CASES, ids=[f"{n}-{e}-{v}" for n, e, v in CASES])
def test_the_solution_in_another_dtype_or_as_lists(nn, name, variant):
    module = importlib.import_module(f"utils.checks.nb{nn}")
    variants.judge(module, name, variant, solution_values(module.exercises.notebook))
