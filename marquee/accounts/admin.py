from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from marquee.accounts.forms import AdminSignInForm
from marquee.accounts.models import User

admin.site.login_form = AdminSignInForm


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Marquee", {"fields": ("display_name", "bio", "is_critic")}),
    )
    list_display = ("username", "display_name", "email", "is_critic", "is_staff", "date_joined")
    list_filter = ("is_critic", "is_staff", "is_superuser", "is_active")
