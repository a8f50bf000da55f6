"""Running a site in production: backups, restores, moving databases, and verifying copies."""
