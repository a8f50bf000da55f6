"""Each result says why it matched: the field and the words, or closeness in meaning."""

import pytest

from marquee.catalog.services import film_create
from marquee.search.keyword import parse
from marquee.search.models import SearchDocument
from marquee.search.selectors import search
from marquee.search.why import keyword_reasons

pytestmark = pytest.mark.django_db


def reasons_of(results, title: str, kind: str = "film") -> list[str]:
    hit = next(hit for hit in results.hits if hit.title == title and hit.kind == kind)
    return [reason.as_text() for reason in hit.reasons]


def test_a_title_match_names_the_field_and_marks_the_word(reviewed):
    assert "Matched words in the title: The [Godfather]" in reasons_of(
        search("godfather"), "The Godfather"
    )


def test_a_synopsis_match_shows_the_passage_with_the_words_marked(reviewed):
    reasons = reasons_of(search("boarding school", mode="keyword"), "Never Let Me Go")
    assert any(
        r.startswith("Matched words in the synopsis:") and "[boarding] [school]" in r
        for r in reasons
    )


def test_a_corrected_word_is_marked_as_found(reviewed):
    reasons = reasons_of(search("Godfahter", mode="keyword"), "The Godfather")
    assert "Matched words in the title: The [Godfather]" in reasons


def test_a_name_match_says_it_was_the_director(reviewed):
    assert "Matched words in the director and cast: [Steven] [Spielberg]" in reasons_of(
        search("steven spielberg", mode="keyword"), "Jaws"
    )


def test_a_review_match_says_it_was_the_review(reviewed):
    reasons = reasons_of(search("barrel", mode="keyword"), "Jaws", kind="review")
    assert any(r.startswith("Matched words in the review:") and "[barrel]" in r for r in reasons)


def test_a_meaning_match_says_what_it_is_close_to(reviewed):
    reasons = reasons_of(search("clones who die young", mode="meaning"), "Never Let Me Go")
    assert reasons and reasons[0].startswith("Close in meaning to the synopsis (")


def test_a_long_synopsis_is_cut_around_the_match(db, committed):
    words = " ".join(f"word{n}" for n in range(300))
    with committed():
        film = film_create(title="Long", year=2000, synopsis=f"{words} needle {words}")
    document = SearchDocument.objects.get(kind="film", object_id=film.pk)
    (reason,) = keyword_reasons(document, parse("needle"))
    text = reason.as_text()
    assert "[needle]" in text and text.count("word") < 60 and "…" in text


def test_the_page_marks_words_and_escapes_the_text_around_them(client, db, committed):
    with committed():
        film_create(title="Marked", year=2000, synopsis="<b>bold</b> and a needle in <i>it</i>")
    page = client.get("/search/?q=needle").content.decode()
    assert "<mark>needle</mark>" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page
