"""Every URL pattern the site serves, read from config.urls, and real objects to fill them with.

The permission matrix (test_permission_matrix.py) walks this list, so a view added to any
urls.py, a Wagtail hook or a viewset is in the matrix the day it is added. Filling a
pattern's arguments is done here by argument name (and, where names are shared, by the
pattern's namespace); a pattern this module cannot fill raises Unfillable, which fails the
matrix rather than skipping the pattern.
"""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone

ROLES = ("anonymous", "manager_a", "manager_b", "moderator", "superuser")


class Unfillable(Exception):
    """The matrix does not know real objects for one of a pattern's arguments."""


@dataclass(frozen=True)
class Pattern:
    route: str  # the whole route, e.g. "admin/licences/edit/<int:pk>/": unique and readable
    name: str  # "namespace:name", or "" for an unnamed pattern
    args: tuple  # argument names (named groups or converters); "#0", "#1" for positional groups

    @property
    def namespace(self):
        return self.name.rpartition(":")[0]

    @property
    def is_admin(self):
        return self.route.startswith("admin/")

    def __str__(self):
        return self.route


def _args(pattern):
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        regex = pattern.regex
        if regex.groupindex:
            return tuple(regex.groupindex)
        return tuple(f"#{index}" for index in range(regex.groups))
    return ()


