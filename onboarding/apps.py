from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = "Clinic onboarding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Receivers: publishing after a clinic's first review, applying approved licence changes,
        # licence-change permissions for new clinic teams.
        from onboarding import licence_changes, publication, signals  # noqa: F401
