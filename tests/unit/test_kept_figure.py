"""KeptFigure redraws only what changed: every kind of update must look exactly like a normal draw."""
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from utils.plots.kept_figure import KeptFigure  # noqa: E402


def normal_draw(fig, kept):
    """The figure drawn the ordinary way (every artist, in zorder), as an RGBA array."""
    for artist in kept.dynamic:
        artist.set_animated(False)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba()).copy()
    for artist in kept.dynamic:
        artist.set_animated(True)
    return pixels


def decoded(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def assert_same_as_normal_draw(fig, kept, png, allowed=0):
    """The rendered PNG is the normal draw, pixel for pixel (but ``allowed`` pixels)."""
    got, want = decoded(png), normal_draw(fig, kept)
    assert got.shape == want.shape
    different = np.any(got != want, axis=-1)
    assert different.sum() <= allowed, f"{different.sum()} pixels differ from a normal draw"


@pytest.fixture
def widget_figure():
    """Two axes side by side, like the workshop's widgets: a static map with a path, and a curve."""
    plt.close("all")
    matplotlib.rcParams["figure.constrained_layout.use"] = False
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3), dpi=60)
    fig.subplots_adjust(left=0.08, right=0.98, wspace=0.35, bottom=0.18, top=0.88)
    x = np.linspace(-2, 2, 40)
    X, Y = np.meshgrid(x, x)
    left.contour(X, Y, X ** 2 + 3 * Y ** 2, levels=8)
    left.scatter([0.5, -1], [0.5, 1], zorder=3, s=60, label="points")
    path, = left.plot([-1.5, 0], [1.5, 0], "o-", label="path")
    left.legend(loc="upper right")
    left.set(xlim=(-2, 2), ylim=(-2, 2), title="start")
    curve, = right.plot(np.arange(10), np.linspace(5, 1, 10))
    right.set(xlabel="iteration", ylabel="loss", title="loss")
    yield fig, left, right, path, curve
    plt.close(fig)


def test_first_render_is_a_full_draw(widget_figure):
    fig, *_ = widget_figure
    kept = KeptFigure(fig)
    png = kept.render()
    assert kept.full_draws == 1 and not kept.dynamic
    assert_same_as_normal_draw(fig, kept, png)


def test_changed_data_is_redrawn_on_top_of_the_kept_background(widget_figure):
    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    path.set_data([-1.5, -0.5, 0.5], [1.5, 0.2, -0.8])
    png = kept.render()          # path was in the background: its axes is redrawn once
    assert path in kept.dynamic and kept.axes_draws == 1
    assert_same_as_normal_draw(fig, kept, png)
    path.set_data([-1.5, 1.0], [-1.5, 1.2])
    png = kept.render()          # now only the dynamic layer is drawn
    assert kept.axes_draws == 1 and kept.full_draws == 1
    assert_same_as_normal_draw(fig, kept, png)


def test_artists_above_a_changed_one_stay_above_it(widget_figure):
    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    path.set_data([0.5, -1], [0.5, 1])       # right under the scatter points (zorder 3) and the legend
    png = kept.render()
    assert left.legend_ in kept.dynamic and any(c in kept.dynamic for c in left.collections)
    assert_same_as_normal_draw(fig, kept, png)


def test_new_limits_redraw_only_that_axes(widget_figure):
    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    curve.set_data(np.arange(300), np.geomspace(1e4, 1e-2, 300))
    right.relim()
    right.autoscale_view()
    right.set_yscale("log")
    png = kept.render()
    assert kept.full_draws == 1 and kept.axes_draws == 1
    assert_same_as_normal_draw(fig, kept, png)
    right.set_ylim(1e-3, 1e5)     # wider tick labels than before
    png = kept.render()
    assert kept.axes_draws == 2
    assert_same_as_normal_draw(fig, kept, png)


def test_titles_labels_and_visibility(widget_figure):
    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    for step in range(3):
        left.set_title(f"α = {0.1 * step:.2f}")
        right.set_xlabel(f"iteration ({step})")
        path.set_visible(step % 2 == 0)
        assert_same_as_normal_draw(fig, kept, kept.render())


