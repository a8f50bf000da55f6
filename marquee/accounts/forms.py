import logging

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from marquee.accounts.models import User
from marquee.ratelimits import SIGN_IN, client_address, wait_in_words

logger = logging.getLogger(__name__)


class SignInLimitMixin:
    """Refuses a username tried too often and wrongly from one address (MARQUEE_LOGIN_*)."""

    locked_out = False

    def clean(self) -> dict:
        username = (self.cleaned_data.get("username") or "").strip().lower()
        address = client_address(self.request) if self.request else "unknown"
        who = f"{username}|{address}"
        if username and not SIGN_IN.hit(who):
            self.locked_out = True
            logger.warning("sign-in refused for %r from %s: too many failures", username, address)
            raise forms.ValidationError(
                "Too many failed sign-ins for this account from your address. "
                f"Please wait {wait_in_words(SIGN_IN.retry_after(who))} and try again.",
                code="locked_out",
            )
        cleaned = super().clean()
        SIGN_IN.reset(who)
        return cleaned


class SignInForm(SignInLimitMixin, AuthenticationForm):
    """The site's sign-in form."""


class AdminSignInForm(SignInLimitMixin, AdminAuthenticationForm):
    """The admin's sign-in form, under the same limit: it is another door to staff accounts."""


# The MovieLens loader names its readers "ml-<id>" and "ml100k-<id>"; a person who signed up
# under such a name would look like (and block) an imported reader.
RESERVED_USERNAME_PREFIXES = ("ml-", "ml100k-")


class SignupForm(UserCreationForm):
    """Sign-up with a username, an email (never shown to others) and a password."""

    email = forms.EmailField(
        required=True, help_text="Used only to reach you; never shown to anyone."
    )
    # A field people never see (off screen, out of the tab order): bots that fill every input
    # give themselves away.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        max_length=200,
        widget=forms.TextInput(
            attrs={"class": "honeypot", "tabindex": "-1", "autocomplete": "off"}
        ),
    )

    class Meta:
        model = User
        fields = ["username", "email", "display_name"]

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("This field must be left empty.")
        return ""

    def clean_username(self) -> str:
        username = super().clean_username()
        if username.lower().startswith(RESERVED_USERNAME_PREFIXES):
            raise forms.ValidationError(
                "Names starting with "
                + " or ".join(f"“{prefix}”" for prefix in RESERVED_USERNAME_PREFIXES)
                + " are kept for readers imported from MovieLens; please choose another."
            )
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email already exists.")
        return email
