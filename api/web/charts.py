"""Charts drawn on the server as SVG: no chart library to download, nothing but markup for the browser.

Every label is escaped by markupsafe; the numbers are also in a table beside each chart, so the SVG is
decoration for sighted readers (aria-hidden) and the table is what screen readers and tests read. The caller
formats the values (core.locale), so a chart reads "1 234" like the table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

BAR = "#1d5fa8"  # 6.3:1 against white
TRACK = "#e3e8ee"
INK = "#1a1a1a"
WIDTH = 600
BAR_WIDTH = 460  # fits a dashboard column at its natural size, so its 13 px labels stay 13 px
ROW = 34


def bar_chart(rows: Sequence[tuple[str, float]], *, value_text: Sequence[str]) -> Markup:
    """Horizontal bars, one per row, the label above its bar and the value after it."""
    if not rows:
        return Markup("")
    biggest = max((value for _, value in rows), default=0) or 1
    parts = []
    for index, ((label, value), text) in enumerate(zip(rows, value_text, strict=True)):
        y = index * ROW
        length = max(2.0, (BAR_WIDTH - 90) * value / biggest) if value else 0
        parts.append(Markup(
            '<text x="0" y="{}" font-size="13" fill="{}">{}</text>'
            '<rect x="0" y="{}" width="{:.1f}" height="12" rx="2" fill="{}"/>'
            '<text x="{:.1f}" y="{}" font-size="13" fill="{}">{}</text>'
        ).format(y + 12, INK, label, y + 17, length, BAR, length + 6, y + 28, INK, text))
    return _svg(BAR_WIDTH, len(rows) * ROW, Markup("").join(parts))


def column_chart(rows: Sequence[tuple[str, float]], *, value_text: Sequence[str]) -> Markup:
    """Vertical columns with the label under each: a time series such as ideas per month."""
    if not rows:
        return Markup("")
    height, base = 160, 130
    biggest = max(value for _, value in rows) or 1
    step = min(60.0, WIDTH / len(rows))
    parts = []
    for index, ((label, value), text) in enumerate(zip(rows, value_text, strict=True)):
        x = index * step
        tall = (base - 20) * value / biggest
        parts.append(Markup(
            '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>'
            '<text x="{:.1f}" y="{:.1f}" font-size="12" text-anchor="middle" fill="{}">{}</text>'
            '<text x="{:.1f}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>'
        ).format(x + 4, base - tall, step - 8, tall, BAR, x + step / 2, base - tall - 4, INK, text,
                 x + step / 2, base + 16, INK, label))
    return _svg(max(step * 2, len(rows) * step), height, Markup("").join(parts))


def progress_bar(done: float, target: float, *, caption: str) -> Markup:
    """Progress toward a target; beyond the target the bar stays full and the caption tells the real figure."""
    share = min(1.0, done / target) if target else 0.0
    body = Markup(
        '<rect x="0" y="0" width="{w}" height="22" rx="4" fill="{}"/>'
        '<rect x="0" y="0" width="{:.1f}" height="22" rx="4" fill="{}"/>'
        '<text x="0" y="42" font-size="14" fill="{}">{}</text>'
    ).format(TRACK, WIDTH * share, BAR, INK, caption, w=WIDTH)
    return _svg(WIDTH, 50, body)


def _svg(width: float, height: float, body: Markup) -> Markup:
    return Markup(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" '
        'viewBox="0 0 {w:.0f} {h:.0f}" aria-hidden="true" focusable="false">{}</svg>'
    ).format(body, w=width, h=height)
