"""Nothing in the repository refers to a file outside it: a clone is all a reader needs."""
import re
import subprocess

from tools.paths import REPO

# a path that leaves the repository: up from it to the steering folder beside it, or an absolute path on the
# machine it was written on
OUTSIDE = re.compile(r"\.\./s[h]ared|"          # s[h]ared: so that this file does not name it itself
                     r"(?<![\w.:/])/(?:work|home|Users|root|tmp)/[\w.-]")
TEXT = (".py", ".md", ".ipynb", ".txt", ".toml", ".yml", ".yaml", ".cfg", ".ini", ".json", ".sh")


def tracked_files():
    out = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return [REPO / name for name in out.splitlines()
            if name.endswith(TEXT) or name in ("postBuild", "Makefile")]


def test_no_file_refers_to_a_path_outside_the_repository():
    found = []
    for path in tracked_files():
        if not path.exists() or path.name == "test_self_contained.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if len(line) < 5000 and OUTSIDE.search(line):     # skip embedded images
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:120]}")
    assert not found, ("these lines refer to files outside the repository; put what they need "
                       "in the repository (docs/curriculum.md, data/) and refer to that:\n" + "\n".join(found))


def test_the_pattern_finds_what_it_should():
    assert OUTSIDE.search("see `../" + "sh" + "ared/NOTES.md`")     # built in pieces: this file names no such path
    assert OUTSIDE.search("python /work/main/tools/x.py")
    assert not OUTSIDE.search("https://example.org/work/x and data/zen.txt")
