"""nbgitpuller links (tools/hub_links.py): the format nbgitpuller's handler reads."""
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import hub_links  # noqa: E402

REPO_URL = "https://github.com/OWNER/NAME"


def test_the_link_nbgitpuller_documents():
    link = hub_links.pull_link("https://hub.example.org/", REPO_URL,
                               "notebooks/01_regression_and_gradient_descent.ipynb")
    assert link == (
        "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2FNAME"
        "&branch=main&targetpath=NAME"
        "&urlpath=lab%2Ftree%2FNAME%2Fnotebooks%2F01_regression_and_gradient_descent.ipynb")


def test_the_query_reads_back_as_nbgitpullers_arguments():
    link = hub_links.pull_link("http://127.0.0.1:8000", REPO_URL + ".git", "notebooks/02 x.ipynb",
                               branch="fix/typo")
    parts = urlsplit(link)
    assert parts.path == "/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
    # nbgitpuller's UIHandler: repo, branch, targetpath, urlpath ("lab/tree/<targetpath>/...")
    assert query == {"repo": REPO_URL + ".git", "branch": "fix/typo", "targetpath": "NAME",
                     "urlpath": "lab/tree/NAME/notebooks/02 x.ipynb"}


def test_one_link_per_notebook(capsys):
    assert hub_links.main(["https://hub.example.org", "--repo", REPO_URL]) == 0
    out = capsys.readouterr().out
    names = sorted(p.stem for p in (hub_links.REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert out.count("/hub/user-redirect/git-pull?") == len(names) > 0
    for name in names:
        assert f"{name}\n  https://hub.example.org/hub/user-redirect/git-pull?" in out


def test_bad_address_is_one_line(capsys):
    assert hub_links.main(["hub.example.org", "--repo", REPO_URL]) == 2
    assert capsys.readouterr().out == ("'hub.example.org' is not a hub address; "
                                       "give it as https://hub.example.org\n")
