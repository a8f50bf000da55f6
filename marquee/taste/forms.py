from __future__ import annotations

from django import forms

from marquee.catalog.models import Film
from marquee.taste.answers import ANSWERS, KEYS
from marquee.taste.services import MAX_TITLE_CHARS

ANSWER_CHOICES = [(answer.key, answer.label) for answer in ANSWERS]
FILM_FIELD = "film-{}"


class OnboardingAnswerForm(forms.Form):
    film = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    answer = forms.ChoiceField(choices=ANSWER_CHOICES)


class TasteTestCreateForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=MAX_TITLE_CHARS,
        initial="How alike are we?",
        help_text="Visitors see it above the films.",
    )
    films = forms.TypedMultipleChoiceField(coerce=int, label="Films", choices=())

    def __init__(self, *args, choices: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["films"].choices = [(choice.film.pk, str(choice.film)) for choice in choices]


class TasteTestAnswersForm(forms.Form):
    """One radio group per film of the test, the choice to share, and a trap for bots."""

    share = forms.BooleanField(required=False)
    # Hidden from people by CSS; bots fill it in.
    website = forms.CharField(required=False, max_length=200, label="Leave this empty")

    def __init__(self, *args, films: list[Film], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.films = films
        for film in films:
            self.fields[FILM_FIELD.format(film.pk)] = forms.ChoiceField(
                label=str(film),
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Answer {film}: choose “Haven’t seen it” if you haven’t.",
                    "invalid_choice": f"{film}: the answer is not one of {KEYS}.",
                },
            )

    def film_fields(self) -> list[tuple[Film, forms.BoundField]]:
        return [(film, self[FILM_FIELD.format(film.pk)]) for film in self.films]

    def unexpected_fields(self) -> list[str]:
        """Posted fields that are not part of this test (another test's film, junk)."""
        known = set(self.fields) | {"csrfmiddlewaretoken"}
        return [name for name in self.data if name not in known]

    def answers(self) -> dict[int, str]:
        return {film.pk: self.cleaned_data[FILM_FIELD.format(film.pk)] for film in self.films}
