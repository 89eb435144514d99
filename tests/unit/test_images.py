"""utils.images: the tiling, the confusion matrix and the figures of notebook 06."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from utils import images  # noqa: E402


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    matrix = images.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], n_classes=3)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    assert matrix.sum() == 6


def test_mosaic_places_every_tile_and_leaves_gaps_empty():
    arrays = np.arange(5 * 2 * 3, dtype=float).reshape(5, 2, 3)
    tiled, corners = images.mosaic(arrays, ncols=3, gap=1, title_gap=2)
    assert tiled.shape == (2 * (2 + 1 + 2), 3 * (3 + 1) - 1)
    for array, (top, left) in zip(arrays, corners):
        assert np.array_equal(tiled[top:top + 2, left:left + 3], array)
    assert np.isnan(tiled).sum() == tiled.size - arrays.size


def test_the_figures_draw_without_warnings(recwarn):
    rng = np.random.default_rng(0)
    images.show_images(rng.integers(0, 17, size=(12, 64)), titles=[str(i) for i in range(12)], title="digits")
    images.show_filters(rng.normal(size=(8, 3, 3)), titles=[f"filter {i}" for i in range(8)], title="filters")
    images.show_filters(np.zeros((2, 3, 3)))          # all-zero filters: no division by zero
    images.plot_confusion_matrix(np.diag([5, 7, 0]))
    for number in plt.get_fignums():
        plt.figure(number).canvas.draw()
    plt.close("all")
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
