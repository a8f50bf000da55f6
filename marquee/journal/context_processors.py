from django.conf import settings
from django.http import HttpRequest

from marquee.reviews.models import Verdict


def site(request: HttpRequest) -> dict:
    """Site name and the verdict list, which every page's navigation shows."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "all_verdicts": Verdict.objects.all(),
    }
