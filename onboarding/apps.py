from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = "Clinic onboarding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from onboarding import publication  # noqa: F401  (grants publishing after a clinic's first review)
