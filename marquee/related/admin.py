from django.contrib import admin

from marquee.related.models import FilmRelation, InfluenceDismissal, SimilarityBuild


@admin.register(FilmRelation)
class FilmRelationAdmin(admin.ModelAdmin):
    list_display = ("from_film", "kind", "to_film", "source", "created_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("from_film__title", "to_film__title", "source", "note")
    autocomplete_fields = ("from_film", "to_film")
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change) -> None:
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(InfluenceDismissal)
class InfluenceDismissalAdmin(admin.ModelAdmin):
    """Deleting a dismissal lets the suggestion come back."""

    list_display = ("film", "earlier", "dismissed_by", "dismissed_at")
    search_fields = ("film__title", "earlier__title")
    readonly_fields = ("film", "earlier", "dismissed_by", "dismissed_at")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(SimilarityBuild)
class SimilarityBuildAdmin(admin.ModelAdmin):
    list_display = ("built_at", "films", "films_with_story", "similar_rows", "seconds")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