def test_recreated_artists(widget_figure):
    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    x = np.linspace(-2, 2, 30)
    X, Y = np.meshgrid(x, x)
    filled = None
    for shift in (0.0, 0.5, -0.7):
        if filled is not None:
            filled.remove()
        filled = left.contourf(X, Y, np.tanh(X + Y + shift), levels=5, alpha=0.35, cmap="RdBu_r")
        left.legend(loc="lower left")         # a new legend replaces the old one
        assert_same_as_normal_draw(fig, kept, kept.render())


def test_grid_above_the_changing_artists_draws_that_axes_whole(widget_figure):
    """With the grid above data (matplotlib's default "line"), a filled contour at zorder 1 lies
    under the grid lines: its axes cannot keep a background and is drawn whole each time."""
    fig, left, right, path, curve = widget_figure
    left.set_axisbelow("line")
    kept = KeptFigure(fig)
    kept.render()
    x = np.linspace(-2, 2, 30)
    X, Y = np.meshgrid(x, x)
    filled = None
    for step, shift in enumerate((0.0, 0.5, -0.7)):
        if filled is not None:
            filled.remove()
        filled = left.contourf(X, Y, np.tanh(X + Y + shift), levels=5, alpha=0.35, cmap="RdBu_r")
        curve.set_ydata(np.linspace(5, 1 + step / 10, 10))
        assert_same_as_normal_draw(fig, kept, kept.render())
    assert kept.whole == {left}


def test_unchanged_figure_draws_nothing_again(widget_figure):
    fig, *_ = widget_figure
    kept = KeptFigure(fig)
    first = kept.render()
    again = kept.render()
    assert kept.full_draws == 1 and kept.axes_draws == 0 and not kept.dynamic
    assert np.array_equal(decoded(first), decoded(again))


def test_figure_level_changes_and_inset_axes_fall_back_to_a_full_draw(widget_figure):
    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    fig.suptitle("a figure title")
    png = kept.render()
    assert kept.full_draws == 2
    assert_same_as_normal_draw(fig, kept, png)
    inset = left.inset_axes([0.05, 0.05, 0.4, 0.4])   # inside the left axes
    line, = inset.plot([0, 1], [0, 1])
    png = kept.render()
    assert kept.full_draws == 3
    assert_same_as_normal_draw(fig, kept, png)
    line.set_ydata([1, 0])
    png = kept.render()
    assert kept.full_draws == 4
    assert_same_as_normal_draw(fig, kept, png)


def test_the_comparison_catches_a_stale_background(widget_figure, monkeypatch):
    """The pixel check can fail: a KeptFigure blind to new limits keeps the old tick labels."""
    import utils.plots.kept_figure as kept_figure

    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    curve.set_ydata(np.linspace(4, 2, 10))
    kept.render()                # the curve is now drawn on top of the kept background
    monkeypatch.setattr(kept_figure, "_axes_state", lambda ax: "limits not looked at")
    kept.states = dict.fromkeys(kept.states, "limits not looked at")
    curve.set_data(np.arange(300), np.geomspace(1e4, 1e-2, 300))
    right.relim()
    right.autoscale_view()
    png = kept.render()
    assert kept.axes_draws == 1  # only the first change; the new limits went unnoticed
    with pytest.raises(AssertionError, match="pixels differ"):
        assert_same_as_normal_draw(fig, kept, png)


def test_a_closed_figure_gets_a_canvas_of_its_own():
    fig, ax = plt.subplots(figsize=(3, 2))
    line, = ax.plot([0, 1], [0, 1])
    plt.close(fig)
    kept = KeptFigure(fig)
    kept.render()
    canvas = fig.canvas
    line.set_ydata([1, 0])
    kept.render()
    assert fig.canvas is canvas and type(canvas).__name__ == "FigureCanvasAgg"


