from django import forms
from django.contrib.auth.forms import UserCreationForm

from marquee.accounts.models import User


class SignupForm(UserCreationForm):
    """Sign-up with a username, an email (never shown to others) and a password."""

    email = forms.EmailField(
        required=True, help_text="Used only to reach you; never shown to anyone."
    )
    # A field people never see: bots that fill every input give themselves away.
    website = forms.CharField(required=False, label="Leave this empty", max_length=200)

    class Meta:
        model = User
        fields = ["username", "email", "display_name"]

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("This field must be left empty.")
        return ""

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email already exists.")
        return email
