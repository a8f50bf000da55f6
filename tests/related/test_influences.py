""" "Possible influences": earlier films only, confirmed into relations or dismissed for good."""

import pytest
from django.test import Client

from marquee.related.models import FilmRelation, InfluenceDismissal
from marquee.related.selectors import possible_influences
from marquee.related.services import similar_rebuild


def confirm_url(film, earlier) -> str:
    return f"/related/{film.slug}/influences/{earlier.pk}/confirm/"


def dismiss_url(film, earlier) -> str:
    return f"/related/{film.slug}/influences/{earlier.pk}/dismiss/"


@pytest.fixture
def built(stories):
    similar_rebuild()
    return stories


def test_only_strictly_earlier_films_are_suggested(built):
    harvest = built["harvest"]
    suggested = possible_influences(harvest, limit=20)
    assert {s.film.title for s in suggested[:2]} == {"The Island of Spares", "Copies"}
    assert all(s.film.year < harvest.year for s in suggested)
    assert possible_influences(built["copies"]) == []  # the first clone story


def test_each_suggestion_says_what_the_stories_share(built):
    first = possible_influences(built["harvest"])[0]
    assert "clone" in first.shared["keywords"]
    assert "shared keywords: clone" in first.why.casefold()


def test_a_critic_confirms_an_influence_into_an_inspired_by_relation(client, critic, built):
    harvest, island = built["harvest"], built["island"]
    client.force_login(critic)
    response = client.post(confirm_url(harvest, island), {"source": "Interview, Empire 2010"})
    assert response.status_code == 302
    relation = FilmRelation.objects.get()
    assert (relation.from_film, relation.to_film, relation.kind) == (
        harvest,
        island,
        FilmRelation.Kind.INSPIRED_BY,
    )
    assert relation.source == "Interview, Empire 2010" and relation.created_by == critic
    assert "clone" in relation.note  # the shared elements, kept with the claim
    assert island not in [s.film for s in possible_influences(harvest)]
    page = client.get(harvest.get_absolute_url()).content.decode()
    assert "Inspired by" in page and "Interview, Empire 2010" in page


def test_confirming_without_a_source_records_who_confirmed_it(client, staff, built):
    client.force_login(staff)
    client.post(confirm_url(built["harvest"], built["copies"]))
    assert "sam_staff, confirming" in FilmRelation.objects.get().source


def test_confirming_twice_records_one_relation(client, critic, built):
    client.force_login(critic)
    for _ in range(2):
        client.post(confirm_url(built["harvest"], built["copies"]))
    assert FilmRelation.objects.count() == 1


def test_a_later_film_cannot_be_confirmed_as_an_influence(client, critic, built):
    client.force_login(critic)
    client.post(confirm_url(built["copies"], built["harvest"]))
    assert not FilmRelation.objects.exists()


def test_a_dismissed_suggestion_stays_dismissed_after_a_rebuild(client, critic, built):
    harvest, island = built["harvest"], built["island"]
    client.force_login(critic)
    assert client.post(dismiss_url(harvest, island)).status_code == 302
    assert InfluenceDismissal.objects.get().dismissed_by == critic
    similar_rebuild()
    assert island not in [s.film for s in possible_influences(harvest, limit=20)]
    assert not FilmRelation.objects.exists()


def test_htmx_gets_the_list_item_back(client, critic, built):
    client.force_login(critic)
    harvest, island = built["harvest"], built["island"]
    response = client.post(confirm_url(harvest, island), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="influence-{island.pk}"' in response.content.decode()
    response = client.post(dismiss_url(harvest, built["copies"]), headers={"HX-Request": "true"})
    assert "Dismissed" in response.content.decode()


@pytest.mark.parametrize("url", [confirm_url, dismiss_url])
def test_readers_are_refused_and_visitors_sent_to_sign_in(client, reader, built, url):
    address = url(built["harvest"], built["island"])
    assert client.post(address).status_code == 302
    client.force_login(reader)
    assert client.post(address).status_code == 403
    assert not FilmRelation.objects.exists() and not InfluenceDismissal.objects.exists()


def test_posting_needs_the_csrf_token(critic, built):
    client = Client(enforce_csrf_checks=True)
    client.force_login(critic)
    assert client.post(confirm_url(built["harvest"], built["island"])).status_code == 403
    assert not FilmRelation.objects.exists()


def test_only_critics_and_staff_see_the_suggestions(client, reader, critic, built):
    harvest = built["harvest"]
    assert "Possible influences" not in client.get(harvest.get_absolute_url()).content.decode()
    client.force_login(reader)
    assert "Possible influences" not in client.get(harvest.get_absolute_url()).content.decode()
    client.force_login(critic)
    page = client.get(harvest.get_absolute_url()).content.decode()
    assert "Possible influences" in page and confirm_url(harvest, built["island"]) in page
    assert "csrfmiddlewaretoken" in page
