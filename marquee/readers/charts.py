"""Charts drawn on the server as SVG, so the stats page needs no script and works everywhere.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>``; every label is
escaped (films and people are named by whoever filled the catalog). Colours come from CSS classes
in ``readers.css``; the page puts a table with the same numbers beside each chart for people who
cannot see it. The builders at the end turn ``ReaderStats`` into charts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from marquee.readers.forms import stars_words
from marquee.readers.selectors import MonthCount, PersonCount, ReaderStats

WIDTH = 640
MAX_LABEL_CHARS = 26
SVG_OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" class="chart {}" viewBox="0 0 {} {}" '
    'role="img" aria-labelledby="{}-title {}-desc">'
    '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
)


@dataclass(frozen=True)
class Bar:
    """One bar: a short label drawn by it, its value, and the full wording for a tooltip."""

    label: str
    value: float
    title: str = ""


@dataclass(frozen=True)
class Comparison:
    """One row of a "you against the site" chart; None where there is nothing to compare."""

    label: str
    yours: float | None
    site: float | None


def number(value: float) -> str:
    """3 as "3", 3.5 as "3.5", 3.25 as "3.25": no trailing zeros."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0")


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _px(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _open(chart_id: str, kind: str, height: float, title: str, description: str) -> SafeString:
    return format_html(
        SVG_OPEN,
        kind,
        WIDTH,
        _px(height),
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
    )


def _join(parts: Sequence[str]) -> SafeString:
    # Every part is a constant tag or comes from format_html, so it is already escaped.
    return mark_safe("".join(parts))


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    label_every: int = 1,
    value_format: Callable[[float], str] = number,
) -> SafeString:
    """Vertical bars, one per item, labelled underneath (every ``label_every``-th label)."""
    top, plot_height, bottom, side = 24, 180, 34, 8
    height = top + plot_height + bottom
    peak = max((bar.value for bar in bars), default=0) or 1
    slot = (WIDTH - 2 * side) / max(len(bars), 1)
    bar_width = slot * 0.72
    baseline = top + plot_height
    parts = [_open(chart_id, "chart-columns", height, title, description)]
    for index, bar in enumerate(bars):
        centre = side + slot * index + slot / 2
        bar_height = bar.value / peak * plot_height
        if bar.value > 0:
            bar_height = max(bar_height, 1.5)
        parts.append(
            format_html(
                '<g class="chart-bar"><title>{}</title>'
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}"></rect>',
                bar.title or f"{bar.label}: {value_format(bar.value)}",
                _px(centre - bar_width / 2),
                _px(baseline - bar_height),
                _px(bar_width),
                _px(bar_height),
            )
        )
        if bar.value > 0:
            parts.append(
                format_html(
                    '<text class="chart-value" x="{}" y="{}" text-anchor="middle">{}</text>',
                    _px(centre),
                    _px(baseline - bar_height - 6),
                    value_format(bar.value),
                )
            )
        if index % label_every == 0 and bar.label:
            parts.append(
                format_html(
                    '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                    _px(centre),
                    baseline + 22,
                    _short(bar.label),
                )
            )
        parts.append("</g>")
    parts.append(
        format_html(
            '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"></line></svg>',
            side,
            baseline,
            WIDTH - side,
            baseline,
        )
    )
    return _join(parts)


def horizontal_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    value_format: Callable[[float], str] = number,
) -> SafeString:
    """One row per item, its label on the left and its value at the end of the bar."""
    label_width, value_width, row_height, bar_height, top = 210, 56, 30, 18, 4
    height = top * 2 + row_height * len(bars)
    peak = max((bar.value for bar in bars), default=0) or 1
    room = WIDTH - label_width - value_width
    parts = [_open(chart_id, "chart-rows", height, title, description)]
    for index, bar in enumerate(bars):
        y = top + row_height * index
        length = max(bar.value / peak * room, 1.5) if bar.value > 0 else 0
        parts.append(
            format_html(
                '<g class="chart-bar"><title>{}</title>'
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}"></rect>'
                '<text class="chart-value" x="{}" y="{}">{}</text></g>',
                bar.title or f"{bar.label}: {value_format(bar.value)}",
                label_width - 10,
                y + row_height / 2 + 5,
                _short(bar.label),
                label_width,
                y + (row_height - bar_height) / 2,
                _px(length),
                bar_height,
                _px(label_width + length + 6),
                y + row_height / 2 + 5,
                value_format(bar.value),
            )
        )
    parts.append("</svg>")
    return _join(parts)


