"""The site's URLs: one include per domain app."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from marquee.journal.sitemaps import SITEMAPS

admin.site.site_header = "Marquee administration"

urlpatterns = [
    path("", include("marquee.journal.urls")),
    path("reviews/", include("marquee.reviews.urls")),
    path("comments/", include("marquee.comments.urls")),
    path("", include("marquee.catalog.urls")),
    path("accounts/", include("marquee.accounts.urls")),
    path("u/", include("marquee.readers.urls")),
    path("imports/", include("marquee.imports.urls")),
    path("for-you/", include("marquee.predictions.urls")),
    path("staff/models/", include("marquee.predictions.training_urls")),
    path("taste/", include("marquee.taste.urls")),
    path("mentions/", include("marquee.mentions.urls")),
    path("related/", include("marquee.related.urls")),
    path("search/", include("marquee.search.urls")),
    path("api/", include("marquee.api.urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
