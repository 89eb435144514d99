"""Redraw a figure that is kept between widget updates, only as much as changed.

A widget that draws a new figure at every update spends most of its time making
tick marks and laying out text (matplotlib 3.11 needs about a millisecond per
label on a small machine). :class:`KeptFigure` keeps one figure and renders it in
two layers:

* the **background**: each axes with its ticks, labels and every artist that
  has not changed so far, kept as pixels;
* the **dynamic** artists, drawn on top at every update: those the callback
  changed (matplotlib marks them ``stale``), added or re-created, plus any
  artist of the same axes stacked above one of them (a higher ``zorder``), so
  that the layers come out in the same order as in a normal draw.

An axes goes back into the background only when something it depends on
changes: its limits, scale, labels, position, or an artist that was static.
Only that axes is redrawn, inside its *slot* (its share of the figure's
pixels, found from the axes' tight boxes on a full draw); the others are reused.
A change that cannot be confined to one axes (twin or inset axes, a figure-level
title or legend) falls back to a full draw. The figure's layout engine (constrained
layout) runs on the first draw and again only when new tick labels no longer
fit: when a redrawn axes reaches out of its slot, or to the edge of the figure.
``tests/unit/test_kept_figure.py`` compares every kind of update with a normal draw
of the same figure, pixel by pixel.

The partial redraws rely on parts of matplotlib that are not its documented API
(listed in :func:`missing_internals`). If one is missing, in some other matplotlib
version, :class:`KeptFigure` falls back to drawing the whole figure the ordinary
way at every render: slower, never wrong (``tests/unit/test_kept_figure.py``
removes them one at a time).
"""
from __future__ import annotations

import io

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.spines import Spine
from matplotlib.text import Text

PAD = 2   # pixels around an axes' tight box, for antialiased edges
EDGE = 2  # pixels along the figure's border that a layout keeps clear (else: labels cut off)


def _leaves(ax):
    """The artists of ``ax`` that can be drawn on their own: all but its x and y axis
    (ticks and tick labels, the slow part), its background patch and inset axes, and its
    spines when Axes.draw leaves them out (no axis or no frame)."""
    frame = ax.axison and ax.get_frame_on()
    return [child for child in ax.get_children()
            if child is not ax.patch and not isinstance(child, (Axis, Axes))
            and (frame or not isinstance(child, Spine))]


def _changed(artist):
    """Whether the artist, or a text inside it (a legend's), changed since it was drawn.

    (Only texts: drawing a legend itself marks its frame stale, every time.)
    """
    return artist.stale or any(text.stale for text in artist.findobj(Text, include_self=False))


def _unstale(artist):
    artist.stale = False
    for child in artist.get_children():
        _unstale(child)


def _axis_inside(axis):
    """Whether an x or y axis draws inside its axes: grid lines, or ticks pointing in.

    (A tick without the private ``_tickdir`` counts as pointing in: the axes is then
    drawn whole, which is always right.)
    """
    if any(axis.get_tick_params(which=which).get("gridOn") for which in ("major", "minor")):
        return True
    return any(getattr(ticks[0], "_tickdir", None) != "out"
               for ticks in (axis.majorTicks, axis.minorTicks))


def _axis_above(ax, zorder):
    """Whether an x or y axis of ``ax`` draws inside it, above ``zorder``."""
    return ax.axison and any(axis.get_visible() and axis.get_zorder() > zorder and _axis_inside(axis)
                             for axis in (ax.xaxis, ax.yaxis))


def _axes_state(ax):
    """What an axes' background looks like besides its artists: if this changes, redraw it.

    (A callback that sets new ticks or a new formatter at every update makes a new locator
    object each time, so its axes is redrawn each time: set them once, outside it.)
    """
    axes = []
    for axis in (ax.xaxis, ax.yaxis):
        label = axis.label
        axes.append((axis.get_visible(), axis.get_zorder(), label.get_text(), label.get_color(),
                     label.get_fontsize(), label.get_visible(),
                     repr(sorted(axis.get_tick_params(which="major").items())),
                     repr(sorted(axis.get_tick_params(which="minor").items())),
                     *(id(x) for x in (axis.get_major_locator(), axis.get_major_formatter(),
                                       axis.get_minor_locator(), axis.get_minor_formatter()))))
    return (ax.get_visible(), ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale(),
            tuple(np.round(ax.get_position().bounds, 6)), ax.axison, ax.get_frame_on(),
            ax.get_facecolor(), *axes)


