"""Every solution notebook, run in a real JupyterLab in headless Chromium.

What a learner sees is checked, not just what the kernel computes:

* "Run All Cells" from the Run menu finishes with no error output in any cell;
* every widget is drawn as a widget, not as text such as ``VBox(children=...``
  (which is what a missing front-end extension looks like);
* moving a slider of one widget per notebook redraws its picture.

JupyterLab (the one in this Python's environment) serves a temporary copy of
``solutions/``, so autosave can never touch the repository; ``utils`` is
importable because it is pip-installed (editable) and finds ``data/`` by its own
path. Chromium is Debian's ``/usr/bin/chromium`` driven by the ``playwright``
package (no browser download). A screenshot per notebook goes to
``tests/screenshots/``.

Skipped when Chromium or playwright is missing, unless WORKSHOP_REQUIRE_BROWSER=1
(CI sets it): then it fails and says what is missing.

    python3 workshop.py test -m browser
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

from tools.paths import REPO, SOLUTIONS
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = Path(os.environ.get("WORKSHOP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
NOTEBOOK_TIMEOUT = 180          # seconds for one notebook's "Run All"
SERVER_TIMEOUT = 60
SLIDER_TIMEOUT = 10             # seconds for a widget to redraw after its slider moved
WIDGET_AS_TEXT = re.compile(
    r"^\s*(VBox|HBox|Box|GridBox|Output|IntSlider|FloatSlider|FloatLogSlider|IntRangeSlider|"
    r"Dropdown|ToggleButtons|RadioButtons|Checkbox|Button|Play|interactive)\(")

NOTEBOOKS = sorted(p.name for p in SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))
TIMES = {}   # when each stage of the last notebook ended (printed with -s)

# JupyterLab user settings for the test: no news or update checks (offline), every
# cell kept in the page (no virtual scrolling) so that every output can be inspected.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none"},
}


def _missing_browser():
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} not found (Debian/Ubuntu: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the playwright package is not installed (pip install -r requirements-test.txt)")
    return problems


@pytest.fixture(scope="module")
def browser_available():
    problems = _missing_browser()
    if problems:
        message = "browser test needs " + "; ".join(problems)
        if os.environ.get("WORKSHOP_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (WORKSHOP_REQUIRE_BROWSER=1, so this is an error)")
        pytest.skip(message)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on 127.0.0.1 serving a temporary copy of solutions/."""

    app = "lab"                 # `jupyter lab`; Notebook7 below is `jupyter notebook`

    def url(self, name):
        return f"{self.base}/lab/tree/{name}?reset&token={self.token}"

    def __init__(self, root, home):
        self.root = root
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        settings = home / "lab-settings"
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(os.environ,
                   JUPYTER_CONFIG_DIR=str(home / "config"),
                   JUPYTER_RUNTIME_DIR=str(home / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
                   MPLCONFIGDIR=str(home / "matplotlib"))
        env.pop("MPLBACKEND", None)  # the notebooks must draw inline, as for a learner
        jupyter = Path(sys.executable).parent / "jupyter"
        self.log = open(home / "jupyterlab.log", "w")
        self.process = subprocess.Popen(
            [str(jupyter), self.app, "--no-browser", "--allow-root", "--ip=127.0.0.1",
             f"--port={self.port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
             "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             *self.app_options()],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait_until_up()

    def app_options(self):
        return ["--LabApp.expose_app_in_browser=True"]

    def api(self, path, method="GET"):
        request = urllib.request.Request(f"{self.base}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def wait_until_up(self):
        deadline = time.monotonic() + SERVER_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.process.returncode}; "
                                   f"see {self.log.name}")
            try:
                self.api("/api/status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer /api/status within {SERVER_TIMEOUT} s")

    def kernel_state(self, notebook):
        """The execution state of the kernel of ``notebook``'s session, or None."""
        for session in self.api("/api/sessions"):
            if session.get("path") == notebook and session.get("kernel"):
                return session["kernel"].get("execution_state")
        return None

    def shut_down_kernels(self):
        for session in self.api("/api/sessions"):
            try:
                self.api(f"/api/sessions/{session['id']}", method="DELETE")
            except urllib.error.URLError:
                pass

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Notebook7(Lab):
    """Jupyter Notebook 7 (what `jupyter notebook` starts): one notebook per page, /notebooks/ URLs."""
    app = "notebook"

    def url(self, name):
        return f"{self.base}/notebooks/{name}?token={self.token}"

    def app_options(self):
        return []


def serve(server_class, names, tmp_path_factory, prefix):
    """A server of ``server_class`` on temporary copies of the solution notebooks ``names``."""
    root = tmp_path_factory.mktemp(f"{prefix}-root")
    for name in names:
        shutil.copy(SOLUTIONS / name, root / name)
    return server_class(root, tmp_path_factory.mktemp(f"{prefix}-home"))


@pytest.fixture(scope="module")
def lab(browser_available, tmp_path_factory):
    server = serve(Lab, NOTEBOOKS, tmp_path_factory, "lab")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(browser_available, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 1000}, device_scale_factor=1)
        yield context
        context.close()


# --------------------------------------------------------------------------
# What the page shows, read in one go by JavaScript
# --------------------------------------------------------------------------
CELL_REPORT_JS = """
() => {
  const widgetMime = 'application/vnd.jupyter.widget-view+json';
  return Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell')).map((cell, index) => {
    const prompt = cell.querySelector('.jp-InputPrompt');
    const errors = Array.from(cell.querySelectorAll(
        '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(e => e.innerText.slice(0, 600));
    const texts = Array.from(cell.querySelectorAll('.jp-OutputArea-output'))
      .map(e => e.innerText.slice(0, 200));
    return {
      index: index,
      code: cell.classList.contains('jp-CodeCell'),
      prompt: prompt ? prompt.innerText.trim() : '',
      source: (cell.querySelector('.jp-InputArea-editor') || {innerText: ''}).innerText.slice(0, 80),
      errors: errors,
      texts: texts,
      widgets: cell.querySelectorAll('.jp-OutputArea-output .jupyter-widgets.widget-vbox, '
                                     + '.jp-OutputArea-output .jupyter-widgets.widget-hbox, '
                                     + '.jp-OutputArea-output .widget-slider').length,
    };
  });
}
"""


def expected_widget_cells(path):
    """Indices of the cells whose saved outputs (in the notebook file at ``path``) hold a widget."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return [i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
            and any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                    for o in cell.get("outputs", []))]


def describe(cell):
    return f"cell {cell['index']} ({cell['source'].splitlines()[0] if cell['source'] else 'empty'!r})"


OPEN_JS = """
async (path) => {
  await window.jupyterapp.commands.execute('docmanager:open', {path: path});
}
"""
CLOSE_ALL_JS = """
async () => {
  const app = window.jupyterapp;
  if (!app) { return; }
  await app.commands.execute('docmanager:save-all');   // the temporary copy; no "save?" dialog
  await app.commands.execute('application:close-all');
}
"""


def lab_is_loaded(page, lab):
    if lab.app != "lab":
        return False
    return page.url.startswith(lab.base) and page.evaluate("() => !!window.jupyterapp")


def run_all_cells(page, lab, name):
    """Open the notebook, wait for its kernel, Run All from the menu, wait for the end.

    JupyterLab is loaded once per page; later notebooks are opened in it (faster
    than loading the whole application again).
    """
    if lab_is_loaded(page, lab):
        page.evaluate(OPEN_JS, name)
    else:
        page.goto(lab.url(name))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    TIMES["page"] = time.monotonic()
    deadline = time.monotonic() + 60
    while lab.kernel_state(name) != "idle":
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: the kernel did not become idle within 60 s "
                                 f"(state {lab.kernel_state(name)!r})")
        time.sleep(0.3)
    TIMES["kernel"] = time.monotonic()
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

    n_code = page.locator(".jp-Notebook .jp-CodeCell").count()
    deadline = time.monotonic() + NOTEBOOK_TIMEOUT
    idle_since = None
    while True:
        cells = page.evaluate(CELL_REPORT_JS)
        prompts = [c["prompt"] for c in cells if c["code"]]
        done = (len(prompts) == n_code and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts)
                and lab.kernel_state(name) == "idle")
        if done:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since > 1.0:   # stays finished: widget views have drawn
                TIMES["run"] = time.monotonic()
                return cells
        else:
            idle_since = None
        if any(c["errors"] for c in cells) and lab.kernel_state(name) == "idle":
            return cells                               # Run All stops at an error
        if time.monotonic() > deadline:
            waiting = [describe(c) for c in cells if c["code"] and not re.fullmatch(r"\[\d+\]:", c["prompt"])]
            raise AssertionError(f"{name}: Run All did not finish within {NOTEBOOK_TIMEOUT} s; "
                                 f"not run: {', '.join(waiting[:3])}")
        time.sleep(0.5)


WIDGET_SNAPSHOT_JS = """
(box) => {
  const images = Array.from(box.querySelectorAll('img')).map(img => img.src);
  const outputs = Array.from(box.querySelectorAll('.widget-output')).map(o => o.innerText);
  return JSON.stringify({images: images, outputs: outputs});
}
"""


COVERED_JS = """
(handle) => {
  const r = handle.getBoundingClientRect();
  const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  if (top && handle.contains(top)) { return null; }
  return top ? (top.tagName.toLowerCase() + '.' + Array.from(top.classList).join('.')) : 'nothing (outside the window)';
}
"""


def move_a_slider(page, name):
    """Move the first slider of one widget by a step; what the widget shows must change.

    The widget chosen is the first one that has a slider, preferring one that
    shows a picture (an interactive plot). The picture (its data URL) or, for a
    widget without one, the text of its output is compared before and after.
    Returns a note when no widget has a slider.
    """
    boxes = page.locator(".jp-OutputArea-output .jupyter-widgets.widget-vbox").filter(
        has=page.locator(".widget-slider .noUi-handle"))
    if boxes.count() == 0:
        return f"{name}: no widget with a slider to move"
    with_picture = boxes.filter(has=page.locator("img"))
    widget = with_picture.first if with_picture.count() else boxes.first
    widget.scroll_into_view_if_needed()
    before = widget.evaluate(WIDGET_SNAPSHOT_JS)
    slider = widget.locator(".widget-slider").first
    readout = slider.locator(".widget-readout").first
    value_before = readout.inner_text() if readout.count() else None
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    time.sleep(0.5)
    if readout.count() and readout.inner_text() == value_before:   # it was at its maximum
        page.keyboard.press("ArrowLeft")
        time.sleep(0.5)
    if readout.count() and readout.inner_text() == value_before:
        # The keys did not reach the slider: Notebook 7 keeps keyboard focus on the notebook, and
        # focusing the handle made it scroll to the active cell, which can leave the slider out of
        # the window or under the sticky toolbar. Drag it with the mouse, as a learner does, after
        # scrolling it to the middle of the window; it must not be covered there.
        for dx in (30, -30):                                         # right, or left from the maximum
            handle.evaluate("e => e.scrollIntoView({block: 'center', inline: 'nearest'})")
            time.sleep(0.2)
            covered = handle.evaluate(COVERED_JS)
            if covered:
                raise AssertionError(f"{name}: the slider is covered by {covered} even scrolled to "
                                     "the middle of the window: a learner cannot move it")
            box = handle.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2, steps=5)
            page.mouse.up()
            time.sleep(0.5)
            if readout.inner_text() != value_before:
                break
    deadline = time.monotonic() + SLIDER_TIMEOUT
    while time.monotonic() < deadline:
        if widget.evaluate(WIDGET_SNAPSHOT_JS) != before:
            return None
        time.sleep(0.2)
    raise AssertionError(f"{name}: moving a slider of the widget did not change what it shows within {SLIDER_TIMEOUT} s")


def problems_in_notebook(page, lab, name, saved):
    """Run the notebook ``name`` in the page; what a learner would see go wrong.

    ``saved`` is the executed notebook file (it says which cells hold widgets).
    Leaves the page scrolled to the first widget, for the screenshot.
    """
    cells = run_all_cells(page, lab, name)
    problems = []
    for cell in cells:
        for error in cell["errors"]:
            problems.append(f"{describe(cell)} shows an error or a warning:\n{error}")
        for text in cell["texts"]:
            if WIDGET_AS_TEXT.match(text):
                problems.append(f"{describe(cell)} shows a widget as text ({text[:60]!r}): "
                                "the widget front-end (jupyterlab_widgets) is not working")
    widget_cells = expected_widget_cells(saved)
    for index in widget_cells:
        if index < len(cells) and cells[index]["widgets"] == 0:
            problems.append(f"{describe(cells[index])}: its widget is not drawn")
    if not problems and widget_cells:
        try:
            note = move_a_slider(page, name)
            if note:
                print(note)
        except AssertionError as error:
            problems.append(str(error))
    widgets = page.locator(".jp-OutputArea-output .jupyter-widgets.widget-vbox")
    if widgets.count():
        widgets.first.scroll_into_view_if_needed()
    return problems


@pytest.fixture(scope="module")
def lab_page(lab, browser):
    """One browser tab with JupyterLab, shared by the notebooks (each is closed after its test)."""
    page = browser.new_page()
    yield page
    page.close()


def close_notebooks(page, lab):
    if lab_is_loaded(page, lab):
        page.evaluate(CLOSE_ALL_JS)
        page.wait_for_selector(".jp-Notebook", state="detached", timeout=30_000)
    lab.shut_down_kernels()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab(name, lab, lab_page):
    SCREENSHOTS.mkdir(exist_ok=True)
    page = lab_page
    start = TIMES["start"] = time.monotonic()
    try:
        problems = problems_in_notebook(page, lab, name, SOLUTIONS / name)
        page.screenshot(path=str(SCREENSHOTS / f"{Path(name).stem}.png"))
        assert not problems, f"{name}:\n" + "\n".join(problems)
    finally:
        stages = [f"{stage} {TIMES[stage] - TIMES[before]:.1f} s" for before, stage in
                  [("start", "page"), ("page", "kernel"), ("kernel", "run")] if stage in TIMES]
        print(f"{name}: {time.monotonic() - start:.1f} s in the browser ({', '.join(stages)})")
        TIMES.clear()
        close_notebooks(page, lab)


def test_the_browser_test_sees_errors_and_widgets_drawn_as_text(browser, tmp_path_factory):
    """The checks above can fail: an error cell, and widgets without their front-end."""
    import nbformat

    root = tmp_path_factory.mktemp("lab-broken")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets as widgets\nwidgets.VBox([widgets.IntSlider()])"),
                nbformat.v4.new_code_cell("1 / 0")]
    # Saved outputs, as an executed solution has: cell 0 holds a widget.
    nb.cells[0].outputs = [nbformat.v4.new_output(
        "execute_result", data={"application/vnd.jupyter.widget-view+json": {}, "text/plain": "VBox()"})]
    nbformat.write(nb, root / "broken.ipynb")
    home = tmp_path_factory.mktemp("lab-home-broken")
    # JupyterLab without the widget front-end: what a learner sees when jupyterlab_widgets is missing.
    (home / "config" / "labconfig").mkdir(parents=True)
    (home / "config" / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyter-widgets/jupyterlab-manager": True}}))
    server = Lab(root, home)
    page = browser.new_page()
    try:
        problems = "\n".join(problems_in_notebook(page, server, "broken.ipynb", root / "broken.ipynb"))
    finally:
        page.close()
        server.shut_down_kernels()
        server.stop()
    assert "cell 0" in problems and "widget as text" in problems, problems
    assert "cell 1" in problems and "ZeroDivisionError" in problems, problems


def test_the_browser_test_sees_a_widget_that_does_not_redraw(lab, lab_page):
    """The slider check can fail: a widget whose picture ignores its slider."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "import ipywidgets as widgets\n"
        "import matplotlib.pyplot as plt\n"
        "from utils import plotting\n"
        "def draw(value):\n"
        "    plt.plot([0, 1], [0, 1])          # the same picture whatever the value\n"
        "frozen = plotting.interactive_plot(draw, value=widgets.IntSlider(value=1, max=5, continuous_update=False))\n"
        "frozen")]
    nb.cells[0].outputs = [nbformat.v4.new_output(
        "execute_result", data={"application/vnd.jupyter.widget-view+json": {}, "text/plain": "VBox()"})]
    path = Path(lab.root) / "frozen_widget.ipynb"
    nbformat.write(nb, path)
    try:
        problems = "\n".join(problems_in_notebook(lab_page, lab, path.name, path))
    finally:
        close_notebooks(lab_page, lab)
        path.unlink()
    assert "did not change what it shows" in problems, problems


