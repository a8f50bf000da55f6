from django import forms
from django.conf import settings


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=settings.MARQUEE_COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Plain text; links become clickable.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Hidden from people by CSS; bots fill it in.
    website = forms.CharField(required=False, max_length=200, label="Leave this empty")