def _figure_extras(fig):
    """Figure-level artists: suptitle, figure texts and legends, images, patches, subfigures."""
    return [*fig.texts, *fig.legends, *fig.images, *fig.patches, *fig.lines, *fig.artists, *fig.subfigs]


def _figure_state(fig):
    """Figure-level artists and the axes themselves."""
    extras = _figure_extras(fig)
    return (tuple(id(ax) for ax in fig.axes), tuple(id(a) for a in extras),
            any(_changed(a) for a in extras), tuple(fig.bbox.size), fig.dpi,
            fig.get_facecolor(), fig.patch.get_linewidth())


def agg_canvas(fig):
    """The figure's Agg canvas, made once if needed.

    plt.close() leaves a figure a bare canvas; savefig would then make a new Agg canvas
    (and renderer, with cold text caches) at every call. Give it one to keep.
    """
    if type(fig.canvas) is FigureCanvasBase:
        FigureCanvasAgg(fig)
    return fig.canvas


def set_layout(fig, engine):
    """Set the figure's layout engine; None really means none, whatever rcParams say.

    (``set_layout_engine(None)`` picks constrained layout again when rcParams ask for it,
    and ``"none"`` leaves a placeholder engine; savefig draws twice whenever a figure has
    any engine.)
    """
    with mpl.rc_context({"figure.constrained_layout.use": False, "figure.autolayout": False}):
        fig.set_layout_engine(engine)


# What the partial redraws use beyond matplotlib's documented API: (where, attribute).
# Checked on the figure itself (some are attributes of instances, not classes).
INTERNALS = (
    ("figure", "texts"), ("figure", "legends"), ("figure", "images"), ("figure", "patches"),
    ("figure", "lines"), ("figure", "artists"), ("figure", "subfigs"),
    ("figure", "get_layout_engine"), ("figure", "set_layout_engine"),
    ("canvas", "get_renderer"), ("canvas", "buffer_rgba"),
    ("axes", "child_axes"), ("axes", "get_tightbbox"), ("axes", "set_animated"),
    ("axis", "get_tick_params"), ("axis", "majorTicks"), ("axis", "minorTicks"),
)


def missing_internals(fig):
    """The matplotlib attributes of :data:`INTERNALS` that this figure lacks, as "where.name".

    The ``stale`` flags are checked too: an artist whose ``stale`` does not become True
    when it changes (or cannot be set back to False) would never be redrawn.
    """
    owners = {"figure": [fig], "canvas": [agg_canvas(fig)], "axes": list(fig.axes),
              "axis": [axis for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)]}
    missing = [f"{where}.{name}" for where, name in INTERNALS
               if not all(hasattr(owner, name) for owner in owners[where])]
    try:
        for value in (False, True):       # every axes is stale before its first draw anyway
            for ax in fig.axes:
                ax.stale = value
                if ax.stale is not value:
                    raise AttributeError("stale")
    except AttributeError:
        missing.append("Artist.stale")
    return missing


def _axes_overlap(fig):
    """Whether two visible axes share pixels (twin axes, insets): their artists interleave."""
    boxes = [ax.bbox for ax in fig.axes if ax.get_visible()]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


