"""The mistake catalogue (tests/checks/catalogue.py) is well formed, and every
mistake in it is named by its check's message, unless the entry says why not (`gap`)."""
import pytest

from tests.checks.catalogue import MISTAKES
from tests.checks.measure_catalogue import message_for


def test_catalogue_entries_are_complete():
    for entry in MISTAKES:
        assert set(entry) - {"gap"} == {"notebook", "exercise", "mistake", "code", "names"}, entry
        compile(entry["code"], entry["mistake"], "exec")


@pytest.mark.parametrize("entry", [e for e in MISTAKES if "gap" not in e],
                         ids=lambda e: f"{e['notebook']}-{e['exercise']}-{e['mistake'][:40]}")
def test_each_mistake_is_named_by_its_check(entry):
    text = message_for(entry)
    missing = [w for w in entry["names"] if w not in text]
    assert not missing, f"the message does not contain {missing}:\n{text}"