def comparison_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[Comparison],
    you: str = "You",
    site: str = "Other readers",
    scale: float = 5,
) -> SafeString:
    """Two bars per row on a fixed scale (0-5 stars by default): yours above, the site's below."""
    label_width, value_width, legend, row_height, bar_height, axis = 210, 56, 34, 40, 13, 26
    height = legend + row_height * len(rows) + axis
    room = WIDTH - label_width - value_width
    plot_bottom = legend + row_height * len(rows)
    parts = [_open(chart_id, "chart-compare", height, title, description)]
    second = label_width + 20 + len(_short(you)) * 8 + 24  # room for the first legend entry
    parts.append(
        format_html(
            '<g class="chart-legend">'
            '<rect class="bar bar-you" x="{}" y="8" width="14" height="14"></rect>'
            '<text class="chart-label" x="{}" y="20">{}</text>'
            '<rect class="bar bar-site" x="{}" y="8" width="14" height="14"></rect>'
            '<text class="chart-label" x="{}" y="20">{}</text></g>',
            label_width,
            label_width + 20,
            _short(you),
            _px(second),
            _px(second + 20),
            site,
        )
    )
    for tick in range(int(scale) + 1):
        x = label_width + tick / scale * room
        parts.append(
            format_html(
                '<line class="chart-grid" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
                '<text class="chart-tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                _px(x),
                legend - 4,
                _px(x),
                plot_bottom,
                _px(x),
                plot_bottom + 18,
                tick,
            )
        )
    for index, row in enumerate(rows):
        y = legend + row_height * index + (row_height - 2 * bar_height - 3) / 2
        parts.append(
            format_html(
                '<g class="chart-bar"><title>{}</title>'
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
                f"{row.label}: {you} {_maybe(row.yours)}, {site} {_maybe(row.site)}",
                label_width - 10,
                _px(y + bar_height + 5),
                _short(row.label),
            )
        )
        for offset, value, kind in ((0, row.yours, "bar-you"), (1, row.site, "bar-site")):
            bar_y = y + offset * (bar_height + 3)
            length = max(value / scale * room, 1.5) if value else 0
            parts.append(
                format_html(
                    '<rect class="bar {}" x="{}" y="{}" width="{}" height="{}"></rect>'
                    '<text class="chart-value" x="{}" y="{}">{}</text>',
                    kind,
                    label_width,
                    _px(bar_y),
                    _px(length),
                    bar_height,
                    _px(label_width + length + 6),
                    _px(bar_y + bar_height - 2),
                    _maybe(value),
                )
            )
        parts.append("</g>")
    parts.append("</svg>")
    return _join(parts)


def _maybe(value: float | None) -> str:
    return "—" if value is None else number(value)


# What the stats page draws from a reader's numbers.

HALF_STAR_TICKS = ["½", "1", "1½", "2", "2½", "3", "3½", "4", "4½", "5"]


def _films(count: float) -> str:
    return f"{number(count)} film" + ("" if count == 1 else "s")


def ratings_chart(histogram: Sequence[int], *, chart_id: str = "chart-ratings") -> SafeString:
    """How many films the reader gave each number of stars (``histogram``: ten counts)."""
    total = sum(histogram)
    if total:
        top = max(range(10), key=lambda i: (histogram[i], i))
        commonest = f"the most common is {stars_words(top + 1)}"
    else:
        commonest = "none yet"
    return bar_chart(
        chart_id=chart_id,
        title="Ratings",
        description=f"{total} ratings from ½ to 5 stars; {commonest}.",
        bars=[
            Bar(tick, count, f"{stars_words(half_stars)}: {_films(count)}")
            for half_stars, (tick, count) in enumerate(
                zip(HALF_STAR_TICKS, histogram, strict=True), start=1
            )
        ],
    )