class KeptFigure:
    """Renders one figure again and again, redrawing only what changed.

    Usage::

        kept = KeptFigure(fig)
        png = kept.render()        # full draw the first time
        line.set_ydata(new_y)      # change artists
        png = kept.render()        # only the changed artists (and what lies above them)
    """

    def __init__(self, fig):
        self.fig = fig
        # The layout (constrained, usually) is worked out on full draws only: a layout pass
        # costs a whole extra draw, and the axes must stay put for their pixels to be reused.
        self.layout = fig.get_layout_engine()
        self.unfixable = False   # the last layout could not keep things apart: don't retry
        self.background = None   # pixels of the figure without its dynamic artists
        self.dynamic = set()     # artists drawn on top at every render
        self.whole = set()       # axes drawn whole each time: grid above a dynamic artist, or overlaps
        self.known = {}          # axes -> set of its artists at the last render
        self.states = {}         # axes -> _axes_state at the last render
        self.slots = None        # axes -> (x0, top, x1, bottom): the pixels it may draw in
        self.figure_state = None
        self.full_draws = 0      # how many renders drew everything (tests read these)
        self.axes_draws = 0      # how many single axes went back into the background
        # matplotlib internals the partial redraws need, if missing: then every render is
        # a plain full draw (set too if one goes missing at run time: an AttributeError)
        self.missing = missing_internals(fig)

    # ------------------------------------------------------------------ helpers
    def _canvas(self):
        return agg_canvas(self.fig)

    def _face(self):
        return np.round(np.array(self.fig.get_facecolor()) * 255).astype(np.uint8)

    def _edge_clear(self, buffer):
        """Whether the figure's border is the plain figure colour (nothing cut off there)."""
        face = self._face()
        return all(np.all(strip == face) for strip in (buffer[:EDGE], buffer[-EDGE:],
                                                        buffer[:, :EDGE], buffer[:, -EDGE:]))

    def _find_slots(self, renderer):
        """Each axes' share of the figure: its tight box, widened half way to its neighbours.

        None if two tight boxes overlap, or if the figure has figure-level artists or a
        border (a cleared slot would take them away): then the axes are not redrawn one by one.
        """
        if _figure_extras(self.fig) or self.fig.patch.get_linewidth() > 0:
            return None
        height = self.fig.canvas.get_width_height()[1]
        width = self.fig.canvas.get_width_height()[0]
        boxes = {}
        for ax in self.fig.axes:
            box = ax.get_tightbbox(renderer)
            boxes[ax] = (box.x0 - PAD, height - box.y1 - PAD, box.x1 + PAD, height - box.y0 + PAD)
        slots = {}
        for ax, (x0, top, x1, bottom) in boxes.items():
            left, up, right, down = 0.0, 0.0, float(width), float(height)
            for other, (ox0, otop, ox1, obottom) in boxes.items():
                if other is ax:
                    continue
                beside = otop < bottom and top < obottom      # overlapping rows
                above_below = ox0 < x1 and x0 < ox1           # overlapping columns
                if beside and above_below:
                    return None
                if beside and ox1 <= x0:
                    left = max(left, (ox1 + x0) / 2)
                if beside and ox0 >= x1:
                    right = min(right, (x1 + ox0) / 2)
                if above_below and obottom <= top:
                    up = max(up, (obottom + top) / 2)
                if above_below and otop >= bottom:
                    down = min(down, (bottom + otop) / 2)
            slots[ax] = (int(np.ceil(left)), int(np.ceil(up)), int(np.ceil(right)), int(np.ceil(down)))
        # boxes side by side with others above or below can still make slots overlap
        for ax, a in slots.items():
            for other, b in slots.items():
                if other is not ax and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    return None
        return slots

    def _add_stacked_above(self, ax):
        """Artists above the lowest dynamic one of ``ax`` must be drawn after it: dynamic too."""
        leaves = _leaves(ax)
        positions = [i for i, a in enumerate(leaves) if a in self.dynamic]
        if not positions:
            return
        lowest = min(leaves[i].get_zorder() for i in positions)
        first = positions[0]
        for i, artist in enumerate(leaves):
            z = artist.get_zorder()
            if z > lowest or (z == lowest and i > first):
                self.dynamic.add(artist)

    def _animate(self):
        """Leave the dynamic artists out of normal draws (except in axes drawn whole)."""
        for ax in self.fig.axes:
            for artist in _leaves(ax):
                artist.set_animated(artist in self.dynamic and ax not in self.whole)

    def _draw_dynamic(self, renderer):
        for ax in self.fig.axes:
            if ax in self.whole or not ax.get_visible():
                continue
            ordered = [a for a in _leaves(ax) if a in self.dynamic]
            for artist in sorted(ordered, key=lambda a: a.get_zorder()):   # stable, like Axes.draw
                if artist.get_visible():
                    artist.draw(renderer)

    def _remember(self):
        for ax in self.fig.axes:
            leaves = _leaves(ax)
            self.known[ax] = set(leaves)
            self.states[ax] = _axes_state(ax)
            for artist in leaves:
                _unstale(artist)
        self.figure_state = _figure_state(self.fig)

    # ------------------------------------------------------------------ drawing
    def _full_draw(self, layout):
        canvas = self._canvas()
        self._animate()
        if layout and self.layout is not None:
            set_layout(self.fig, self.layout)
        canvas.draw()   # everything but the dynamic artists (laid out again if asked)
        set_layout(self.fig, None)
        renderer = canvas.get_renderer()
        self.background = np.asarray(canvas.buffer_rgba()).copy()
        self.slots = self._find_slots(renderer)
        if layout:
            self.unfixable = self.slots is None or not self._edge_clear(self.background)
        self._draw_dynamic(renderer)
        self.full_draws += 1

    def _update(self):
        """Bring the background up to date and draw the dynamic artists.

        Returns None when done, else what is needed instead: "layout" (a full draw, laid
        out again) or "full" (a full draw).
        """
        if self.background is None:
            return "layout"
        if _axes_overlap(self.fig) or any(ax.child_axes for ax in self.fig.axes):
            # twin axes, insets: artists of different axes interleave, so no layer of
            # artists can be drawn on top of the others. Draw everything, the usual way.
            self.whole = set(self.fig.axes)
            return "full"
        if _figure_state(self.fig) != self.figure_state:
            return "full"
        dirty = []
        for ax in self.fig.axes:
            leaves = set(_leaves(ax))
            known = self.known.get(ax, set())
            new, removed = leaves - known, known - leaves
            changed = {a for a in leaves & known if _changed(a)}
            in_background = known - self.dynamic
            self.dynamic = (self.dynamic - removed) | new | changed
            self._add_stacked_above(ax)
            lowest = min((a.get_zorder() for a in self.dynamic if a in leaves), default=np.inf)
            if _axis_above(ax, lowest):
                # its grid lines or inward ticks must cover the changing artists: draw it whole
                self.whole.add(ax)
            # redraw the axes if its background shows an artist that changed, went away or
            # is now drawn on top, or if its limits, scale or labels changed
            if (ax in self.whole or in_background & (removed | self.dynamic)
                    or _axes_state(ax) != self.states.get(ax)):
                dirty.append(ax)
        self._animate()
        if dirty and self.slots is None:
            return "full"

        canvas = self._canvas()
        renderer = canvas.get_renderer()
        buffer = np.asarray(canvas.buffer_rgba())
        buffer[...] = self.background
        watch_edge = not self.unfixable and self._edge_clear(self.background)
        if dirty:
            face = self._face()
            for ax in dirty:
                x0, top, x1, bottom = self.slots[ax]
                buffer[top:bottom, x0:x1] = face
                ax.draw(renderer)        # without its dynamic (animated) artists
                self.axes_draws += 1
            # New tick labels can be wider than those the layout made room for. If they
            # reach into another axes' slot, or are cut off by the edge of the figure,
            # lay the figure out again. (Pixels compared 4 bytes at a time.)
            changed = buffer.view(np.uint32) != self.background.view(np.uint32)
            for ax in dirty:
                x0, top, x1, bottom = self.slots[ax]
                changed[top:bottom, x0:x1] = False
            if changed.any() or (watch_edge and not self._edge_clear(buffer)):
                return "full" if self.unfixable else "layout"
            self.background = buffer.copy()
        self._draw_dynamic(renderer)
        if watch_edge and not self._edge_clear(buffer):   # a longer title, say, cut off by the edge
            return "layout"
        return None

    def _plain_draw(self):
        """The fallback: the whole figure, drawn the ordinary way (its layout engine and all)."""
        canvas = self._canvas()
        for ax in self.fig.axes:
            for artist in _leaves(ax):
                if artist in self.dynamic:
                    artist.set_animated(False)
        self.dynamic = set()
        if self.layout is not None and hasattr(self.fig, "set_layout_engine"):
            set_layout(self.fig, self.layout)
        canvas.draw()
        self.full_draws += 1
        return self.png()

    def render(self):
        """Draw the figure as it is now; returns the PNG bytes."""
        if self.missing:
            return self._plain_draw()
        try:
            needed = self._update()
            if needed:
                self._full_draw(layout=needed == "layout")
        except AttributeError as error:
            if not _internal(error):
                self.background = None
                raise
            # a matplotlib internal that went missing: draw the plain way from now on
            self.missing = [str(error)]
            self.background = None
            return self._plain_draw()
        except Exception:
            # an artist that cannot be drawn (bad mathtext, say): start afresh next time,
            # rather than trust a background that may be half updated
            self.background = None
            raise
        self._remember()
        return self.png()

    def png(self):
        """The pixels drawn last, as PNG bytes (fast compression: they are sent, not stored)."""
        from PIL import Image

        buffer = io.BytesIO()
        Image.fromarray(np.asarray(self.fig.canvas.buffer_rgba())).save(
            buffer, format="png", compress_level=1)
        return buffer.getvalue()


def _internal(error):
    """Whether an AttributeError names one of the attributes the partial redraws rely on."""
    return getattr(error, "name", None) in {name for _, name in INTERNALS} | {"stale"}
