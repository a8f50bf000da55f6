from django.contrib import admin

from marquee.catalog.matching import name_match_key, title_match_key
from marquee.catalog.models import (
    AlternateTitle,
    Credit,
    Film,
    Genre,
    Keyword,
    Person,
    PersonAlias,
    SourceMaterial,
)


class AlternateTitleInline(admin.TabularInline):
    model = AlternateTitle
    extra = 0


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person"]


class SourceInline(admin.TabularInline):
    model = SourceMaterial
    extra = 0
    autocomplete_fields = ["author"]


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "imdb_id", "tmdb_id")
    search_fields = ("title", "original_title", "imdb_id")
    list_filter = ("genres",)
    prepopulated_fields = {"slug": ("title", "year")}
    inlines = [AlternateTitleInline, CreditInline, SourceInline]
    filter_horizontal = ("genres",)

    def save_model(self, request, obj, form, change) -> None:
        obj.match_key = title_match_key(obj.title)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        for alternate in formset.save(commit=False):
            if isinstance(alternate, AlternateTitle):
                alternate.match_key = title_match_key(alternate.title)
            alternate.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "imdb_id")
    search_fields = ("name", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PersonAliasInline]

    def save_model(self, request, obj, form, change) -> None:
        obj.match_key = name_match_key(obj.name)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        for alias in formset.save(commit=False):
            alias.match_key = name_match_key(alias.name)
            alias.save()
        for deleted in formset.deleted_objects:
            deleted.delete()


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
