"""Small helpers to show images, filters and a confusion matrix (notebook 06).

* :func:`show_images` draws a grid of small grey-scale images with titles, as
  one picture (:func:`mosaic`), which is much faster than one axes per image.
* :func:`show_filters` draws signed arrays (kernels, feature maps) on a
  diverging colour map centred on 0, so positive and negative weights differ.
* :func:`confusion_matrix` counts (true class, predicted class) pairs;
  :func:`plot_confusion_matrix` draws it with the counts written in.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .plotting import DIVERGING

__all__ = ["mosaic", "show_images", "show_filters", "confusion_matrix", "plot_confusion_matrix"]


def mosaic(arrays, ncols, gap=1, title_gap=0):
    """Tile equal-sized 2-D arrays into one array, NaN between the tiles.

    Inputs:
    - arrays: [n, H, W]
    - ncols: tiles per row; gap: NaN pixels between tiles; title_gap: extra NaN rows above each row of tiles

    Returns: (tiled [rows * (H + gap + title_gap), ncols * (W + gap)], corners [n, 2]) where
    corners[k] = (row, column) of tile k's top-left pixel in the tiled array.
    """
    arrays = np.asarray(arrays, dtype=float)
    n, H, W = arrays.shape
    ncols = max(1, min(ncols, n))
    nrows = int(np.ceil(n / ncols))
    step_y, step_x = H + gap + title_gap, W + gap
    tiled = np.full((nrows * step_y, ncols * step_x - gap), np.nan)
    corners = np.zeros((n, 2), dtype=int)
    for k, array in enumerate(arrays):
        top = (k // ncols) * step_y + title_gap
        left = (k % ncols) * step_x
        tiled[top:top + H, left:left + W] = array
        corners[k] = top, left
    return tiled, corners


def _show_mosaic(arrays, titles, ncols, size, title, cmap, vmin, vmax, ax=None):
    arrays = np.asarray(arrays, dtype=float)
    n, H, W = arrays.shape
    title_gap = (2 if H <= 4 else 3) if titles is not None else 0
    tiled, corners = mosaic(arrays, ncols, gap=1, title_gap=title_gap)
    if ax is None:
        ncols_used = max(1, min(ncols, n))
        height = size * tiled.shape[0] / (W + 1) * 1.0 + (0.35 if title else 0)
        fig, ax = plt.subplots(figsize=(size * ncols_used, height))
    colormap = plt.get_cmap(cmap).with_extremes(bad="white")
    shown = ax.imshow(tiled, cmap=colormap, vmin=vmin, vmax=vmax, interpolation="nearest")
    for k, (top, left) in enumerate(corners):
        ax.add_patch(plt.Rectangle((left - 0.5, top - 0.5), W, H, fill=False, lw=0.6, ec="0.6"))
        if titles is not None:
            ax.text(left + (W - 1) / 2, top - 0.8, titles[k], ha="center", va="bottom", fontsize=8)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax, shown


def show_images(images, titles=None, ncols=10, size=1.1, title=None, cmap="gray_r", vmin=0, vmax=16, ax=None):
    """A grid of grey-scale images, drawn as one picture (fast).

    Inputs:
    - images: [n, H, W] (or [n, H*W] for square images)
    - titles: n short strings (or None)
    - ncols: images per row; size: inches per image
    - vmin, vmax: the pixel values drawn white and black (digits hold 0..16)

    Returns: the axes.
    """
    images = np.asarray(images, dtype=float)
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        images = images.reshape(len(images), side, side)
    return _show_mosaic(images, titles, ncols, size, title, cmap, vmin, vmax, ax)[0]


def show_filters(arrays, titles=None, ncols=8, size=1.1, title=None, ax=None):
    """Signed arrays (kernels or feature maps) on a colour map centred on 0.

    Inputs:
    - arrays: [n, H, W]
    - titles: n short strings (or None)

    Each array is divided by its largest |value|, so the pattern of every small
    kernel is visible: blue negative, white 0, red positive. Returns the axes.
    """
    arrays = np.asarray(arrays, dtype=float)
    scale = np.maximum(np.abs(arrays).max(axis=(1, 2), keepdims=True), 1e-12)
    ax, shown = _show_mosaic(arrays / scale, titles, ncols, size, title, DIVERGING, -1, 1, ax)
    bar = ax.figure.colorbar(shown, ax=ax, shrink=0.6, ticks=[-1, 0, 1])
    bar.ax.set_yticklabels(["negative", "0", "positive"])
    return ax


def confusion_matrix(y_true, y_pred, n_classes):
    """Counts of (true, predicted) pairs.

    Inputs:
    - y_true, y_pred: [n] integer class labels in 0..n_classes-1

    Returns: [n_classes, n_classes] ints; row = true class, column = predicted class.
    """
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def plot_confusion_matrix(matrix, ax=None, title="Confusion matrix", class_names=None):
    """Draw a confusion matrix with its counts; the diagonal holds the correct answers.

    Inputs:
    - matrix: [K, K] counts, rows = true class, columns = predicted class
    """
    matrix = np.asarray(matrix)
    k = len(matrix)
    ax = ax or plt.subplots(figsize=(5, 4.6))[1]
    shown = ax.imshow(matrix, cmap="Blues", norm=_log_norm(matrix))
    names = class_names if class_names is not None else [str(i) for i in range(k)]
    ax.set(xticks=range(k), yticks=range(k), xticklabels=names, yticklabels=names,
           xlabel="predicted class", ylabel="true class", title=title)
    ax.grid(False)
    threshold = matrix.max() / 3
    for i in range(k):
        for j in range(k):
            if matrix[i, j]:
                ax.text(j, i, str(matrix[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if matrix[i, j] > threshold else "black")
    return ax, shown


def _log_norm(matrix):
    """A colour scale on which a single mistake is still visible next to the diagonal."""
    from matplotlib.colors import SymLogNorm
    return SymLogNorm(linthresh=1, vmin=0, vmax=max(int(np.max(matrix)), 2))
