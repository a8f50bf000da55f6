"""The gazetteer one process builds is shared through the cache, and never trusted when stale.

``catalog.forget()`` stands for another process (or a restart): nothing in memory, the same
cache. Sharing happens when the building transaction commits, hence
``django_capture_on_commit_callbacks``.
"""

import pytest
from django.core.cache import cache

from marquee.catalog.models import Film, Person
from marquee.mentions import catalog

pytestmark = pytest.mark.django_db

TEXT = "Ridley Scott's Alien (1979) still works; Sigourney Weaver is superb."


@pytest.fixture
def builds(monkeypatch):
    """How many times the gazetteer was built from the tables (rather than loaded)."""
    count = {"builds": 0}
    build = catalog.build_gazetteer

    def counted():
        count["builds"] += 1
        return build()

    monkeypatch.setattr(catalog, "build_gazetteer", counted)
    yield count
    catalog.forget()


def found(gazetteer, text=TEXT):
    return [(m.text, m.start, m.end, m.kind, m.target, m.confidence) for m in gazetteer.link(text)]


def build_and_share(capture):
    catalog.forget()
    with capture(execute=True):
        return catalog.gazetteer()


def test_another_process_loads_the_shared_copy_instead_of_building(
    film, builds, django_capture_on_commit_callbacks
):
    built = build_and_share(django_capture_on_commit_callbacks)
    assert builds["builds"] == 1
    catalog.forget()
    loaded = catalog.gazetteer()
    assert builds["builds"] == 1
    assert loaded is not built
    assert found(loaded) == found(built)
    assert ("Alien", "Alien (1979)") in {(m[0], m[4]) for m in found(loaded)}


def test_nothing_is_shared_before_the_transaction_commits(film, builds):
    catalog.forget()
    catalog.gazetteer()
    assert cache.get(catalog.SHARED_KEY) is None


def test_a_copy_built_from_other_tables_is_rebuilt(
    film, builds, django_capture_on_commit_callbacks
):
    build_and_share(django_capture_on_commit_callbacks)
    # A bulk load sends no signals: only the row counts tell the copy is stale.
    Film.objects.bulk_create([Film(title="Blade Runner", slug="blade-runner-1982", year=1982)])
    catalog.forget()
    gazetteer = catalog.gazetteer()
    assert builds["builds"] == 2
    assert "Blade Runner (1982)" in {m[4] for m in found(gazetteer, "I love Blade Runner (1982).")}


def test_a_process_that_renamed_someone_builds_and_shares_the_new_name(
    film, builds, django_capture_on_commit_callbacks
):
    build_and_share(django_capture_on_commit_callbacks)
    person = Person.objects.get(name="Sigourney Weaver")
    person.name = "Sigourney Weever"
    person.save()  # the row counts are unchanged: only this process knows
    with django_capture_on_commit_callbacks(execute=True):
        renamed = catalog.gazetteer()
    assert builds["builds"] == 2
    assert "Sigourney Weever" in {m[4] for m in found(renamed)}
    catalog.forget()
    assert "Sigourney Weever" in {m[4] for m in found(catalog.gazetteer())}
    assert builds["builds"] == 2


def test_a_copy_made_by_other_code_is_rebuilt(
    film, builds, monkeypatch, django_capture_on_commit_callbacks
):
    build_and_share(django_capture_on_commit_callbacks)
    monkeypatch.setattr(catalog, "_code_fingerprint", lambda: "another version")
    catalog.forget()
    catalog.gazetteer()
    assert builds["builds"] == 2


@pytest.mark.parametrize("damage", ["not a tuple", "bad blob", "bad pickle"])
def test_an_unreadable_shared_copy_is_rebuilt(
    film, builds, damage, django_capture_on_commit_callbacks
):
    built = build_and_share(django_capture_on_commit_callbacks)
    stamp, _blob = cache.get(catalog.SHARED_KEY)
    broken = {
        "not a tuple": "nonsense",
        "bad blob": (stamp, b"not compressed"),
        "bad pickle": (stamp, __import__("zlib").compress(b"not a pickle")),
    }[damage]
    cache.set(catalog.SHARED_KEY, broken)
    catalog.forget()
    assert found(catalog.gazetteer()) == found(built)
    assert builds["builds"] == 2


def test_a_failing_cache_costs_a_build_not_a_link(
    film, builds, monkeypatch, django_capture_on_commit_callbacks
):
    class Unreachable:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = delete = get

    monkeypatch.setattr(catalog, "cache", Unreachable())
    catalog.forget()
    with django_capture_on_commit_callbacks(execute=True):
        gazetteer = catalog.gazetteer()
    assert "Alien (1979)" in {m[4] for m in found(gazetteer)}
