from django import forms

from marquee.api.models import PersonalAccessToken


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=80, help_text="What the token is for, e.g. “backup script” or “phone app”."
    )
    scope = forms.ChoiceField(
        choices=PersonalAccessToken.Scope.choices,
        initial=PersonalAccessToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text="Read-only tokens cannot change anything; give write access only where needed.",
    )
