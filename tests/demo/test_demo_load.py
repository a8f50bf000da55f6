"""``marquee demo``: the sample journal loads once, completely, and never twice."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from marquee.accounts.models import User
from marquee.catalog.models import AlternateTitle, Credit, Film, Person, PersonAlias, SourceMaterial
from marquee.catalog.selectors import film_cast, film_directors, film_find
from marquee.comments.models import Comment
from marquee.demo import content
from marquee.demo.loader import DemoRefusedError, DemoSummary, demo_load
from marquee.reviews.models import Review, ReviewRevision, Verdict

PASSWORD = "a-long-demo-password-42"
FOREIGN_FILMS = {
    "Spirited Away": "千と千尋の神隠し",
    "Amélie": "Le Fabuleux Destin d'Amélie Poulain",
    "Seven Samurai": "七人の侍",
    "Crouching Tiger, Hidden Dragon": "臥虎藏龍",
    "Pan's Labyrinth": "El laberinto del fauno",
    "Parasite": "기생충",
}
MODELS = (
    User,
    Film,
    Person,
    PersonAlias,
    Credit,
    AlternateTitle,
    SourceMaterial,
    Review,
    ReviewRevision,
    Comment,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="class")
def demo_site(django_db_setup, django_db_blocker) -> Iterator[DemoSummary]:
    """The demo journal loaded once for a class of tests, and rolled back after the last one.

    Loading takes seconds; each test still runs in its own savepoint inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load(password=PASSWORD)
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_site, db) -> DemoSummary:
    return demo_site


class TestTheLoadedJournal:
    """Checks on one load of the demo journal into an empty site."""

    def test_loading_fills_an_empty_site_with_films_people_reviews_and_comments(self, loaded):
        assert Film.objects.count() == len(content.FILMS) >= 36
        assert loaded.films_created == len(content.FILMS)
        assert Person.objects.count() == loaded.people_created > 100
        assert Credit.objects.filter(role=Credit.Role.DIRECTOR).count() >= len(content.FILMS)
        assert 12 <= Review.objects.count() == loaded.reviews_created <= 16
        assert 20 <= Comment.objects.count() == loaded.comments_created <= 40
        assert Comment.objects.filter(parent__isnull=False).exists()
        assert User.objects.filter(is_critic=True).count() == 3
        assert User.objects.filter(is_critic=False, is_superuser=False).count() == 8
        assert all(account.created for account in loaded.accounts)

    def test_new_accounts_get_the_password_and_the_owner_is_a_superuser(self, loaded):
        owner = User.objects.get(username="admin")
        assert owner.is_superuser and owner.is_staff
        for user in User.objects.all():
            assert user.check_password(PASSWORD)
        for critic in User.objects.filter(is_critic=True):
            assert critic.display_name and critic.bio

    def test_every_published_review_has_its_film_page_data(self, loaded):
        now = timezone.now()
        published = Review.objects.published()
        assert published.count() >= 12
        for review in published:
            assert film_directors(review.film), review
            assert len(film_cast(review.film)) >= 3, review
            assert review.film.get_absolute_url() and review.get_absolute_url()
            assert review.body_html.count("<p>") >= 3, review
            assert now - dt.timedelta(days=366) < review.published_at < now
        dates = list(published.values_list("published_at", flat=True))
        assert len({date.date() for date in dates}) == len(dates), "publication dates are staggered"

    def test_every_published_review_and_its_film_page_render_with_the_credits(self, loaded, client):
        for review in Review.objects.published().select_related("film"):
            film_page = client.get(review.film.get_absolute_url())
            review_page = client.get(review.get_absolute_url())
            assert film_page.status_code == review_page.status_code == 200, review
            html = film_page.content.decode()
            for person in [*film_directors(review.film), *film_cast(review.film)]:
                assert escape(person.name) in html, (review.film, person)
            assert escape(review.tagline) in review_page.content.decode()

    def test_one_or_two_reviews_are_left_as_drafts(self, loaded):
        drafts = Review.objects.filter(status=Review.Status.DRAFT)
        assert 1 <= drafts.count() == loaded.drafts_created <= 2
        assert not Comment.objects.filter(review__in=drafts).exists()

    def test_every_verdict_badge_is_used(self, loaded):
        used = set(Review.objects.values_list("verdict__name", flat=True))
        assert used == set(Verdict.objects.values_list("name", flat=True))

    def test_comments_are_approved_except_the_ones_left_for_moderation(self, loaded):
        flagged = sum(
            comment.pending + sum(reply.pending for reply in comment.replies)
            for review in content.REVIEWS
            for comment in review.comments
        )
        assert 1 <= Comment.objects.pending().count() == flagged <= 2
        assert Comment.objects.approved().count() == Comment.objects.count() - flagged
        for comment in Comment.objects.select_related("review"):
            assert comment.created_at >= comment.review.published_at

    def test_every_film_has_a_year_a_director_and_at_least_three_cast(self, loaded):
        for film in Film.objects.all():
            assert film.year and film.runtime_minutes and film.synopsis, film
            assert film.credits.filter(role=Credit.Role.DIRECTOR).exists(), film
            assert film.credits.filter(role=Credit.Role.CAST).count() >= 3, film
            assert film.genres.exists(), film

    def test_foreign_films_carry_their_original_titles(self, loaded):
        for title, original in FOREIGN_FILMS.items():
            film = Film.objects.get(title=title)
            assert film.original_title == original
            assert film.original_language
            assert film_find(title=original) == film

    def test_films_record_what_they_are_based_on(self, loaded):
        expected = {
            ("Jaws", 1975): ("Jaws", "Peter Benchley"),
            ("The Shining", 1980): ("The Shining", "Stephen King"),
            ("Blade Runner", 1982): ("Do Androids Dream of Electric Sheep?", "Philip K. Dick"),
            ("Solaris", 1972): ("Solaris", "Stanisław Lem"),
            ("Never Let Me Go", 2010): ("Never Let Me Go", "Kazuo Ishiguro"),
            ("The Godfather", 1972): ("The Godfather", "Mario Puzo"),
        }
        for (title, year), (work, author) in expected.items():
            source = SourceMaterial.objects.get(film__title=title, film__year=year)
            assert (source.title, source.author.name) == (work, author)

    def test_related_films_are_all_in_the_catalog(self, loaded):
        for title, year in [
            ("Alien", 1979),
            ("Aliens", 1986),
            ("Solaris", 1972),
            ("Solaris", 2002),
            ("The Magnificent Seven", 1960),
            ("Yojimbo", 1961),
            ("A Fistful of Dollars", 1964),
            ("Gattaca", 1997),
            ("Arrival", 2016),
            ("It Follows", 2014),
        ]:
            assert Film.objects.filter(title=title, year=year).exists(), (title, year)

    def test_people_are_found_by_their_other_spellings(self, loaded):
        assert PersonAlias.objects.get(name="Stanislaw Lem").person.name == "Stanisław Lem"
        assert PersonAlias.objects.get(name="黒澤明").person.name == "Akira Kurosawa"

    def test_reloading_without_force_is_refused_and_changes_nothing(self, loaded):
        before = counts()
        with pytest.raises(DemoRefusedError, match="--force"):
            demo_load(password="another-password-123")
        assert counts() == before

    def test_reloading_with_force_adds_nothing_and_keeps_passwords(self, loaded):
        before = counts()
        again = demo_load(password="another-password-123", force=True)
        assert not again.changed_anything
        assert counts() == before
        assert User.objects.get(username="ines").check_password(PASSWORD)


