"""The /clinics/ index page under the home page, and the Moderators group's real powers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("directory", "view_licence"),
    ("directory", "verify_licence"),
)


def create_structure(apps, schema_editor):
    # Permissions are normally created after all migrations; moderators need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    ClinicIndexPage = apps.get_model("directory.ClinicIndexPage")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")

    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is not None and not ClinicIndexPage.objects.exists():
        index_type, _ = ContentType.objects.get_or_create(model="clinicindexpage", app_label="directory")
        last_child = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
        position = int(last_child.path[-4:], 36) + 1 if last_child else 1
        ClinicIndexPage.objects.create(
            title="Clinics",
            draft_title="Clinics",
            slug="clinics",
            content_type=index_type,
            path=home.path + _base36(position).rjust(4, "0"),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}clinics/",
            locale_id=home.locale_id,
            intro="Every clinic listed on InScope, with its locations and practitioners.",
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)

    # Wagtail's initial data gives its "Moderators" and "Editors" groups page and image rights
    # over the whole site. Here moderators judge reviews and licences and edit no listing;
    # clinic content belongs to each clinic's own managers group.
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Group.objects.filter(name="Editors", user__isnull=True).delete()
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    moderators.permissions.clear()
    for app_label, codename in MODERATOR_PERMISSIONS:
        moderators.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
        if number == 0:
            return out


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
        # Run after the migrations that hand the default groups their document and image rights.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [migrations.RunPython(create_structure, migrations.RunPython.noop)]
