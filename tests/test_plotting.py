"""The plotting helpers: one style, live figures that keep one image, widgets."""
import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from utils import plotting


def test_style_uses_the_colour_blind_safe_cycle():
    plotting.use_style()
    cycle = [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert cycle[:2] == [plotting.COLORS["blue"], plotting.COLORS["orange"]]


def test_decision_boundary_draws_probabilities_boundary_and_both_classes():
    X = np.array([[-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]])
    y = np.array([0, 1, 0, 1])
    ax, filled = plotting.plot_decision_boundary(lambda P: 1 / (1 + np.exp(-P[:, 0] * 3)), X, y, n=50)
    assert ax.get_title() == "Decision boundary" and ax.get_xlabel() == "$x_1$"
    assert filled is not None and len(ax.collections) >= 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]
    plt.close("all")


def test_decision_boundary_replaces_its_contours_and_keeps_the_same_points():
    X = np.array([[-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]])
    y = np.array([0, 1, 0, 1])
    fig, ax = plt.subplots()
    boundary = plotting.DecisionBoundary(ax, X, y, n=30)
    points = list(boundary.points)
    for slope in (1.0, -2.0, 3.0):
        p = boundary.update(lambda P: 1 / (1 + np.exp(-slope * P[:, 0])), title=f"slope {slope}")
        assert len(ax.collections) == len(points) + 2          # this model's filled contours and boundary
    assert ax.get_title() == "slope 3.0" and p.shape == (30, 30)
    boundary.set_data(X.copy(), list(y))                       # the same points: nothing redrawn
    assert boundary.points == points
    boundary.set_data(X[:3] * 2, y[:3])                        # new points: redrawn, the grid follows
    assert boundary.points != points and ax.get_xlim()[1] > 2
    assert all(c.get_zorder() == 3 for c in boundary.points)   # above the probability and the boundary
    plt.close(fig)


@pytest.mark.parametrize("low, high", [(0.06, 0.7), (0.01, 7.2), (47, 1e10), (0.3, 0.31), (1e-300, 1e300),
                                       (0.684, 0.693), (1e-3, 1e12)])
def test_log_axis_ticks_are_round_plain_and_few(low, high):
    fig, ax = plt.subplots()
    plotting.log_axis(ax)
    ax.set_ylim(low, high)
    ticks = ax.yaxis.get_major_locator()()
    labels = [ax.yaxis.get_major_formatter()(t) for t in ticks]
    assert 2 <= len(ticks) <= 9 and np.all((ticks >= low) & (ticks <= high))
    assert all("$" not in label and len(label) <= 7 for label in labels)          # no mathtext, short
    assert [float(label) for label in labels] == pytest.approx(ticks, rel=1e-6)   # and they say the value
    plt.close(fig)


def test_contour_with_path_skips_diverged_points():
    path = np.array([[0.0, 0.0], [1.0, 1.0], [np.inf, np.nan]])
    ax, _ = plotting.plot_contour_with_path(lambda a, b: a ** 2 + b ** 2 + 1, (-2, 2), (-2, 2),
                                            paths={"gd": path}, optimum=(0, 0))
    line = ax.get_lines()[0]
    assert len(line.get_xdata()) == 2
    plt.close("all")


def test_loss_curves_label_every_history():
    ax = plotting.plot_loss_curves({"a": [3, 2, 1], "b": [3, 1, 0.5]}, log=True)
    assert ax.get_yscale() == "log" and len(ax.get_legend().get_texts()) == 2
    plt.close("all")


def run_cells(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    return nb


def test_live_figure_keeps_one_image_and_widgets_redraw():
    nb = run_cells(
        "import matplotlib.pyplot as plt, numpy as np, ipywidgets as widgets\nfrom utils import plotting",
        # 30 redraws of one figure: the executed notebook must hold one image, not 30
        "fig, ax = plt.subplots()\nline, = ax.plot([0], [0])\nlive = plotting.LiveFigure(fig, min_interval=0)\n"
        "for i in range(30):\n    line.set_data(range(i + 1), range(i + 1))\n    live.update()\nlive.close()",
        "calls = []\n"
        "def draw(n):\n    calls.append(n)\n    plt.plot(range(n))\n"
        "slider = widgets.IntSlider(value=3, min=1, max=9)\n"
        "box = plotting.interactive_plot(draw, n=slider)\nslider.value = 5\nbox.refresh()\n"
        "print(calls, len(plotting.WIDGETS), plt.get_fignums())",
    )
    images = [o for o in nb.cells[1].outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    assert nb.cells[2].outputs[-1]["text"].strip() == "[3, 5, 5] 1 []"


def test_kept_figure_widget_updates_its_picture_and_shows_errors_briefly():
    nb = run_cells(
        "import matplotlib.pyplot as plt, numpy as np, ipywidgets as widgets\nimport utils\nfrom utils import plotting",
        "fig, ax = plt.subplots()\nline, = ax.plot([0, 1], [0, 1])\n"
        "def draw(slope):\n"
        "    if slope == 0:\n        raise NotImplementedError('draw is not implemented yet')\n"
        "    if slope == 2:\n        print('slope two')\n"
        "    line.set_ydata([0, slope])\n    ax.set_title(f'slope {slope}')\n"
        "slider = widgets.IntSlider(value=1, min=0, max=3)\n"
        "box = plotting.interactive_plot(draw, fig=fig, slope=slider)\n"
        "picture, output = box.children[1:]\nfirst = picture.value\n"
        "slider.value = 3\nthird = picture.value\n"
        "slider.value = 0\nerror = list(output.outputs)\n"
        "slider.value = 2\nafter = list(output.outputs)\n"
        "print(first[:4] == b'\\x89PNG', first != third, plt.get_fignums())\n"
        "print(error[0]['output_type'], error[0]['ename'], len(error[0]['traceback']))\n"
        "print(after)\n"
        # a callback that fails from the start (an unfinished exercise) shows no empty picture
        "fig2, ax2 = plt.subplots()\nline2, = ax2.plot([0, 1], [0, 1])\n"
        "def draw2(slope):\n"
        "    if slope == 0:\n        raise NotImplementedError('draw2 is not implemented yet')\n"
        "    line2.set_ydata([0, slope])\n"
        "slope = widgets.IntSlider(value=0, min=0, max=3)\n"
        "box2 = plotting.interactive_plot(draw2, fig=fig2, slope=slope)\n"
        "print(box2.children[1].layout.display, end=' ')\nslope.value = 1\nprint(box2.children[1].layout.display)",
    )
    lines = nb.cells[1].outputs[-1]["text"].splitlines()
    assert lines[3] == "none None"
    assert lines[0] == "True True []"           # a PNG, redrawn on the move, no figure left open
    kind, name, length = lines[1].split()
    assert kind == "error" and name == "NotImplementedError" and int(length) <= 3   # short, no traceback
    assert "slope two" in lines[2] and "error" not in lines[2]                      # print shown, error gone
