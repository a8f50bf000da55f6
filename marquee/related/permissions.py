"""Who may record relations between films from the site (staff also can in the admin)."""

from __future__ import annotations

from marquee.reviews.permissions import AnyUser


def can_curate_relations(user: AnyUser) -> bool:
    """Critics, staff and the owner confirm or dismiss suggested influences."""
    return user.is_authenticated and user.can_write_reviews
