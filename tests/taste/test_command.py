"""``marquee taste test-films`` and ``marquee taste compare``."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("taste", *args, stdout=out)
    return out.getvalue()


def test_test_films_as_json_lists_title_year_and_why(trained):
    rows = json.loads(run("test-films", "--n", "5", "--json"))
    assert len(rows) == 5
    titles = {f.title for f in trained["horror"] + trained["romance"]}
    for row in rows:
        assert set(row) == {"title", "year", "why"}
        assert row["title"] in titles and isinstance(row["year"], int) and row["why"]
    assert len({row["title"] for row in rows}) == 5


def test_test_films_as_text_numbers_them(trained):
    lines = run("test-films", "--n", "3").splitlines()
    assert [line.split(".")[0].strip() for line in lines] == ["1", "2", "3"]


def test_test_films_never_asks_for_more_than_the_site_has(trained):
    rows = json.loads(run("test-films", "--n", "100", "--json"))
    assert 0 < len(rows) <= 16


@pytest.mark.parametrize("n", ["0", "-3", "101"])
def test_test_films_refuses_a_silly_count(trained, n):
    with pytest.raises(CommandError, match="between 1 and 100"):
        run("test-films", "--n", n)


def test_test_films_without_models_says_to_train(db, models_folder):
    with pytest.raises(CommandError, match="marquee train"):
        run("test-films")


def test_compare_as_json_has_the_documented_keys(trained):
    fan, romantic = trained["readers"][:2]
    data = json.loads(run("compare", fan.username, romantic.username, "--json"))
    assert set(data) == {"score", "low", "high", "shared", "agree", "disagree"}
    assert 0 <= data["low"] <= data["score"] <= data["high"] <= 100
    assert data["shared"] > 0
    assert all(isinstance(t, str) and t.endswith(")") for t in data["agree"] + data["disagree"])
    assert data["disagree"], "a horror fan and a romantic disagree somewhere"


def test_compare_is_symmetric(trained):
    fan, romantic = trained["readers"][:2]
    one = json.loads(run("compare", fan.username, romantic.username, "--json"))
    other = json.loads(run("compare", romantic.username, fan.username, "--json"))
    assert (one["score"], one["low"], one["high"], one["shared"]) == (
        other["score"],
        other["low"],
        other["high"],
        other["shared"],
    )


def test_compare_as_text(trained):
    fan, other_fan = trained["readers"][0], trained["readers"][2]
    text = run("compare", fan.username, other_fan.username)
    assert "% alike" in text and "films both rated" in text


def test_compare_with_no_shared_films_has_no_score(trained, reader):
    data = json.loads(run("compare", reader.username, trained["readers"][0].username, "--json"))
    assert data["shared"] == 0 and data["score"] is None and data["agree"] == []


def test_compare_refuses_unknown_users_the_same_user_and_private_profiles(trained):
    fan, romantic = trained["readers"][:2]
    with pytest.raises(CommandError, match='no reader called "ghost"'):
        run("compare", fan.username, "ghost")
    with pytest.raises(CommandError, match="That's you"):
        run("compare", fan.username, fan.username)
    romantic.ratings_private = True
    romantic.save()
    for pair in [(fan.username, romantic.username), (romantic.username, fan.username)]:
        with pytest.raises(CommandError, match="private"):
            run("compare", *pair)
