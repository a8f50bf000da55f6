"""``marquee review import`` and ``marquee review export``."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.comments.models import Comment
from marquee.reviews.management.commands.review import MAX_FILE_BYTES
from marquee.reviews.models import Review

pytestmark = pytest.mark.django_db

TEXT = """Stalker (1979) essential
A journey to the room where wishes come true.
Andrei Tarkovsky
Alisa Freyndlikh, Aleksandr Kaydanovskiy
The Setup:
A guide leads two men through the forbidden Zone.

Slow, *hypnotic* and strange.

Should you watch it:
Yes, with patience.

A reader's comment.
"""

KEYS = {
    "title", "year", "verdict", "tagline", "director", "cast", "setup", "body", "should_watch",
    "comments", "url", "slug", "status",
}  # fmt: skip


def run(*args: str) -> str:
    out = StringIO()
    call_command("review", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, text: str | bytes, name: str = "review.txt"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def counts() -> tuple[int, int, int]:
    return Film.objects.count(), Review.objects.count(), Comment.objects.count()


def test_import_saves_a_draft_and_prints_each_field_labelled(tmp_path, critic):
    output = run("import", str(write(tmp_path, TEXT)), "--author", critic.username)

    review = Review.objects.get()
    assert review.status == Review.Status.DRAFT
    assert review.film.title == "Stalker"
    assert "Saved draft" in output and review.get_absolute_url() in output
    for line in [
        "Title: Stalker",
        "Year: 1979",
        "Verdict: essential",
        "Tagline: A journey to the room where wishes come true.",
        "Director: Andrei Tarkovsky",
        "Cast: Alisa Freyndlikh, Aleksandr Kaydanovskiy",
        "The Setup: A guide leads two men through the forbidden Zone.",
        "Body: Slow, *hypnotic* and strange.",
        "Should you watch it: Yes, with patience.",
        "Comments: 1",
    ]:
        assert line in output.splitlines(), line


def test_import_with_publish_publishes(tmp_path, critic):
    run("import", str(write(tmp_path, TEXT)), "--author", critic.username, "--publish")

    assert Review.objects.get().is_published


def test_import_with_json_prints_one_object_with_the_review_fields(tmp_path, critic):
    output = run("import", str(write(tmp_path, TEXT)), "--author", critic.username, "--json")

    data = json.loads(output)
    assert data.keys() >= KEYS
    assert data["slug"] == Review.objects.get().slug
    assert data["comments"] == ["A reader's comment."]
    assert data["cast"] == ["Alisa Freyndlikh", "Aleksandr Kaydanovskiy"]
    assert data["url"].startswith("http") and data["url"].endswith(f"/reviews/{data['slug']}/")


def test_import_reads_utf8_with_a_byte_order_mark_and_crlf(tmp_path, critic):
    raw = "\ufeff" + TEXT.replace("Andrei Tarkovsky", "Andreï Tarkovsky").replace("\n", "\r\n")
    path = write(tmp_path, raw.encode("utf-8"))

    run("import", str(path), "--author", critic.username)

    review = Review.objects.get()
    assert review.film.title == "Stalker"
    assert review.film.credits.filter(person__name="Andreï Tarkovsky").exists()


def test_import_error_names_file_line_and_field_and_writes_nothing(tmp_path, critic):
    path = write(tmp_path, TEXT.replace("Should you watch it:", "So, should you?"))
    before = counts()

    with pytest.raises(CommandError) as caught:
        run("import", str(path), "--author", critic.username)

    assert str(caught.value) == (
        f'{path}:14: should_watch: no "Should you watch it:" label after "The Setup:" (line 5)'
    )
    assert counts() == before


def test_import_error_message_is_file_colon_line_colon_field(tmp_path, critic):
    path = write(tmp_path, "\n\n" + TEXT.replace("essential", "a masterpiece"))

    with pytest.raises(CommandError) as caught:
        run("import", str(path), "--author", critic.username)

    assert str(caught.value).startswith(f"{path}:3: verdict: ")
    assert Review.objects.count() == 0


def test_unknown_author_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match='no user called "nobody"'):
        run("import", str(write(tmp_path, TEXT)), "--author", "nobody")


def test_author_who_may_not_write_reviews_is_refused(tmp_path, reader):
    before = counts()

    with pytest.raises(CommandError, match="may not write reviews"):
        run("import", str(write(tmp_path, TEXT)), "--author", reader.username)

    assert counts() == before


def test_inactive_critic_is_refused(tmp_path, critic):
    User.objects.filter(pk=critic.pk).update(is_active=False)

    with pytest.raises(CommandError, match="may not write reviews"):
        run("import", str(write(tmp_path, TEXT)), "--author", critic.username)


def test_file_over_one_megabyte_is_refused_before_reading(tmp_path, critic, monkeypatch):
    path = write(tmp_path, TEXT + "\n" + "x" * MAX_FILE_BYTES)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("the file was read"))

    with pytest.raises(CommandError, match="limited to 1 MB"):
        run("import", str(path), "--author", critic.username)


def test_missing_file_is_reported(tmp_path, critic):
    with pytest.raises(CommandError, match="cannot read"):
        run("import", str(tmp_path / "absent.txt"), "--author", critic.username)


def test_file_that_is_not_utf8_is_reported_with_its_line(tmp_path, critic):
    path = write(tmp_path, TEXT.replace("Stalker", "St\u00e5lker").encode("latin-1"))

    with pytest.raises(CommandError, match=r":1: text: not UTF-8"):
        run("import", str(path), "--author", critic.username)


def test_hostile_markdown_is_stored_but_rendered_safe(tmp_path, critic):
    hostile = TEXT.replace(
        "Slow, *hypnotic* and strange.",
        "<script>alert('x')</script>\n\n[click](javascript:alert(1)) and "
        "<img src=x onerror=alert(1)> and [ok](https://example.com) and <javascript:alert(2)>\n\n"
        "[ref]\n\n[ref]: javascript:alert(3)",
    )

    run("import", str(write(tmp_path, hostile)), "--author", critic.username)

    review = Review.objects.get()
    assert "<script>" in review.body  # kept as written, so the critic can fix it
    html = review.body_html.lower()
    assert "<script" not in html
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript", html)
    assert "<img" not in html  # raw HTML is shown as text, so its onerror never runs
    assert "&lt;img" in html
    assert 'href="https://example.com"' in html


def test_export_prints_the_review_in_the_layout(review):
    output = run("export", review.slug)

    assert output.startswith("Alien (1979) recommended viewing\nIn space, no one can hear you")
    assert "\nThe Setup:\n" in output and "\nShould you watch it:\n" in output


def test_export_with_json_prints_review_fields(review):
    data = json.loads(run("export", review.slug, "--json"))

    assert data.keys() >= KEYS
    assert (data["title"], data["year"], data["status"]) == ("Alien", 1979, "published")
    assert data["cast"] == ["Sigourney Weaver", "Tom Skerritt", "John Hurt"]


def test_export_of_an_unknown_slug_is_an_error(db):
    with pytest.raises(CommandError, match="no review"):
        run("export", "no-such-review")


def test_export_then_import_round_trips(tmp_path, review, critic):
    path = write(tmp_path, run("export", review.slug))

    data = json.loads(run("import", str(path), "--author", critic.username, "--json"))

    original = json.loads(run("export", review.slug, "--json"))
    for key in KEYS - {"url", "slug", "status"}:
        assert data[key] == original[key], key
    assert Film.objects.count() == 1
