"""The one pair of helpers the tests of the exercise checks use (tests/checks/test_nbNN.py).

One strictness for every check: a rejection is a CheckFailed (never a traceback,
never a private exception, never "could not be checked"), and contains every
one of ``words``; an acceptance prints its ✔ line.
"""
import contextlib
import io

import pytest

from utils.checks.framework import CheckFailed

FORBIDDEN = ("Traceback", "_CaseFailed", "could not be checked")


def rejects(check_function, *args, words=()):
    """The check raises CheckFailed and its message contains every one of ``words``."""
    with pytest.raises(CheckFailed) as failure:
        with contextlib.redirect_stdout(io.StringIO()):
            check_function(*args)
    message = str(failure.value)
    for word in words:
        assert word in message, f"{word!r} not in the message:\n{message}"
    for word in FORBIDDEN:
        assert word not in message, f"{word!r} in the message:\n{message}"
    return message


def accepts(check_function, *args, capsys=None):
    """The check passes and prints its ✔ line (``capsys`` is accepted for old call sites)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        check_function(*args)
    assert "✔" in out.getvalue(), out.getvalue()
    return out.getvalue()


def accepted_or_told(check_function, *args, words=()):
    """A correct answer written another way (float32, a list): accepted, or a short message with ``words``
    (none: it must be accepted), never a traceback."""
    try:
        return accepts(check_function, *args)
    except CheckFailed as failure:
        if not words:
            raise
        message = str(failure)
        for word in (*words, *FORBIDDEN):
            assert (word in message) == (word in words), f"{word!r} in the message or not:\n{message}"
        assert len(message.splitlines()) <= 6, message
        return message
