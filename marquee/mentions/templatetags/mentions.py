"""Template tags for mentions, so other apps' pages show links without view changes."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaks_filter, urlize
from django.utils.safestring import SafeString, mark_safe

from marquee.catalog.models import Film, Person
from marquee.comments.models import Comment
from marquee.mentions import selectors
from marquee.mentions.models import Mention
from marquee.mentions.rendering import Link, link_html, occurrence_of
from marquee.reviews.models import Review
from marquee.sanitize import render_markdown

register = template.Library()
BACKLINKS_SHOWN = 20


def _links(mentions: list[Mention], text: str) -> list[Link]:
    return [
        Link(
            words=mention.text,
            occurrence=occurrence_of(text, mention.start, mention.text),
            url=mention.target.get_absolute_url(),
            title=mention.target_label,
        )
        for mention in mentions
    ]


@register.simple_tag
def linked_text(review: Review, field: str) -> SafeString:
    """A review field rendered as its page shows it, with its confirmed and automatic links."""
    text = getattr(review, field) or ""
    html = review.body_html if field == "body" else render_markdown(text)
    links = _links(selectors.linked_mentions(review, field), text)
    return mark_safe(link_html(html, links))  # sanitised HTML; link_html escapes what it adds


def _comment_mentions(context: template.Context, comment: Comment) -> list[Mention]:
    """The comment's links, read once per thread: the request keeps the whole thread's."""
    request = context.get("request")
    if request is None:
        return selectors.comment_linked_mentions(comment)
    threads = request.__dict__.setdefault("_marquee_comment_mentions", {})
    if comment.review_id not in threads:
        threads[comment.review_id] = selectors.comments_linked_mentions(comment.review)
    return threads[comment.review_id].get(comment.pk, [])


@register.simple_tag(takes_context=True)
def linked_comment(context: template.Context, comment: Comment) -> SafeString:
    """A comment as ``{{ comment.body|urlize|linebreaks }}`` renders it, with its links."""
    html = linebreaks_filter(urlize(comment.body, autoescape=True), autoescape=True)
    links = _links(_comment_mentions(context, comment), comment.body)
    return mark_safe(link_html(html, links))  # escaped by Django's filters and by link_html


@register.inclusion_tag("mentions/_panel.html", takes_context=True)
def mention_panel(context: template.Context, review: Review) -> dict:
    """The critic's suggestions panel for the review's edit page."""
    return {
        "review": review,
        "mentions": selectors.mention_choices(review),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("mentions/_backlinks.html")
def mentioned_in(target: Film | Person) -> dict:
    """ "Reviews that mention this" for a film or person page."""
    return {"reviews": list(selectors.reviews_mentioning(target)[:BACKLINKS_SHOWN])}
