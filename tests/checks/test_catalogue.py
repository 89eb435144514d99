"""The mistake catalogue (tests/checks/catalogue.py) is well formed, and the
mistakes its checks already name stay named (a floor, raised as checks improve)."""
from tests.checks.catalogue import MISTAKES
from tests.checks.measure_catalogue import message_for

NAMED_FLOOR = 23     # of 27 on the `checks` branch (18 at a1c113b)


def test_catalogue_entries_are_complete():
    for entry in MISTAKES:
        assert set(entry) == {"notebook", "exercise", "mistake", "code", "names"}, entry
        compile(entry["code"], entry["mistake"], "exec")


def test_named_share_does_not_drop():
    named = sum(all(w in message_for(e) for w in e["names"]) for e in MISTAKES)
    assert named >= NAMED_FLOOR, f"{named} of {len(MISTAKES)} named"
