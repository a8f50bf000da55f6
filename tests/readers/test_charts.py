"""SVG charts: well-formed, named for assistive technology, and every label escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from marquee.readers import charts
from marquee.readers.selectors import reader_stats
from marquee.readers.services import diary_entry_add, rating_set
from tests.readers.conftest import make_film

SVG = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert(1)</script>"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def assert_accessible(markup: str) -> ET.Element:
    root = parse(markup)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and title.text
    assert desc.tag == f"{SVG}desc" and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "style=" not in str(markup)
    return root


@pytest.mark.parametrize(
    "draw",
    [
        lambda bars: charts.bar_chart(chart_id="c", title="T", description="D", bars=bars),
        lambda bars: charts.horizontal_bar_chart(
            chart_id="c", title="T", description="D", bars=bars
        ),
    ],
)
def test_bar_charts_are_well_formed_and_escape_labels(draw):
    markup = draw([charts.Bar(EVIL, 3), charts.Bar("Fine & dandy", 1.5), charts.Bar("", 0)])
    root = assert_accessible(markup)
    assert "<script" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    texts = [el.text for el in root.iter(f"{SVG}text")]
    assert EVIL in texts
    assert "Fine & dandy" in texts
    assert "1.5" in texts


def test_the_comparison_chart_escapes_labels_and_shows_missing_values_as_dashes():
    markup = charts.comparison_chart(
        chart_id="cmp",
        title=f"Me {EVIL}",
        description="D",
        rows=[charts.Comparison(EVIL, 3.25, None), charts.Comparison("All", 4, 2.5)],
        you=EVIL,
    )
    root = assert_accessible(markup)
    assert "<script" not in markup
    assert root[0].text == f"Me {EVIL}"
    texts = [el.text for el in root.iter(f"{SVG}text")]
    assert "3.25" in texts and "—" in texts and "2.5" in texts


def test_charts_with_nothing_to_draw_are_still_well_formed():
    assert_accessible(charts.bar_chart(chart_id="e", title="T", description="D", bars=[]))
    assert_accessible(
        charts.horizontal_bar_chart(chart_id="e", title="T", description="D", bars=[])
    )
    assert_accessible(charts.comparison_chart(chart_id="e", title="T", description="D", rows=[]))


def test_bar_heights_are_proportional_to_values():
    root = parse(
        charts.bar_chart(
            chart_id="p", title="T", description="D", bars=[charts.Bar("a", 4), charts.Bar("b", 2)]
        )
    )
    heights = [float(rect.get("height")) for rect in root.iter(f"{SVG}rect")]
    assert heights[0] == pytest.approx(2 * heights[1])


@pytest.mark.parametrize(("value", "shown"), [(3, "3"), (3.0, "3"), (3.5, "3.5"), (3.25, "3.25")])
def test_numbers_are_shown_without_trailing_zeros(value, shown):
    assert charts.number(value) == shown


@pytest.mark.django_db
def test_every_stats_chart_of_a_hostile_catalog_is_escaped(reader, other_reader):
    film = make_film(EVIL, 1999, genres=(EVIL,), directors=(EVIL,), cast=(EVIL,))
    diary_entry_add(user=reader, film=film, watched_on=date(2025, 1, 5), half_stars=7)
    rating_set(user=other_reader, film=film, half_stars=3)
    drawn = charts.stats_charts(reader_stats(reader, today=date(2025, 6, 1)), you=EVIL)
    assert set(drawn) == {"ratings", "months", "decades", "directors", "actors", "genres", "taste"}
    ids = set()
    for markup in drawn.values():
        root = assert_accessible(markup)
        assert "<script" not in markup
        ids.add(root[0].get("id"))
    assert len(ids) == len(drawn)  # several charts share one page
    people = parse(drawn["directors"])
    assert EVIL in [el.text for el in people.iter(f"{SVG}text")]


@pytest.mark.django_db
def test_the_ratings_chart_describes_the_commonest_rating(reader, film, other_film):
    rating_set(user=reader, film=film, half_stars=7)
    rating_set(user=reader, film=other_film, half_stars=7)
    root = parse(charts.ratings_chart(reader_stats(reader).ratings_histogram))
    assert root[1].text == "2 ratings from ½ to 5 stars; the most common is 3½ stars."
    tooltips = [el.text for el in root.iter(f"{SVG}title")][1:]
    assert tooltips[6] == "3½ stars: 2 films"
    assert tooltips[0] == "½ star: 0 films"
