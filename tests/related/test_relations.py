"""Relations staff record between films: validation, the admin, and both directions shown."""

import pytest

from marquee.catalog.models import SourceMaterial
from marquee.catalog.services import film_create
from marquee.errors import InputError
from marquee.related.models import FilmRelation
from marquee.related.services import film_relation_create

REMAKE, SEQUEL, INSPIRED = (
    FilmRelation.Kind.REMAKE_OF,
    FilmRelation.Kind.SEQUEL_OF,
    FilmRelation.Kind.INSPIRED_BY,
)


@pytest.fixture
def pair(db):
    return film_create(title="The Thing", year=1982), film_create(title="The Thing", year=2011)


def test_a_relation_is_recorded_with_who_made_it(pair, staff):
    original, remake = pair
    relation = film_relation_create(
        from_film=remake, to_film=original, kind=REMAKE, created_by=staff
    )
    assert relation.created_by == staff and relation.created_at
    assert str(relation) == "The Thing (2011) — remake of The Thing (1982)"


def test_a_film_cannot_be_related_to_itself(pair):
    with pytest.raises(InputError, match="itself"):
        film_relation_create(from_film=pair[0], to_film=pair[0], kind=REMAKE)


def test_the_same_relation_twice_is_refused(pair):
    original, remake = pair
    film_relation_create(from_film=remake, to_film=original, kind=REMAKE)
    with pytest.raises(InputError, match="already recorded"):
        film_relation_create(from_film=remake, to_film=original, kind=REMAKE)
    # another kind between the same films is a different claim
    film_relation_create(from_film=remake, to_film=original, kind=SEQUEL)


def test_a_relation_cannot_go_both_ways(pair):
    original, remake = pair
    film_relation_create(from_film=remake, to_film=original, kind=SEQUEL)
    original.year = 2011
    original.save()  # same year, so only the mirror rule can refuse it
    with pytest.raises(InputError, match="both ways"):
        film_relation_create(from_film=original, to_film=remake, kind=SEQUEL)


def test_a_remake_cannot_come_out_before_its_original(pair):
    original, remake = pair
    with pytest.raises(InputError) as caught:
        film_relation_create(from_film=original, to_film=remake, kind=REMAKE)
    assert caught.value.field == "to_film"
    assert "came out 29 year(s) before" in caught.value.message


def test_inspired_by_needs_the_source_of_the_claim(pair):
    original, later = pair
    with pytest.raises(InputError) as caught:
        film_relation_create(from_film=later, to_film=original, kind=INSPIRED)
    assert caught.value.field == "source"
    relation = film_relation_create(
        from_film=later, to_film=original, kind=INSPIRED, source="https://example.test/essay"
    )
    assert relation.source_is_link


def test_both_films_pages_show_the_relation_from_their_side(client, pair):
    original, remake = pair
    film_relation_create(from_film=remake, to_film=original, kind=REMAKE)
    remake_page = client.get(remake.get_absolute_url()).content.decode()
    original_page = client.get(original.get_absolute_url()).content.decode()
    assert "Remake of" in remake_page and original.get_absolute_url() in remake_page
    assert "Remade as" in original_page and remake.get_absolute_url() in original_page


@pytest.mark.parametrize(
    ("kind", "forward", "backward"),
    [(SEQUEL, "Sequel to", "Followed by"), (INSPIRED, "Inspired by", "Inspiration for")],
)
def test_every_kind_reads_both_ways(client, pair, kind, forward, backward):
    original, later = pair
    film_relation_create(
        from_film=later, to_film=original, kind=kind, source="Sight & Sound, May 2011"
    )
    assert forward in client.get(later.get_absolute_url()).content.decode()
    page = client.get(original.get_absolute_url()).content.decode()
    assert backward in page
    assert "Sight &amp; Sound, May 2011" in page  # the source, escaped


def test_source_links_only_to_web_addresses(client, pair):
    original, later = pair
    film_relation_create(
        from_film=later, to_film=original, kind=INSPIRED, source="javascript:alert(1)"
    )
    page = client.get(later.get_absolute_url()).content.decode()
    assert 'href="javascript' not in page
    assert "<cite>javascript:alert(1)</cite>" in page


def test_based_on_comes_from_the_catalogs_source_material(client, pair):
    original, _ = pair
    SourceMaterial.objects.create(film=original, title="Who Goes There?", kind="short story")
    for url in (original.get_absolute_url(), f"/related/{original.slug}/"):
        page = client.get(url).content.decode()
        assert "Based on" in page and "Who Goes There?" in page


def test_staff_add_a_relation_in_the_admin(client, pair, owner):
    original, remake = pair
    client.force_login(owner)
    response = client.post(
        "/admin/related/filmrelation/add/",
        {"from_film": remake.pk, "to_film": original.pk, "kind": REMAKE, "note": "", "source": ""},
    )
    assert response.status_code == 302
    assert FilmRelation.objects.get().created_by == owner
    response = client.post(
        "/admin/related/filmrelation/add/",
        {"from_film": remake.pk, "to_film": remake.pk, "kind": REMAKE, "note": "", "source": ""},
    )
    assert response.status_code == 200
    assert "cannot be related to itself" in response.content.decode()
