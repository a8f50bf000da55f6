"""The index follows the catalog and the reviews as they change, and can be rebuilt."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from marquee.catalog.models import Credit, Film, Person
from marquee.catalog.services import (
    film_add_alternate_title,
    film_create,
    film_set_people,
    person_add_alias,
)
from marquee.search import services
from marquee.search.models import SearchDocument, SearchEmbedding
from marquee.search.selectors import search

pytestmark = pytest.mark.django_db


def urls(query: str, **kwargs) -> list[str]:
    return [hit.url for hit in search(query, mode="keyword", **kwargs).hits]


def test_a_renamed_film_is_found_by_its_new_title_only(catalog, committed):
    film = catalog["Jaws"]
    film.title = "Mouths"
    with committed():
        film.save()
    assert film.get_absolute_url() in urls("mouths")
    assert film.get_absolute_url() not in urls("jaws")


def test_a_deleted_film_leaves_search(catalog, committed):
    film = catalog["Amelie"]
    url = film.get_absolute_url()
    with committed():
        film.delete()
    assert url not in urls("amelie")
    assert not SearchDocument.objects.filter(kind="film", object_id=film.pk).exists()


def test_new_credits_and_alternate_titles_make_a_film_findable(catalog, committed):
    film = catalog["Her"]
    with committed():
        film_set_people(film=film, role=Credit.Role.CAST, names=["Joaquin Phoenix"])
        film_add_alternate_title(film=film, title="Ella", language="es")
    assert film.get_absolute_url() in urls("joaquin phoenix")
    assert film.get_absolute_url() in urls("ella")


def test_a_renamed_person_is_found_by_the_new_name_on_their_films_too(catalog, committed):
    person = Person.objects.get(name="Spike Jonze")
    person.name = "Adam Spiegel"
    with committed():
        person.save()
    found = urls("adam spiegel")
    assert person.get_absolute_url() in found and catalog["Her"].get_absolute_url() in found


def test_an_alias_finds_the_person(catalog, committed):
    person = Person.objects.get(name="Steven Spielberg")
    with committed():
        person_add_alias(person=person, name="Spielbergo")
    assert person.get_absolute_url() in urls("spielbergo")


def test_a_deleted_review_leaves_search(reviewed, committed):
    review = reviewed["review"]
    url = review.get_absolute_url()
    with committed():
        review.delete()
    assert url not in urls("barrel")
    assert not SearchEmbedding.objects.filter(document__kind="review").exists()


def test_the_rebuild_restores_an_index_that_lost_everything(reviewed):
    SearchDocument.objects.all().delete()
    assert not urls("godfather")
    call_command("search", "--rebuild", "--json")
    assert reviewed["The Godfather"].get_absolute_url() in urls("godfather")
    assert SearchEmbedding.objects.filter(document__kind="film").count() == Film.objects.count()


def test_a_change_that_is_rolled_back_indexes_nothing(catalog, committed):
    film = catalog["Jaws"]
    with committed():
        try:
            with transaction.atomic():
                film.title = "Rolled Back"
                film.save()
                raise RuntimeError("undo")
        except RuntimeError:
            pass
    assert not urls("rolled back") and film.get_absolute_url() in urls("jaws")


def test_a_film_saved_with_its_parts_is_indexed_once(db, committed, monkeypatch):
    indexed = []
    original = services.film_index
    monkeypatch.setattr(
        services, "film_index", lambda film_id: indexed.append(film_id) or original(film_id=film_id)
    )
    with committed():
        film = film_create(title="Once", year=2000, genres=["Drama", "Crime"])
        film_set_people(film=film, role=Credit.Role.CAST, names=["A One", "B Two", "C Three"])
    assert indexed == [film.pk]


def test_the_rebuild_indexes_what_bulk_loads_wrote_without_signals(catalog):
    Film.objects.bulk_create([Film(title="Bulk Loaded", slug="bulk-loaded", match_key="x")])
    assert not urls("bulk loaded")
    counts = services.index_rebuild()
    assert urls("bulk loaded") and counts["vectors_computed"] == 1  # the others were current
    assert services.index_rebuild()["vectors_computed"] == 0  # nothing changed since


def test_new_vectors_reach_a_process_that_had_loaded_the_old_ones(reviewed, committed):
    search("a story about a submarine", mode="meaning")  # loads this process's matrix
    film = reviewed["Up"]
    film.synopsis = "A submarine crew is trapped under the arctic ice."
    with committed():
        film.save()
    assert search("a story about a submarine", mode="meaning").hits[0].title == "Up"


def test_the_full_text_triggers_survive_every_migration(db):
    """SQLite drops a table's triggers when a migration rebuilds the table; docs/search.md says
    how to create them again in such a migration."""
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 triggers are SQLite's; PostgreSQL indexes an expression")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
    assert {"search_fts_insert", "search_fts_delete", "search_fts_update"} <= triggers