def url_patterns(resolver=None, prefix="", namespace="", inherited=()):
    """Every leaf pattern under `resolver` (config.urls by default), depth first."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        args = inherited + _args(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            found += url_patterns(entry, prefix + str(entry.pattern), inner, args)
        elif isinstance(entry, URLPattern):
            found.append(Pattern(prefix + str(entry.pattern), namespace + (entry.name or ""), args))
    return found


def build_world():
    """Two clinics and everything an admin URL can point at, all belonging to clinic A."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from wagtail.admin.models import EditingSession
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import (
        CollectionViewRestriction,
        Page,
        PageViewRestriction,
        Site,
        Task,
        UploadedFile,
        Workflow,
        WorkflowState,
    )

    from directory.models import AppointmentRequest, ClinicTeam
    from onboarding.models import LicenceChange
    from onboarding.publication import listing_workflow
    from onboarding.teams import TOKEN_SALT
    from reviews.models import AuditEntry, ReviewReport, Testimonial
    from reviews.models.reviews import Review
    from reviews.submission import confirmation_token
    from tests.factories import make_clinic, make_licence, make_manager, make_moderator, make_practitioner, make_user
    from tests.onboarding.helpers import make_application
    from tests.reviews.builders import make_response, make_review

    w = {}
    w["clinic_a"] = clinic_a = make_clinic("Alpha Matrix Clinic")
    w["clinic_b"] = clinic_b = make_clinic("Beta Matrix Clinic")
    w["practitioner_a"] = pa = make_practitioner(clinic_a, "Dr Alpha Secretname")
    make_practitioner(clinic_b, "Dr Beta Othername")
    w["licence_a"] = make_licence(pa, number="PT-ALPHA-SECRET", verified=False)
    w["users"] = {
        "anonymous": None,
        "manager_a": make_manager(clinic_a, "manager_a"),
        "manager_b": make_manager(clinic_b, "manager_b"),
        "moderator": make_moderator("moderator_m"),
        "superuser": make_user("superuser_s", superuser=True),
    }
    manager_a = w["users"]["manager_a"]
    team_a = ClinicTeam.objects.get(clinic=clinic_a)
    w["group_a"], w["collection_a"] = team_a.group, team_a.collection
    w["appointment_a"] = AppointmentRequest.objects.create(
        clinic=clinic_a, practitioner=pa, name="Patient Alphasecret", email="alpha@example.net", reason="Back pain"
    )
    w["review_a"] = review = make_review(pa, body="Alpha review body long enough to be a real review of the visit.")
    w["pending_review_a"] = make_review(pa, status=Review.Status.PENDING, email="pending@example.net")
    w["response_a"] = make_response(review, author=manager_a, body="Alpha clinic response secret words")
    reason = ReviewReport._meta.get_field("reason").choices[0][0]
    w["report_a"] = ReviewReport.objects.create(review=review, reason=reason)
    w["testimonial_a"] = Testimonial.objects.create(
        clinic=clinic_a,
        practitioner=pa,
        quote="Alpha testimonial secret quote",
        display_name="Sam, Denver",
        consent_obtained_on=datetime.date(2026, 1, 5),
        consent_method=Testimonial.ConsentMethod.SIGNED_FORM,
    )
    w["audit_a"] = AuditEntry.objects.create(
        actor_name="moderator_m", action=AuditEntry._meta.get_field("action").choices[0][0],
        target_type="reviews.review", target_id=str(review.pk), target_label="Alpha review",
    )  # fmt: skip
    w["application"] = make_application(clinic_name="Gamma Applicant Clinic")
    w["licence_change_a"] = change = LicenceChange.objects.create(
        practitioner=pa, profession=w["licence_a"].profession, jurisdiction=w["licence_a"].jurisdiction,
        number="PT-ALPHA-CHANGE",
    )  # fmt: skip
    change.save_revision(user=manager_a)
    image_model, document_model = get_image_model(), get_document_model()
    w["image_a"] = image_model.objects.create(
        title="Alpha photo", file=get_test_image_file(), collection=w["collection_a"], uploaded_by_user=manager_a
    )
    w["document_a"] = document_model.objects.create(
        title="Alpha leaflet", file=ContentFile(b"%PDF-1.4 alpha", name="alpha.pdf"), collection=w["collection_a"]
    )
    w["uploaded_image_a"] = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(image_model),
        file=get_test_image_file(),
        uploaded_by_user=manager_a,
    )
    w["uploaded_document_a"] = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(document_model),
        file=ContentFile(b"%PDF-1.4 up", name="up.pdf"),
        uploaded_by_user=manager_a,
    )
    # Workflows in progress: the clinic's listing review and the licence change review.
    clinic_a.save_revision(user=manager_a)
    w["page_workflow_state"] = listing_workflow().start(clinic_a, manager_a)
    w["snippet_workflow_state"] = change.get_workflow().start(change, manager_a)
    w["task"] = Task.objects.filter(pk=w["page_workflow_state"].current_task_state.task_id).get()
    w["workflow"] = Workflow.objects.get(pk=w["page_workflow_state"].workflow_id)
    assert WorkflowState.objects.count() >= 2
    w["editing_session_a"] = EditingSession.objects.create(
        user=manager_a,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(pa.pk),
        last_seen_at=timezone.now(),
    )
    w["redirect"] = Redirect.objects.create(old_path="/matrix-old", redirect_link="/")
    w["site"] = Site.objects.get(is_default_site=True)
    w["restriction_a"] = PageViewRestriction.objects.create(
        page=make_clinic("Delta Restricted Clinic"), restriction_type="password", password="s3cret"
    )
    w["collection_restriction"] = CollectionViewRestriction.objects.create(
        collection=w["collection_a"], restriction_type="password", password="s3cret"
    )
    w["other_group"] = Group.objects.exclude(pk=w["group_a"].pk).first()
    from django.contrib.auth.tokens import default_token_generator
    from django.core import signing
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from onboarding.models import Invitation
    from onboarding.teams import invite

    invitation = invite(clinic_a, "newcolleague@example.org", invited_by=manager_a)
    Invitation.objects.filter(pk=invitation.pk).update(secret_hash=Invitation.hash_secret("matrix-secret"))
    w["invitation_token"] = signing.dumps({"i": invitation.pk, "s": "matrix-secret"}, salt=TOKEN_SALT)
    w["password_reset"] = {
        "uidb64": urlsafe_base64_encode(force_bytes(manager_a.pk)),
        "token": default_token_generator.make_token(manager_a),
    }
    unconfirmed = make_review(pa, status=Review.Status.UNCONFIRMED, email="unconfirmed@example.net")
    unconfirmed.confirmation_nonce = "n" * 32
    unconfirmed.save()
    w["confirm_token"] = confirmation_token(unconfirmed)
    w["sessions"] = signed_in_sessions(w["users"])
    return w


