"""The unrolled-RNN diagram of notebook 07 draws without warnings."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from utils.plots.rnn_diagrams import draw_unrolled_rnn  # noqa: E402


def test_draw_unrolled_rnn_draws_every_step():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        assert draw_unrolled_rnn(ax, n_steps=3) is ax
        fig.canvas.draw()
    labels = {text.get_text() for text in ax.texts}
    assert {"$h_0$", "$h_1$", "$h_3$", "$x_3$", "$y_3$"} <= labels
    assert "$h_4$" not in labels
    plt.close(fig)


def test_draw_unrolled_rnn_makes_its_own_figure():
    ax = draw_unrolled_rnn(n_steps=5)
    assert ax.get_title()
    plt.close(ax.figure)
