"""The search form: the query and the filters, each optional."""

from __future__ import annotations

from django import forms

from marquee.catalog.models import Genre
from marquee.reviews.models import Verdict
from marquee.search.selectors import SearchFilters

EARLIEST_YEAR = 1870
LATEST_YEAR = 2100


class SearchForm(forms.Form):
    # No length limit here: a long query is cut (and says so) rather than refused.
    q = forms.CharField(
        required=False,
        label="Search films, people and reviews",
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    verdict = forms.ChoiceField(required=False, label="Verdict")
    year_from = forms.IntegerField(
        required=False, label="From year", min_value=EARLIEST_YEAR, max_value=LATEST_YEAR
    )
    year_to = forms.IntegerField(
        required=False, label="To year", min_value=EARLIEST_YEAR, max_value=LATEST_YEAR
    )
    genre = forms.ChoiceField(required=False, label="Genre")
    director = forms.CharField(required=False, max_length=200, label="Director")
    watched = forms.ChoiceField(
        required=False,
        label="Seen",
        choices=[("", "Seen or not"), ("unwatched", "Not seen yet"), ("watched", "Seen")],
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        verdicts = Verdict.objects.values_list("slug", "name")
        self.fields["verdict"].choices = [("", "Any verdict"), *verdicts]
        genres = Genre.objects.values_list("slug", "name")
        self.fields["genre"].choices = [("", "Any genre"), *genres]
        if not signed_in:
            del self.fields["watched"]

    def query(self) -> str:
        return str(self.data.get("q", ""))

    def filters(self) -> SearchFilters:
        """The filters that are valid; an invalid one is shown as an error and ignored."""
        self.is_valid()
        valid = {name: value for name, value in self.cleaned_data.items() if name != "q"}
        return SearchFilters(
            verdict=valid.get("verdict") or "",
            year_from=valid.get("year_from"),
            year_to=valid.get("year_to"),
            genre=valid.get("genre") or "",
            director=(valid.get("director") or "").strip(),
            watched=valid.get("watched") or "",
        )
