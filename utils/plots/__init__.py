"""Plots: the figure style and common plots (``plotting``), widgets that keep their
figure (``kept_figure``), network diagrams (``diagrams``, ``rnn_diagrams``) and
image tiles (``images``)."""
