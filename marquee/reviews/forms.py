from django import forms
from django.conf import settings

from marquee.reviews.models import Verdict
from marquee.reviews.services import SETUP_MAX_CHARS, SHOULD_WATCH_MAX_CHARS, TAGLINE_MAX_CHARS
from marquee.reviews.textformat import TEXT_MAX_CHARS

TEXT_IMPORT_MAX_CHARS = TEXT_MAX_CHARS


class ReviewTextForm(forms.Form):
    """The written parts of a review, shared by the write and edit pages."""

    verdict = forms.ModelChoiceField(queryset=Verdict.objects.all(), empty_label=None)
    tagline = forms.CharField(max_length=TAGLINE_MAX_CHARS, help_text="One line.")
    setup = forms.CharField(
        label="The Setup",
        max_length=SETUP_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The premise in a sentence or two.",
    )
    body = forms.CharField(
        max_length=settings.MARQUEE_REVIEW_BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Markdown: *emphasis*, **bold**, [links](https://…), > quotes.",
    )
    should_watch = forms.CharField(
        label="Should you watch it?",
        max_length=SHOULD_WATCH_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewWriteForm(ReviewTextForm):
    """A new review: the film is found in the catalog by title, year and director, or added."""

    film_title = forms.CharField(label="Film title", max_length=300)
    film_year = forms.IntegerField(label="Year", min_value=1870, max_value=2100, required=False)
    director = forms.CharField(max_length=300, required=False, help_text="Comma separated.")
    cast = forms.CharField(max_length=2000, required=False, help_text="Comma separated.")
    publish = forms.BooleanField(required=False, label="Publish now")

    field_order = ["film_title", "film_year", "director", "cast", "verdict", "tagline"]


class ReviewPasteForm(forms.Form):
    """A review in the plain-text layout, pasted whole."""

    text = forms.CharField(
        max_length=TEXT_IMPORT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 24}),
        label="Review text",
    )
    publish = forms.BooleanField(required=False, label="Publish now")
