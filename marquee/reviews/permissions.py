"""Who may do what with reviews. Views and services both ask these, so the rules live once."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from marquee.accounts.models import User
from marquee.reviews.models import Review

AnyUser = User | AnonymousUser


def can_write_reviews(user: AnyUser) -> bool:
    """Critics, staff and the owner write reviews."""
    return user.is_authenticated and user.can_write_reviews


def can_edit_review(user: AnyUser, review: Review) -> bool:
    """A critic edits their own reviews; staff edit anyone's."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or user.is_superuser or (review.author_id == user.pk and user.is_critic)


def can_publish_review(user: AnyUser, review: Review) -> bool:
    return can_edit_review(user, review)


def can_view_review(user: AnyUser, review: Review) -> bool:
    """Published reviews are public; drafts only to those who may edit them."""
    return review.is_published or can_edit_review(user, review)


def can_moderate_comments(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser)
