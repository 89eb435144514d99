"""Writes zen.txt next to this script: the Zen of Python (PEP 20), the text notebook 07's
language model learns from. It comes with Python, in the standard library's `this` module
(rot13-encoded there); nothing is downloaded. No randomness: the same text on every run.
"""
import codecs
import contextlib
import io
from pathlib import Path

with contextlib.redirect_stdout(io.StringIO()):     # importing `this` prints the Zen
    import this

zen = codecs.decode(this.s, "rot13")
(Path(__file__).resolve().parent / "zen.txt").write_bytes(zen.encode("utf-8"))
