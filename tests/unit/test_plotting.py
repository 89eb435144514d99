"""The plotting helpers: one style, live figures that keep one image, widgets."""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

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


def test_decision_boundary_says_which_colour_is_which_probability():
    """Plots whose text says "the colours show the probability" have a colour bar (issue 16), made once."""
    X = np.array([[-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]])
    y = np.array([0, 1, 0, 1])
    fig, ax = plt.subplots()
    boundary = plotting.DecisionBoundary(ax, X, y, n=30)
    bar = boundary.colorbar
    assert bar is not None and bar.ax.get_ylabel() == "probability of class 1"
    assert list(bar.get_ticks()) == [0, 0.25, 0.5, 0.75, 1] and bar.alpha == boundary.ALPHA
    assert [line.get_ydata()[0] for line in bar.ax.lines] == [0.5]          # the boundary, marked on it
    n_axes = len(fig.axes)
    boundary.update(lambda P: 1 / (1 + np.exp(-P[:, 0])))
    boundary.update(lambda P: 1 / (1 + np.exp(P[:, 1])))
    assert len(fig.axes) == n_axes == 2                                     # updates add no colour bar
    _, ax2 = plt.subplots()
    assert plotting.DecisionBoundary(ax2, X, y, n=30, show_probability=False).colorbar is None
    assert plotting.DecisionBoundary(plt.subplots()[1], X, y, n=30, colorbar=False).colorbar is None
    plt.close("all")


def test_loss_curves_count_epochs_from_1_and_iterations_from_0():
    """A value per epoch is drawn at epochs 1..n, as the notebooks' prints count them; iteration 0 is the start."""
    ax = plotting.plot_loss_curves({"a": [3.0, 2.0, 1.0]}, xlabel="epoch")
    assert list(ax.lines[0].get_xdata()) == [1, 2, 3]
    ax = plotting.plot_loss_curves({"a": [3.0, 2.0, 1.0]})
    assert list(ax.lines[0].get_xdata()) == [0, 1, 2]
    ax = plotting.plot_loss_curves({"a": [3.0, 2.0]}, xlabel="update", first=1)
    assert list(ax.lines[0].get_xdata()) == [1, 2]
    plt.close("all")


def test_log_axis_draws_before_any_data():
    """train's live figure sets its log axis on an empty plot and draws it at once."""
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    ax.plot([], [])
    ax.set(xlim=(0.5, 10.5))
    ax.get_ylim()                   # limits computed on the linear scale, as in train
    plotting.log_axis(ax)
    fig.canvas.draw()
    low, high = ax.get_ylim()
    assert 0 < low < high
    plt.close(fig)
