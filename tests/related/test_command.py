"""``marquee similar``: JSON lists, --earlier, --rebuild, and clear errors for unknown titles."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.services import film_create
from marquee.related.models import SimilarityBuild


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("similar", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def similar(*args) -> str:
    return run(*args)[0]


def test_json_lists_title_year_score_and_why(stories):
    rows = json.loads(similar("Quiet Harvest (2010)", "--json"))
    assert SimilarityBuild.objects.exists()  # built on first use
    assert {"title", "year", "score", "why"} <= set(rows[0])
    assert rows[0]["title"] in {"Copies", "The Island of Spares"}
    assert rows == sorted(rows, key=lambda row: -row["score"])


def test_earlier_lists_only_earlier_films(stories):
    rows = json.loads(similar("The Island of Spares (2005)", "--json", "--earlier"))
    assert rows and all(row["year"] < 2005 for row in rows)
    assert rows[0]["title"] == "Copies"


def test_plain_output_numbers_the_films(stories):
    out, err = run("Quiet Harvest", "--rebuild")
    assert "Rebuilt similar films for 6 films" in err
    assert "  1. " in out and "Shared keywords" in out


def test_a_film_with_nothing_close_says_why(stories):
    assert "needs a synopsis, keywords, reviews or ratings" in similar("Untitled Reel (2001)")
    assert json.loads(similar("Untitled Reel (2001)", "--json")) == []


def test_rebuild_alone(stories):
    assert "Rebuilt similar films" in similar("--rebuild")


def test_json_stays_pure_json_when_rebuilding_first(stories):
    out, err = run("Copies (1990)", "--rebuild", "--json")
    assert json.loads(out) and "Rebuilt" in err


def test_unknown_title_is_a_clear_error(stories):
    with pytest.raises(CommandError, match='no film in the catalog matches "Nope'):
        similar("Nope (1999)")


def test_ambiguous_title_lists_the_candidates(stories):
    film_create(title="Copies", year=2019)
    with pytest.raises(CommandError) as caught:
        similar("Copies")
    message = str(caught.value)
    assert "matches several films" in message
    assert "Copies (1990)" in message and "Copies (2019)" in message


def test_a_wrong_year_lists_the_films_of_that_title(stories):
    with pytest.raises(CommandError, match=r"Copies \(1990\)"):
        similar("Copies (1975)")


def test_no_arguments_is_an_error(db):
    with pytest.raises(CommandError, match="--rebuild"):
        similar()
