from django.contrib import admin

from marquee.reviews.models import Review, ReviewRevision, Verdict
from marquee.reviews.services import review_record_revision
from marquee.sanitize import render_markdown


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    """The site owner renames, adds and reorders the journal's verdict badges here."""

    list_display = ("name", "position", "description")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}


class RevisionInline(admin.TabularInline):
    model = ReviewRevision
    extra = 0
    can_delete = False
    fields = ("number", "edited_by", "created_at", "verdict_name", "tagline")
    readonly_fields = fields


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("film", "verdict", "author", "status", "published_at")
    list_filter = ("status", "verdict")
    search_fields = ("film__title", "tagline")
    autocomplete_fields = ("film",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [RevisionInline]

    def save_model(self, request, obj, form, change) -> None:
        # Keep the stored HTML in step with the Markdown, however the review was edited.
        obj.body_html = render_markdown(obj.body)
        super().save_model(request, obj, form, change)
        review_record_revision(review=obj, editor=request.user)
