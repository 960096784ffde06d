"""Charts for the report, drawn by matplotlib's SVG backend and inlined in the page."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

_HEADER = re.compile(r"\A.*?(?=<svg)", re.DOTALL)
_STYLE = {
    "svg.fonttype": "none",  # real text: small, selectable, rendered in the page's font
    "svg.hashsalt": "ru-news-extract",  # the same data gives the same file
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
}
BAR = "#4c78a8"


def _figure(width: float, height: float):
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasSVG(figure)
    return figure


def _svg(figure) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(_STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    # Inline SVG: no XML declaration or DOCTYPE, and the width is the container's.
    svg = _HEADER.sub("", buffer.getvalue(), count=1)
    return re.sub(r'<svg ([^>]*?)width="[^"]*pt" height="[^"]*pt"', r"<svg \1", svg, count=1)


def hbar(labels: Sequence[str], values: Sequence[float], xlabel: str, colors=None) -> str:
    """Horizontal bars, the first label on top (for "top N" lists)."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_STYLE):
        figure = _figure(6.4, 0.6 + 0.24 * max(len(labels), 1))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, values, color=colors or BAR, height=0.7)
        axes.set_yticks(positions, [_short(label) for label in labels])
        axes.set_xlabel(xlabel)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.margins(y=0.01)
        for pos, value in zip(positions, values, strict=True):
            axes.annotate(
                f"{value:,.0f}".replace(",", " "),
                (value, pos),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        return _svg(figure)


def vbar(
    labels: Sequence[str],
    values: Sequence[float],
    ylabel: str,
    colors=None,
    max_ticks: int = 14,
    width: float = 6.4,
) -> str:
    """Vertical bars over ordered categories (types, months, years)."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_STYLE):
        figure = _figure(width, 2.6)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        axes.bar(positions, values, color=colors or BAR, width=0.8 if len(labels) < 40 else 1.0)
        step = max(1, -(-len(labels) // max_ticks))
        axes.set_xticks(
            positions[::step],
            list(labels)[::step],
            rotation=0 if step == 1 and len(labels) <= 8 else 45,
            ha="right" if len(labels) > 8 else "center",
        )
        axes.set_ylabel(ylabel)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.margins(x=0.01)
        return _svg(figure)


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
