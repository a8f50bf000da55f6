from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running a site: backups, restores, moving to another database, and checking copies."""

    name = "marquee.ops"
    label = "ops"
    verbose_name = "Operations"