def signed_in_sessions(users):
    """One session per role, made once: each request reuses its cookie (a request that signs out
    is rolled back with its savepoint, so the session is there again for the next)."""
    from django.conf import settings
    from django.test import Client

    sessions = {}
    for role, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


# The object each namespace's "pk" (or equivalent) means: always one of clinic A's, or a
# shared object (reference data, a workflow) where the model has no clinic.
PK_BY_NAMESPACE = {
    "licences": "licence_a",
    "appointment_inbox": "appointment_a",
    "audit_log": "audit_a",
    "clinic_reviews": "review_a",
    "testimonials": "testimonial_a",
    "reviews_moderation": "report_a",
    "onboarding_admin": "application",
    "wagtailsnippets_onboarding_licencechange": "licence_change_a",
    "wagtailadmin_collections": "collection_a",
    "wagtailadmin_workflows": "workflow",
    "wagtailsites": "site",
    "wagtailusers_users": "users.manager_a",
    "wagtailusers_groups": "group_a",
    "wagtailadmin_api:pages": "practitioner_a",
    "wagtailadmin_api:images": "image_a",
    "wagtailadmin_api:documents": "document_a",
    "wagtailimages_chooser": "image_a",
    "wagtaildocs_chooser": "document_a",
    "wagtailadmin_pages": "practitioner_a",
    "": "licence_a",  # admin/licence-queue/<pk>/
}
REFERENCE_MODELS = {
    "scope_rules": "directory.ScopeRule",
    "jurisdictions": "directory.Jurisdiction",
    "professions": "directory.Profession",
    "techniques": "directory.Technique",
    "conditions": "directory.Condition",
    "languages": "directory.Language",
    "insurance_plans": "directory.InsurancePlan",
}


def _get(world, key):
    value = world
    for part in key.split("."):
        value = value[part]
    return value


