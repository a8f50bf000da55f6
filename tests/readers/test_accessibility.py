"""Accessibility basics of the widgets and readers' pages, checked on the rendered HTML."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from marquee.readers.services import diary_entry_add, rating_set

pytestmark = pytest.mark.django_db


class _Controls(HTMLParser):
    """Collects form controls, labels, and the legends of fieldsets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.open_labels = 0
        self.fieldsets: list[dict] = []
        self.in_legend = False
        self.in_button: dict | None = None
        self.buttons: list[dict] = []
        self.done_fieldsets: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "label":
            self.open_labels += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
        elif tag in {"input", "select", "textarea"} and attributes.get("type") != "hidden":
            self.controls.append({**attributes, "tag": tag, "wrapped": self.open_labels > 0})
            if self.fieldsets:
                self.fieldsets[-1]["controls"].append(attributes)
        elif tag == "fieldset":
            self.fieldsets.append({"legend": "", "controls": []})
        elif tag == "legend":
            self.in_legend = True
        elif tag == "button":
            self.in_button = {"text": "", **attributes}
            self.buttons.append(self.in_button)

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1
        elif tag == "legend":
            self.in_legend = False
        elif tag == "button":
            self.in_button = None
        elif tag == "fieldset":
            self.done_fieldsets.append(self.fieldsets.pop())

    def handle_data(self, data):
        if self.in_legend:
            self.fieldsets[-1]["legend"] += data
        if self.in_button is not None:
            self.in_button["text"] += data


def controls_of(html: str) -> _Controls:
    parser = _Controls()
    parser.feed(html)
    parser.close()
    return parser


def assert_every_control_is_labelled(html: str) -> _Controls:
    found = controls_of(html)
    assert found.controls
    for control in found.controls:
        labelled = (
            control["wrapped"]
            or control.get("id") in found.label_for
            or control.get("aria-label")
            or control.get("aria-labelledby")
        )
        assert labelled, f"unlabelled {control}"
    for button in found.buttons:
        assert button["text"].strip() or button.get("aria-label"), f"nameless {button}"
    return found


def test_every_control_on_the_film_page_has_a_label(client, reader, film):
    diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1), half_stars=6)
    client.force_login(reader)
    assert_every_control_is_labelled(client.get(film.get_absolute_url()).content.decode())


def test_the_rating_radio_group_has_a_legend_and_ten_labelled_half_stars(client, reader, film):
    client.force_login(reader)
    found = controls_of(client.get(film.get_absolute_url()).content.decode())
    radios = [c for c in found.controls if c.get("type") == "radio"]
    assert [r["value"] for r in radios] == [str(n) for n in range(1, 11)]
    groups = [
        f for f in found.done_fieldsets if any(c.get("type") == "radio" for c in f["controls"])
    ]
    assert len(groups) == 1
    assert groups[0]["legend"].strip() == "Your rating"
    assert len(groups[0]["controls"]) == 10


def test_half_star_labels_read_as_words(client, reader, film):
    client.force_login(reader)
    html = client.get(film.get_absolute_url()).content.decode()
    for words in ("½ star", "1 star", "3½ stars", "5 stars"):
        assert f'<span class="visually-hidden">{words}</span>' in html


def test_toggle_buttons_say_whether_they_are_pressed(client, reader, film):
    client.force_login(reader)
    found = controls_of(client.get(film.get_absolute_url()).content.decode())
    toggles = [b for b in found.buttons if "aria-pressed" in b]
    assert sorted(b["text"].strip().split()[-1] for b in toggles) == ["Like", "Watchlist"]


def test_the_owners_diary_page_labels_its_delete_buttons(client, reader, film):
    diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1))
    client.force_login(reader)
    found = controls_of(client.get(f"/u/{reader.username}/diary/").content.decode())
    deletes = [b["text"] for b in found.buttons if "delete-button" in b.get("class", "")]
    assert deletes == ["Delete Alien, 1 January 2024"]


def test_each_chart_has_a_table_with_the_same_numbers(client, reader, film, other_film):
    rating_set(user=reader, film=film, half_stars=7)
    diary_entry_add(user=reader, film=other_film, watched_on=timezone.localdate(), half_stars=3)
    html = client.get(f"/u/{reader.username}/stats/").content.decode()
    assert html.count("<svg") == html.count('<table class="visually-hidden">') == 7
    assert '<th scope="row">3½ stars</th><td>1</td>' in html