# Notebook 7 runs a subset (00, 01 and 04: the set-up check, the first live widget, the
# biggest live notebook) to keep the suite's time bounded; its interface is JupyterLab's
# components in another shell, so the other notebooks add little. Each opens in its own page.
# In Notebook 7 the arrow keys do not reach a slider: move_a_slider drags it instead.
NOTEBOOK7 = [name for name in NOTEBOOKS if name[:2] in ("00", "01", "04")]


@pytest.fixture(scope="module")
def notebook7(browser_available, tmp_path_factory):
    server = serve(Notebook7, NOTEBOOK7, tmp_path_factory, "nb7")
    yield server
    server.stop()


@pytest.mark.parametrize("name", NOTEBOOK7)
def test_notebook_runs_in_notebook7(name, notebook7, browser):
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page()
    start = TIMES["start"] = time.monotonic()
    try:
        problems = problems_in_notebook(page, notebook7, name, SOLUTIONS / name)
        page.screenshot(path=str(SCREENSHOTS / f"notebook7_{Path(name).stem}.png"))
        assert not problems, f"{name} in Notebook 7:\n" + "\n".join(problems)
    finally:
        print(f"{name}: {time.monotonic() - start:.1f} s in Notebook 7")
        TIMES.clear()
        page.close()
        notebook7.shut_down_kernels()
