from django.contrib import admin

from marquee.comments.models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("review", "author", "author_name", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("body", "author__username")
    raw_id_fields = ("review", "author", "parent", "moderated_by")
