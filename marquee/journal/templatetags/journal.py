"""Template filters the journal's pages share."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from marquee.sanitize import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown (titles in *italics*, links) rendered to sanitized HTML."""
    return mark_safe(render_markdown(text or ""))  # render_markdown escapes and sanitizes
