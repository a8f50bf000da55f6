"""Atom feeds: all reviews, and one per verdict."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks

from marquee.reviews import selectors
from marquee.reviews.models import Review, Verdict

FEED_LENGTH = 30


class LatestReviewsFeed(Feed):
    feed_type = Atom1Feed
    link = "/"

    def title(self) -> str:
        return f"{settings.SITE_NAME}: latest reviews"

    def subtitle(self) -> str:
        return "New film reviews, each with a verdict and whether you should watch it."

    def items(self) -> QuerySet[Review]:
        return selectors.published_reviews()[:FEED_LENGTH]

    def item_title(self, item: Review) -> str:
        return f"{item.film} — {item.verdict.name}"

    def item_description(self, item: Review) -> str:
        # Atom1Feed declares the summary as HTML, so the critic's plain text is escaped here.
        return linebreaks(escape(f"{item.tagline}\n\n{item.setup}"))

    def item_pubdate(self, item: Review):
        return item.published_at

    def item_updateddate(self, item: Review):
        return item.updated_at

    def item_author_name(self, item: Review) -> str:
        return item.author.public_name

    def item_categories(self, item: Review) -> list[str]:
        return [item.verdict.name, *(genre.name for genre in item.film.genres.all())]


class VerdictFeed(LatestReviewsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Verdict:
        return get_object_or_404(Verdict, slug=slug)

    def title(self, obj: Verdict) -> str:
        return f"{settings.SITE_NAME}: reviews marked “{obj.name}”"

    def link(self, obj: Verdict) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Verdict) -> QuerySet[Review]:
        return selectors.reviews_by_verdict(obj)[:FEED_LENGTH]
