"""Helpers shared by the tests of the exercise checks (tests/checks/test_nbNN.py)."""
import pytest

from utils.checks.framework import CheckFailed


def rejects(check_function, *args, words=()):
    """The check raises CheckFailed and its message contains every one of ``words``."""
    with pytest.raises(CheckFailed) as failure:
        check_function(*args)
    message = str(failure.value)
    for word in words:
        assert word in message, f"{word!r} not in the message:\n{message}"
    return message


def accepts(check_function, *args, capsys=None):
    """The check passes (and, given capsys, prints its ✔ line)."""
    check_function(*args)
    if capsys is not None:
        assert "✔" in capsys.readouterr().out
