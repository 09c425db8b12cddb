"""Who may do what: the Moderators group and one managers group per clinic.

A clinic's managers group gets Wagtail page permissions on the clinic page (and so
on its practitioners beneath it), a collection of its own for images and documents, and model
permission to view licences, which directory.permissions narrows to its own practitioners.
Moderators verify licences and moderate reviews; they do not edit listings.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

MODERATORS_GROUP = "Moderators"

MANAGER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
MANAGER_IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")
MANAGER_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
# Managers see their practitioners' licences but change them only through proposals a
# moderator approves (onboarding's licence change workflow), which write to Licence.
MANAGER_MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("directory", "view_licence"),
)
MODERATOR_MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("directory", "view_licence"),
    ("directory", "verify_licence"),
)


def permissions(pairs):
    found = []
    for app_label, codename in pairs:
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def moderators_group():
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(*permissions(MODERATOR_MODEL_PERMISSIONS))
    return group


def is_moderator(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists())


@transaction.atomic
def ensure_clinic_team(clinic):
    """Create the clinic's managers group and image collection once; return its team."""
    from directory.models import ClinicTeam

    existing = ClinicTeam.objects.filter(clinic=clinic).first()
    if existing:
        return existing
    label = f"{clinic.title} (clinic {clinic.pk})"
    group = Group.objects.create(name=f"Managers of {label}"[:150])
    group.permissions.add(*permissions(MANAGER_MODEL_PERMISSIONS))
    for codename in MANAGER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=group,
            page=clinic,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    collection = Collection.get_first_root_node().add_child(name=f"Photos of {label}"[:255])
    for app_label, codenames in (
        ("wagtailimages", MANAGER_IMAGE_PERMISSIONS),
        ("wagtaildocs", MANAGER_DOCUMENT_PERMISSIONS),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
    return ClinicTeam.objects.create(clinic=clinic, group=group, collection=collection)


def add_manager(clinic, user):
    """Make `user` a manager of `clinic` (the admin's own user screens do the same)."""
    team = ensure_clinic_team(clinic)
    user.groups.add(team.group)
    return team
