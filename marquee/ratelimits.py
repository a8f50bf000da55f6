"""Rate limits kept in the shared cache, so they hold across every app server.

A limit counts events for one key (a user, an address, a username tried from an address) in a
window that opens with the first event and lasts a fixed time; once the count passes the limit,
further events are refused until the window closes. The event is counted before the work it
guards is done, so a burst of parallel requests cannot all slip past the check together (the
count is atomic on Redis and in-process caches). Keys are hashed: usernames and addresses never
appear in the cache.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest


@dataclass(frozen=True)
class RateLimit:
    """At most ``settings.<limit_setting>`` events in a window of ``window`` seconds.

    ``window`` is a number of seconds or the name of the setting that holds it.
    """

    scope: str
    limit_setting: str
    window: int | str = 60 * 60

    @property
    def limit(self) -> int:
        return int(getattr(settings, self.limit_setting))

    @property
    def seconds(self) -> int:
        return int(getattr(settings, self.window) if isinstance(self.window, str) else self.window)

    def _key(self, who: str) -> str:
        digest = hashlib.sha256(who.encode("utf-8")).hexdigest()[:40]
        return f"marquee:ratelimit:{self.scope}:{digest}"

    def hit(self, who: str) -> bool:
        """Count one event for ``who``; False when it goes past the limit and must be refused."""
        if self.limit <= 0:
            return True  # a limit of 0 switches it off
        key, window = self._key(who), self.seconds
        cache.add(f"{key}:ends", time.time() + window, timeout=window)
        return _increment(key, window) <= self.limit

    def retry_after(self, who: str) -> int:
        """Seconds until ``who`` may try again (at least one)."""
        ends = cache.get(f"{self._key(who)}:ends") or time.time() + self.seconds
        return max(1, math.ceil(ends - time.time()))

    def reset(self, who: str) -> None:
        """Forget ``who``'s events (after a successful sign-in, say)."""
        key = self._key(who)
        cache.delete_many([key, f"{key}:ends"])


def _increment(key: str, window: int) -> int:
    """Add one to the count in ``key``, which expires ``window`` seconds after its first event."""
    if cache.add(key, 1, timeout=window):
        return 1
    if type(caches["default"]).incr is BaseCache.incr:
        # The generic incr() is a get and a set that would reset the expiry to the cache's
        # default; keep the window instead (such caches are per machine and not atomic anyway).
        ends = cache.get(f"{key}:ends") or time.time() + window
        count = (cache.get(key) or 0) + 1
        cache.set(key, count, timeout=max(1, math.ceil(ends - time.time())))
        return count
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def wait_in_words(seconds: int) -> str:
    """'about 12 minutes', 'about 1 hour', '40 seconds': how long to wait, for messages."""
    if seconds < 90:
        return f"{seconds} seconds"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"about {minutes} minutes"
    hours = round(minutes / 60)
    return f"about {hours} hour{'s' if hours != 1 else ''}"


def client_address(request: HttpRequest) -> str:
    """The visitor's IP address; behind a reverse proxy, the one the proxy saw."""
    if settings.BEHIND_PROXY:
        # The proxy appends the address it saw to X-Forwarded-For: the last entry is the only
        # one a visitor cannot forge.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


# Sign-in attempts per username and address; a success starts the count again.
SIGN_IN = RateLimit("sign-in", "MARQUEE_LOGIN_ATTEMPTS", window="MARQUEE_LOGIN_LOCKOUT_SECONDS")
# Sign-up attempts per address.
SIGN_UP = RateLimit("sign-up", "MARQUEE_SIGNUPS_PER_HOUR")
# Comments per account (readers; staff and critics are not counted).
COMMENT = RateLimit("comment", "MARQUEE_COMMENTS_PER_HOUR")
# Answers to one taste test per address (signed in or not).
TASTE_ANSWER = RateLimit("taste-answer", "MARQUEE_TASTE_ANSWERS_PER_HOUR")