def test_the_content_is_consistent():
    keys = [film.key for film in content.FILMS]
    assert len(keys) == len(set(keys))
    imdb_ids = [film.imdb_id for film in content.FILMS if film.imdb_id]
    assert len(imdb_ids) == len(set(imdb_ids))
    assert all(re.fullmatch(r"tt\d{7,8}", imdb_id) for imdb_id in imdb_ids)
    usernames = {account.username for account in (*content.CRITICS, *content.READERS)}
    critics = {critic.username for critic in content.CRITICS}
    credited = {name for film in content.FILMS for name in (*film.directors, *film.cast)}
    credited |= {name for film in content.FILMS for name in film.writers}
    credited |= {source.author for film in content.FILMS for source in film.sources}
    assert {person.name for person in content.PEOPLE} <= credited
    for review in content.REVIEWS:
        assert review.film in keys and review.critic in critics
        assert 3 <= len(review.body.split("\n\n")) <= 5, review.film
        assert "if you're a fan of" in review.should_watch.lower(), review.film
        for comment in review.comments:
            assert {comment.author} | {reply.author for reply in comment.replies} <= usernames


def test_force_on_a_site_with_its_own_review_adds_only_what_is_missing(review):
    """The site's own Alien (1979) is reused, not duplicated, and keeps its credits."""
    cast_before = [person.name for person in film_cast(review.film)]
    demo_load(password=PASSWORD, force=True)
    assert Film.objects.filter(title="Alien", year=1979).count() == 1
    assert [person.name for person in film_cast(review.film)] == cast_before
    assert review.film.credits.filter(role=Credit.Role.WRITER).exists()
    assert User.objects.get(username="carla_critic").reviews.count() == 1

    after_first = counts()
    again = demo_load(password=PASSWORD, force=True)
    assert not again.changed_anything
    assert counts() == after_first


def test_the_command_prints_the_sign_in_details(db):
    out = StringIO()
    call_command("demo", password=PASSWORD, stdout=out)
    printed = out.getvalue()
    assert "Demo journal loaded" in printed
    assert "/accounts/login/" in printed
    assert PASSWORD in printed
    for username in ("admin", "ines", "theo", "mara", "ada"):
        assert re.search(rf"^\s+{username}\s", printed, re.MULTILINE), username


def test_the_command_makes_up_a_password_when_none_is_given(db):
    out = StringIO()
    call_command("demo", stdout=out)
    password = re.search(r"Password for every account below: (\S+)", out.getvalue()).group(1)
    assert len(password) >= 16
    assert User.objects.get(username="admin").check_password(password)


def test_the_command_refuses_a_site_with_reviews_unless_forced(review):
    with pytest.raises(CommandError, match="already has reviews"):
        call_command("demo", password=PASSWORD, stdout=StringIO())
    assert Review.objects.count() == 1

    out = StringIO()
    call_command("demo", password=PASSWORD, force=True, stdout=out)
    assert Review.objects.count() > 1
    out = StringIO()
    call_command("demo", password=PASSWORD, force=True, stdout=out)
    assert "Nothing to add" in out.getvalue()
    assert PASSWORD not in out.getvalue()


def test_the_command_rejects_a_weak_password(db):
    with pytest.raises(CommandError, match="--password"):
        call_command("demo", password="short", stdout=StringIO())
    assert not User.objects.exists()
