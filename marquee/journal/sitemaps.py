"""The sitemap: published reviews, films with reviews, and people."""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from marquee.catalog.models import Film, Person
from marquee.reviews.models import Review


class ReviewSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self) -> QuerySet[Review]:
        return Review.objects.published().order_by("pk")

    def lastmod(self, item: Review):
        return item.updated_at


class FilmSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> QuerySet[Film]:
        return Film.objects.order_by("pk")

    def lastmod(self, item: Film):
        return item.updated_at


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self) -> QuerySet[Person]:
        return Person.objects.order_by("pk")


SITEMAPS = {"reviews": ReviewSitemap, "films": FilmSitemap, "people": PersonSitemap}
