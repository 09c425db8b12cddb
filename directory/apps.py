from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from directory import permissions, signals  # noqa: F401  (register the licence policy and signal handlers)