def fill(pattern, world):
    """Keyword (or positional) arguments for `pattern`, pointing at real objects of clinic A."""
    from django.apps import apps

    ns = pattern.namespace
    pa, clinic_a = world["practitioner_a"], world["clinic_a"]
    page_wf, snippet_wf = world["page_workflow_state"], world["snippet_workflow_state"]
    workflow_state = snippet_wf if ns.startswith("wagtailsnippets_") else page_wf
    task_state = workflow_state.current_task_state
    if pattern.route in LITERAL_URLS:
        return {"#url": LITERAL_URLS[pattern.route]}
    if pattern.name == "wagtail_serve":
        return {"#0": clinic_a.url.lstrip("/")}
    if pattern.name == "wagtaildocs_serve":
        return {"#0": world["document_a"].pk, "#1": world["document_a"].filename}
    by_name = {
        "page_id": pa.pk,
        "parent_page_id": clinic_a.pk,
        "page_to_move_id": pa.pk,
        "destination_id": clinic_a.pk,
        "page_pk": clinic_a.pk,
        "workflow_pk": world["workflow"].pk,
        "content_type_app_name": "directory",
        "content_type_model_name": "practitionerpage",
        "image_id": world["image_a"].pk,
        "document_id": world["document_a"].pk,
        "doc_id": world["document_a"].pk,
        "collection_id": world["collection_a"].pk,
        "redirect_id": world["redirect"].pk,
        "filter_spec": "original",
        "action_name": "approve",
        "task_state_id": task_state.pk,
        "task_id": task_state.task_id,
        "workflow_state_id": workflow_state.pk,
        "review_id": world["review_a"].pk,
        "restriction_id": world["collection_restriction"].pk,
        "page_view_restriction_id": world["restriction_a"].pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "session_id": world["editing_session_a"].pk,
        "object_id": str(pa.pk),
    }
    if ns.startswith("wagtailsnippets_"):
        by_name["revision_id"] = world["licence_change_a"].latest_revision_id
    else:
        by_name["revision_id"] = pa.latest_revision_id
    if "uploaded_file_id" in pattern.args:
        kind = "image" if "image" in pattern.name else "document"
        by_name["uploaded_file_id"] = world[f"uploaded_{kind}_a"].pk
    if ns == "wagtailadmin_pages" and "workflow" in pattern.name:
        by_name["page_id"] = clinic_a.pk  # the listing review runs on the clinic page
    if pattern.name == "wagtailadmin_password_reset_confirm":
        by_name.update(world["password_reset"])
    if pattern.name == "reviews_moderation:decide":
        by_name.update(kind="review", pk=world["pending_review_a"].pk)
    if pattern.name == "onboarding:invitation":
        by_name["token"] = world["invitation_token"]
    if pattern.name == "reviews:confirm":
        by_name["token"] = world["confirm_token"]
    if ns == "wagtailadmin_workflows" and "task" in pattern.name:
        by_name.update(pk=world["task"].pk)
    if pattern.name in ("wagtailadmin_workflows:add_task",):
        by_name.update(app_label="onboarding", model_name="listingreviewtask")
    if pattern.name in ("wagtailadmin_pages:choose_parent",):
        by_name.update(app_label="directory", model_name="practitionerpage")
    if pattern.name == "wagtail_bulk_action":
        by_name.update(app_label="wagtailcore", model_name="page", action="delete")
    if pattern.name.startswith("wagtailadmin_tag"):
        by_name.update(app_name="taggit", model_name="tag")
    if pattern.name == "wagtailadmin_editing_sessions:ping":
        by_name.update(app_label="wagtailcore", model_name="page")
    if pattern.name.startswith("wagtailadmin_pages:revisions_compare"):
        by_name["pk"] = pa.pk
    if ns == "wagtailsettings":  # no settings model is registered: any name is a 404
        by_name.update(app_name="home", model_name="nosetting", pk=1)
    if ns in REFERENCE_MODELS:
        by_name["pk"] = apps.get_model(REFERENCE_MODELS[ns]).objects.order_by("pk").first().pk
    elif "pk" in pattern.args and "pk" not in by_name:
        key = PK_BY_NAMESPACE.get(ns, PK_BY_NAMESPACE.get(ns.partition(":")[0]))
        if key is None:
            raise Unfillable(f"{pattern}: no object known for pk in namespace {ns!r}")
        by_name["pk"] = _get(world, key).pk
    missing = [arg for arg in pattern.args if arg not in by_name]
    if missing:
        raise Unfillable(f"{pattern}: no value known for {', '.join(missing)}")
    return {arg: by_name[arg] for arg in pattern.args}


def query_for(pattern, world):
    """Query strings some views need to show anything (bulk actions name their objects)."""
    if pattern.name == "wagtail_bulk_action":
        return {"id": world["practitioner_a"].pk, "next": "/admin/"}
    if pattern.name == "wagtailadmin_api:pages:find":
        return {"id": world["practitioner_a"].pk}
    if pattern.name == "wagtailadmin_tag_model_autocomplete":
        return {"term": "a"}
    return {}


# Patterns without a name cannot be reversed; these addresses reach them.
LITERAL_URLS = {"admin/test404/": "/admin/test404/", "admin/^.*/$": "/admin/no-such-admin-page/"}


# Text that only clinic A's people (and moderators, administrators) may read: manager B
# must not meet any of it anywhere in the admin.
CLINIC_A_SECRETS = (
    "PT-ALPHA-SECRET",
    "Patient Alphasecret",
    "Alpha testimonial secret quote",
    "Alpha clinic response secret words",
    "PT-ALPHA-CHANGE",
)