def months_chart(stats: ReaderStats, *, chart_id: str = "chart-months") -> SafeString:
    """Viewings logged in the diary in each of the last 24 months."""
    busiest = max(stats.months, key=lambda m: m.viewings, default=None)
    summary = (
        f"busiest was {busiest.month:%B %Y} with {busiest.viewings}"
        if busiest and busiest.viewings
        else "none logged"
    )
    return bar_chart(
        chart_id=chart_id,
        title="Films watched per month",
        description=f"Diary entries in each of the last {len(stats.months)} months; {summary}.",
        bars=[
            Bar(tick, m.viewings, f"{m.month:%B %Y}: {_films(m.viewings)}")
            for m, tick in zip(stats.months, _month_ticks(stats.months), strict=True)
        ],
    )


def _month_ticks(months: Sequence[MonthCount]) -> list[str]:
    """Quarters are labelled; the year goes on each January and on the first label."""
    ticks, dated = [], False
    for m in months:
        if m.month.month not in (1, 4, 7, 10):
            ticks.append("")
        elif m.month.month == 1 or not dated:
            ticks.append(f"{m.month:%b %Y}")
            dated = True
        else:
            ticks.append(f"{m.month:%b}")
    return ticks


def decades_chart(stats: ReaderStats, *, chart_id: str = "chart-decades") -> SafeString:
    """Films seen by the decade they came out in."""
    return bar_chart(
        chart_id=chart_id,
        title="Films by release decade",
        description=f"Films seen, counted by the decade of release, {_span(stats)}.",
        bars=[Bar(d.label, d.films, f"{d.label}: {_films(d.films)}") for d in stats.decades],
    )


def _span(stats: ReaderStats) -> str:
    if not stats.decades:
        return "none yet"
    return f"from the {stats.decades[0].label} to the {stats.decades[-1].label}"


def people_chart(
    people: Sequence[PersonCount], *, chart_id: str, title: str, description: str
) -> SafeString:
    """The people (``PersonCount``) whose films the reader has seen most."""
    return horizontal_bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        bars=[Bar(p.name, p.films, f"{p.name}: {_films(p.films)}") for p in people],
    )


def genres_chart(stats: ReaderStats, *, chart_id: str = "chart-genres") -> SafeString:
    """Films seen in each of the reader's most-watched genres."""
    return horizontal_bar_chart(
        chart_id=chart_id,
        title="Genres",
        description="Films seen in each genre, most-watched first.",
        bars=[Bar(g.name, g.films, f"{g.name}: {_films(g.films)}") for g in stats.genres],
    )


def taste_chart(
    stats: ReaderStats, *, you: str = "You", chart_id: str = "chart-taste"
) -> SafeString:
    """The reader's average rating against other readers' on the same films, by genre too."""
    rows = [Comparison("All films", stats.your_average, stats.site_average)]
    rows += [
        Comparison(g.name, g.your_average, g.site_average)
        for g in stats.genres
        if g.your_average is not None
    ]
    return comparison_chart(
        chart_id=chart_id,
        title=f"{you} against other readers",
        description=(
            f"Average rating in stars: {you} and other readers, over the same films, "
            "overall and by genre."
        ),
        rows=rows,
        you=you,
    )


def stats_charts(stats: ReaderStats, *, you: str = "You") -> dict[str, SafeString]:
    """Every chart of the stats page, by name; ``you`` names the reader in the comparison."""
    return {
        "ratings": ratings_chart(stats.ratings_histogram),
        "months": months_chart(stats),
        "decades": decades_chart(stats),
        "directors": people_chart(
            stats.top_directors,
            chart_id="chart-directors",
            title="Most-watched directors",
            description="Directors by the number of their films seen.",
        ),
        "actors": people_chart(
            stats.top_actors,
            chart_id="chart-actors",
            title="Most-watched actors",
            description="Actors by the number of their films seen.",
        ),
        "genres": genres_chart(stats),
        "taste": taste_chart(stats, you=you),
    }
