from django.contrib import admin

from marquee.taste.models import Onboarding, TasteTest, TasteTestFilm, TasteTestResponse


class TasteTestFilmInline(admin.TabularInline):
    model = TasteTestFilm
    raw_id_fields = ("film",)
    extra = 0


@admin.register(TasteTest)
class TasteTestAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "created_at", "revoked_at")
    search_fields = ("title", "owner__username")
    raw_id_fields = ("owner",)
    inlines = [TasteTestFilmInline]


@admin.register(TasteTestResponse)
class TasteTestResponseAdmin(admin.ModelAdmin):
    list_display = ("test", "user", "share_with_owner", "created_at", "updated_at")
    list_filter = ("share_with_owner",)
    raw_id_fields = ("test", "user")
    # Answers are the visitor's own; the fingerprint is a hash that means nothing to a person.
    exclude = ("fingerprint", "visitor_key")


@admin.register(Onboarding)
class OnboardingAdmin(admin.ModelAdmin):
    list_display = ("user", "updated_at")
    raw_id_fields = ("user",)
