"""nbgitpuller links: one per notebook, for a hub's address. Put them on the slides.

    python3 workshop.py links https://hub.example.org          # the README's repository
    python3 workshop.py links https://hub.example.org --repo https://github.com/OWNER/NAME 01 02
    python3 workshop.py links https://hub.example.org --repo ... --branch main --folder workshop

Opening a link logs the learner in (starting their server), clones the repository
into ``~/FOLDER`` the first time, later pulls updates without overwriting the
learner's changes, and opens the notebook in JupyterLab. The format is
nbgitpuller's (``/hub/user-redirect/git-pull?repo=...&branch=...&targetpath=...&urlpath=...``);
the hub's single-user environment needs ``nbgitpuller`` (requirements-hub.txt).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

REPO = Path(__file__).resolve().parent.parent   # as tools.paths.REPO (this file also runs as a script)


def repository_url():
    """The workshop's public URL, from the README's ``<!-- repository: URL -->`` line."""
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("<!-- repository:"):
            return line.split(":", 1)[1].strip(" ->")
    return None


def folder_for(repo):
    """The folder nbgitpuller would clone ``repo`` into: its last path part, without .git."""
    name = repo.rstrip("/").split("/")[-1]
    return name[:-4] if name.endswith(".git") else name


def pull_link(hub, repo, notebook, branch="main", folder=None, app="lab"):
    """The nbgitpuller link that opens ``notebook`` (a path in the repository) on ``hub``."""
    folder = folder or folder_for(repo)
    urlpath = f"{app}/tree/{folder}/{notebook}" if app == "lab" else f"tree/{folder}/{notebook}"
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder, "urlpath": urlpath},
                      quote_via=quote, safe="")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def notebook_files(numbers=None):
    paths = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return [p for p in paths if not numbers or p.name[:2] in numbers]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="workshop.py links", description=__doc__.split("\n")[0])
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", default=repository_url(),
                        help="the workshop's public git URL (default: the README's)")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--folder", default=None, help="folder in each home (default: the repo's name)")
    parser.add_argument("notebooks", nargs="*", metavar="NN", help="only these notebooks (01 02 ...)")
    args = parser.parse_args(argv)
    parts = urlsplit(args.hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        print(f"{args.hub!r} is not a hub address; give it as https://hub.example.org")
        return 2
    if not args.repo:
        print("Give the workshop's git URL with --repo https://github.com/OWNER/NAME")
        return 2
    paths = notebook_files([n[:2] for n in args.notebooks])
    if not paths:
        print("No such notebooks in notebooks/.")
        return 2
    for path in paths:
        print(f"{path.stem}\n  {pull_link(args.hub, args.repo, f'notebooks/{path.name}', args.branch, args.folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
