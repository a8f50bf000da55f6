"""The rate limiter itself, on the in-process cache and on the file cache of single servers."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from marquee.ratelimits import RateLimit, wait_in_words

LIMIT = RateLimit("test", "MARQUEE_TEST_LIMIT", window=3600)


@pytest.fixture(params=["locmem", "file"])
def any_cache(request, settings, tmp_path):
    if request.param == "file":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    settings.MARQUEE_TEST_LIMIT = 2
    cache.clear()
    yield
    cache.clear()


def test_events_past_the_limit_are_refused_until_reset(any_cache):
    assert LIMIT.hit("someone") and LIMIT.hit("someone")
    assert not LIMIT.hit("someone")
    assert LIMIT.hit("someone else")
    assert 3590 < LIMIT.retry_after("someone") <= 3600
    LIMIT.reset("someone")
    assert LIMIT.hit("someone")


def test_the_window_keeps_its_length_on_a_cache_without_atomic_counters(any_cache, monkeypatch):
    LIMIT.hit("someone")
    LIMIT.hit("someone")
    # Django's generic incr() would have given the count the cache's default five-minute expiry.
    later = time.time() + 400
    monkeypatch.setattr(time, "time", lambda: later)
    assert not LIMIT.hit("someone")
    assert LIMIT.retry_after("someone") > 3000


def test_a_limit_of_zero_switches_it_off(any_cache, settings):
    settings.MARQUEE_TEST_LIMIT = 0
    assert all(LIMIT.hit("someone") for _ in range(10))


def test_keys_never_hold_a_username_or_address(any_cache):
    assert "rita" not in LIMIT._key("rita|203.0.113.7")
    assert "203.0.113.7" not in LIMIT._key("rita|203.0.113.7")


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (40, "40 seconds"),
        (600, "about 10 minutes"),
        (3600, "about 1 hour"),
        (7300, "about 2 hours"),
    ],
)
def test_waits_are_said_in_words(seconds, words):
    assert wait_in_words(seconds) == words
