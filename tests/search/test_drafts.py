"""Only published reviews are searched: drafts never show, by keyword or by meaning."""

import pytest

from marquee.reviews.services import review_publish, review_unpublish
from marquee.search.models import SearchDocument
from marquee.search.selectors import search

pytestmark = pytest.mark.django_db
DRAFT_WORDS = ["xylophonic", "Zanzibar marmalade", "quokka whispers"]


@pytest.mark.parametrize("query", DRAFT_WORDS)
@pytest.mark.parametrize("mode", ["keyword", "meaning", "combined"])
def test_a_draft_is_never_found(reviewed, query, mode):
    assert all(hit.kind != "review" or hit.title != "Up" for hit in search(query, mode=mode).hits)


def test_a_draft_has_no_document_at_all(reviewed):
    assert not SearchDocument.objects.filter(kind="review", object_id=reviewed["draft"].pk)


def test_the_search_page_shows_no_draft(client, reviewed):
    page = client.get("/search/?q=xylophonic").content.decode()
    assert reviewed["draft"].get_absolute_url() not in page


def test_publishing_makes_a_review_findable_and_unpublishing_hides_it(reviewed, critic, committed):
    draft = reviewed["draft"]
    with committed():
        review_publish(review=draft, user=critic)
    assert search("xylophonic").hits[0].url == draft.get_absolute_url()
    with committed():
        review_unpublish(review=draft, user=critic)
    assert draft.get_absolute_url() not in [hit.url for hit in search("xylophonic").hits]