def test_constrained_layout_runs_first_and_again_when_labels_outgrow_it():
    plt.close("all")
    with matplotlib.rc_context({"figure.constrained_layout.use": True}):
        fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3), dpi=60)
    left.plot([0, 1], [0, 1])
    curve, = right.plot([0, 1], [1, 2])
    right.set(ylabel="loss", title="loss")
    kept = KeptFigure(fig)
    kept.render()
    assert fig.get_layout_engine() is None          # kept out of the way between full draws
    laid_out = right.get_position().bounds
    curve.set_ydata([1.5, 1.8])                     # same kind of labels: the axes stay put
    assert_same_as_normal_draw(fig, kept, kept.render())
    assert kept.full_draws == 1 and right.get_position().bounds == laid_out
    curve.set_ydata([123456.5, 123456.8])           # long tick labels would push "loss" out
    right.relim()
    right.autoscale_view()
    png = kept.render()
    assert kept.full_draws == 2 and right.get_position().bounds != laid_out
    renderer = fig.canvas.get_renderer()
    assert right.get_tightbbox(renderer).x0 >= left.get_tightbbox(renderer).x1
    assert_same_as_normal_draw(fig, kept, png)
    plt.close(fig)


@pytest.mark.parametrize("grid, direction", [(False, "out"), (True, "out"), (False, "in")])
def test_an_image_under_the_axis(widget_figure, grid, direction):
    """An image (zorder 0) lies under the axis: fine while the axis draws nothing inside the
    axes; with grid lines or inward ticks the axes is drawn whole each time."""
    fig, left, right, path, curve = widget_figure
    right.grid(grid)
    right.tick_params(direction=direction)
    image = right.imshow(np.zeros((20, 20)), extent=(0, 9, 1, 5), aspect="auto", vmin=-1, vmax=1)
    kept = KeptFigure(fig)
    kept.render()
    for phase in (0.0, 1.0, 2.5):
        x = np.linspace(0, 3, 20)
        image.set_data(np.sin(x[None, :] + x[:, None] + phase))
        # outward tick marks start on the axes' edge: the antialiased first pixel of a few of
        # them lies over the image's edge, under it when the image is drawn on top
        assert_same_as_normal_draw(fig, kept, kept.render(), allowed=6)
    assert (right in kept.whole) == (grid or direction == "in")


# Changes found in review that once went wrong: each must still come out as a normal draw.
def _suptitle_then_new_limits(fig, left, right, path, curve):
    fig.suptitle("a figure title")
    yield
    right.set_ylim(0, 9)                  # the right axes is redrawn: the title must survive
    yield


def _axis_off_with_a_changing_image(fig, left, right, path, curve):
    left.axis("off")
    image = left.imshow(np.zeros((8, 8)), extent=(-2, 2, -2, 2), vmin=-1, vmax=1)
    yield
    for phase in (0.5, 1.5):
        image.set_data(np.sin(np.arange(64).reshape(8, 8) + phase))
        yield                             # no frame drawn around it


def _twin_axes(fig, left, right, path, curve):
    twin = right.twinx()
    twin.fill_between([0, 9], [0, 0], [3, 3], color="orange")
    yield
    for top in (2.0, 4.0):
        curve.set_ydata(np.linspace(5, top, 10))   # under the twin's fill, as in a normal draw
        yield


def _legend_text_grid_ticks_visibility(fig, left, right, path, curve):
    left.get_legend().get_texts()[0].set_text("renamed")
    yield
    right.grid(False)
    yield
    right.tick_params(labelsize=14, labelcolor="red")
    yield
    right.set_visible(False)
    yield


@pytest.mark.parametrize("changes", [_suptitle_then_new_limits, _axis_off_with_a_changing_image, _twin_axes,
                                     _legend_text_grid_ticks_visibility], ids=lambda f: f.__name__.strip("_"))
def test_changes_found_in_review(widget_figure, changes):
    fig = widget_figure[0]
    kept = KeptFigure(fig)
    kept.render()
    for _ in changes(*widget_figure):
        assert_same_as_normal_draw(fig, kept, kept.render())


def test_a_render_that_raises_leaves_nothing_behind(widget_figure):
    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    path.set_data([-1.5, 1.5], [1.5, -1.5])
    right.set_xlabel(r"$\frac{1}$")       # a typo in mathtext: drawing fails
    with pytest.raises(ValueError):
        kept.render()
    right.set_xlabel("iteration")
    assert_same_as_normal_draw(fig, kept, kept.render())


