"""`marquee search "QUERY" [--json]` and `marquee search --rebuild`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("search", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_lists_kind_title_year_url_and_score(reviewed):
    rows = json.loads(run("the godfather", "--json"))
    assert rows[0] == {
        "kind": "film",
        "title": "The Godfather",
        "year": 1972,
        "url": "http://localhost:8000/films/the-godfather-1972/",
        "score": rows[0]["score"],
    }
    assert all(set(row) == {"kind", "title", "year", "url", "score"} for row in rows)
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)


def test_an_empty_query_gives_an_empty_list_or_a_message(reviewed):
    assert json.loads(run("", "--json")) == []
    assert "Type a title" in run("   ")


def test_text_output_has_a_line_per_result(reviewed):
    assert "Jaws (1975)" in run("jaws", "--limit", "3")


def test_rebuild_says_what_it_did(reviewed):
    assert "documents" in run("--rebuild")


def test_nothing_to_do_is_an_error():
    with pytest.raises(CommandError, match="give a query"):
        call_command("search")


def test_a_limit_out_of_range_is_an_error(db):
    with pytest.raises(CommandError, match="--limit"):
        call_command("search", "jaws", "--limit", "0")
