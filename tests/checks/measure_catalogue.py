"""The share of catalogued mistakes whose check message names the mistake.

    .venv/bin/python -m tests.checks.measure_catalogue            # this checkout's checks
    CHECKS_ROOT=../old-copy .venv/bin/python -m tests.checks.measure_catalogue   # another copy of utils/
"""
import contextlib
import io
import os
import sys

if os.environ.get("CHECKS_ROOT"):
    sys.path.insert(0, os.environ["CHECKS_ROOT"])

import numpy as np  # noqa: E402

from tests.checks.catalogue import MISTAKES  # noqa: E402


def solution_functions(notebook):
    from tests.checks.test_bad_input import solution_values
    from utils.checks import for_notebook
    stem = for_notebook(notebook).exercises.notebook
    return solution_values(stem)


def message_for(entry):
    from utils.checks import for_notebook
    module = for_notebook(entry["notebook"])
    check_function, args = module.exercises.checks[entry["exercise"]]
    namespace = dict(solution_functions(entry["notebook"]))
    namespace["np"] = np
    exec(entry["code"], namespace)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            check_function(*(namespace[a] for a in args))
    except BaseException as error:  # noqa: BLE001 - any outcome is measured
        return f"{type(error).__name__}: {error}"
    return "accepted"


def main():
    named = 0
    for entry in MISTAKES:
        text = message_for(entry)
        ok = all(word in text for word in entry["names"])
        named += ok
        print(f"{'✔' if ok else '✘'} {entry['notebook']} {entry['exercise']:<16} {entry['mistake']}")
        if not ok and "-v" in sys.argv:
            print("    " + text.replace("\n", "\n    "))
    print(f"{named} of {len(MISTAKES)} mistakes get a message naming them ({100 * named / len(MISTAKES):.0f}%).")


if __name__ == "__main__":
    main()