# ---------------------------------------------------------------- without matplotlib's internals
def _updates(fig, left, right, path, curve):
    """A widget's updates: new data, new limits, a new title."""
    yield
    path.set_data([-1.5, -0.5, 0.5], [1.5, 0.2, -0.8])
    yield
    right.set_ylim(0, 12)
    curve.set_ydata(np.linspace(10, 2, 10))
    yield
    left.set_title("a much longer title than before")
    yield


def _assert_plain_draws(widget_figure, kept):
    fig, *_ = widget_figure
    for count, _ in enumerate(_updates(*widget_figure), start=1):
        png = kept.render()
        assert kept.full_draws == count and kept.axes_draws == 0 and not kept.dynamic
        assert_same_as_normal_draw(fig, kept, png)


def test_without_get_tick_params_every_render_is_a_plain_full_draw(widget_figure, monkeypatch):
    from matplotlib.axis import Axis
    monkeypatch.delattr(Axis, "get_tick_params")      # matplotlib before 3.7
    kept = KeptFigure(widget_figure[0])
    assert kept.missing == ["axis.get_tick_params"]
    _assert_plain_draws(widget_figure, kept)


@pytest.mark.parametrize("where", ["figure", "canvas", "axes", "axis"])
def test_any_missing_internal_means_plain_full_draws(widget_figure, monkeypatch, where):
    from utils.plots import kept_figure
    monkeypatch.setattr(kept_figure, "INTERNALS", kept_figure.INTERNALS + ((where, "gone_in_a_new_version"),))
    kept = KeptFigure(widget_figure[0])
    assert kept.missing == [f"{where}.gone_in_a_new_version"]
    _assert_plain_draws(widget_figure, kept)


def test_stale_flags_that_do_not_work_mean_plain_full_draws(widget_figure, monkeypatch):
    from matplotlib.artist import Artist
    monkeypatch.setattr(Artist, "stale", property(lambda self: False, lambda self, value: None))
    kept = KeptFigure(widget_figure[0])
    assert kept.missing == ["Artist.stale"]
    monkeypatch.undo()    # the normal draw to compare with needs them
    _assert_plain_draws(widget_figure, kept)


def test_an_internal_missing_at_run_time_switches_to_plain_draws(widget_figure, monkeypatch):
    from utils.plots import kept_figure
    fig, left, right, path, curve = widget_figure
    kept = KeptFigure(fig)
    kept.render()
    assert not kept.missing

    def gone(fig):
        raise AttributeError("'Figure' object has no attribute 'subfigs'", name="subfigs")
    monkeypatch.setattr(kept_figure, "_figure_state", gone)
    path.set_data([-1.5, 1.0], [-1.5, 1.2])
    png = kept.render()      # the widget still updates
    assert kept.missing and kept.full_draws == 2 and not kept.dynamic
    assert_same_as_normal_draw(fig, kept, png)
    curve.set_ydata(np.linspace(2, 4, 10))
    png = kept.render()
    assert kept.full_draws == 3
    assert_same_as_normal_draw(fig, kept, png)


def test_other_attribute_errors_are_the_callers(widget_figure, monkeypatch):
    from utils.plots import kept_figure
    fig, *_ = widget_figure
    kept = KeptFigure(fig)
    kept.render()

    def broken(fig):
        raise AttributeError("'Line2D' object has no attribute 'set_dta'", name="set_dta")
    monkeypatch.setattr(kept_figure, "_figure_state", broken)
    with pytest.raises(AttributeError, match="set_dta"):
        kept.render()
    assert not kept.missing


def test_a_tick_without_its_direction_counts_as_pointing_in():
    from utils.plots.kept_figure import _axis_inside
    with matplotlib.rc_context({"axes.grid": False, "xtick.direction": "out"}):
        fig, left = plt.subplots()
    assert not _axis_inside(left.xaxis)
    for tick in left.xaxis.majorTicks:
        del tick._tickdir
    assert _axis_inside(left.xaxis)
    plt.close(fig)
