"""Forms behind the film page's widgets. They parse what was posted; the services validate it."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from marquee.readers.services import MAX_NOTE_CHARS, MAX_TAG_CHARS, MAX_TAGS


def stars_words(half_stars: int) -> str:
    """A rating in words, as a screen reader should say it: "½ star", "1 star", "3½ stars"."""
    whole, half = divmod(half_stars, 2)
    number = (str(whole) if whole else "") + ("½" if half else "")
    return f"{number} star" + ("" if half_stars in (1, 2) else "s")


HALF_STAR_CHOICES = [(n, stars_words(n)) for n in range(1, 11)]
# The service names fields in the product's words; the forms name them after the model.
FORM_FIELD_FOR_INPUT = {
    "rating": "half_stars",
    "date": "watched_on",
    "tags": "tags",
    "note": "note",
}


class RatingForm(forms.Form):
    """Rate a film, or clear the rating with the form's "clear" button."""

    half_stars = forms.TypedChoiceField(
        label="Your rating", choices=HALF_STAR_CHOICES, coerce=int, required=False
    )
    clear = forms.BooleanField(required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("clear") and not cleaned.get("half_stars"):
            raise forms.ValidationError("Choose from ½ to 5 stars.")
        return cleaned


class DiaryEntryForm(forms.Form):
    """Log a viewing: when, whether it was a rewatch, and an optional rating, tags and note."""

    watched_on = forms.DateField(
        label="Date watched", widget=forms.DateInput(attrs={"type": "date"})
    )
    rewatch = forms.BooleanField(label="I had seen it before", required=False)
    half_stars = forms.TypedChoiceField(
        label="Rating",
        choices=[("", "No rating"), *HALF_STAR_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=MAX_TAGS * (MAX_TAG_CHARS + 2),
        help_text=f"Separated by commas; up to {MAX_TAGS}.",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, prefix: str | None = "diary", **kwargs) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["rewatch"].label_suffix = ""  # a checkbox's label is a statement
        today = timezone.localdate()
        self.fields["watched_on"].initial = today
        self.fields["watched_on"].widget.attrs["max"] = today.isoformat()

    def clean_tags(self) -> list[str]:
        return [tag for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class ToggleForm(forms.Form):
    """The state a watchlist or like button asks for, so posting it twice changes nothing."""

    state = forms.ChoiceField(choices=[("on", "on"), ("off", "off")], required=False)

    @property
    def wanted(self) -> bool | None:
        """True or False when the button said which; None to flip."""
        state = self.cleaned_data.get("state") if self.is_valid() else ""
        return {"on": True, "off": False}.get(state or "")
