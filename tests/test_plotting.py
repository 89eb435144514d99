"""The plotting helpers: one style, live figures that keep one image, widgets."""
import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
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
