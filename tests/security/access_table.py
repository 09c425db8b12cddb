"""The reviewed table of who may reach what: the permission matrix's expectations.

Each admin URL is expected by the rule for its full name, else for its namespace, else for
the part of its namespace before the first colon; a URL none of them names fails the matrix
("not in the access table"), so whoever adds a view decides who may use it here, in review.

Outcomes, for (manager of clinic A, manager of clinic B, moderator); anonymous visitors are
always refused the admin and superusers always allowed unless a row says otherwise:
  A  allowed
  R  refused (tests.assertions.assert_refused), for GET and for POST
  G  may open (GET) but not act: a POST is refused
Every object in a URL belongs to clinic A (tests/security/urlmap.py), so manager B's column
is "another clinic's object".
"""

SUPERUSER_ONLY = "RRR"
ANY_ADMIN = "AAA"  # views every admin user may open; they list only what the user may see
MANAGERS = "AAR"  # managers' own lists and forms; moderators judge, they do not keep listings
CLINIC_A = "ARR"  # one of clinic A's objects
MODERATORS = "RRA"
LICENCE = "ARA"  # a licence: its clinic's managers and moderators see it, moderators verify it

ADMIN_ACCESS = {
    # Wagtail's own: dashboard, account, choosers and helpers that show only permitted objects.
    "wagtailadmin_home": ANY_ADMIN,
    "wagtailadmin_account": ANY_ADMIN,
    "wagtailadmin_dismissibles": ANY_ADMIN,
    "wagtailadmin_choose_page": ANY_ADMIN,
    "wagtailadmin_choose_page_child": ANY_ADMIN,
    "wagtailadmin_choose_page_search": ANY_ADMIN,
    "wagtailadmin_choose_page_chosen_multiple": ANY_ADMIN,
    "wagtailadmin_choose_page_external_link": ANY_ADMIN,
    "wagtailadmin_choose_page_email_link": ANY_ADMIN,
    "wagtailadmin_choose_page_phone_link": ANY_ADMIN,
    "wagtailadmin_choose_page_anchor_link": ANY_ADMIN,
    "wagtailadmin_tag_autocomplete": ANY_ADMIN,
    "wagtailadmin_tag_model_autocomplete": ANY_ADMIN,
    "wagtailembeds": ANY_ADMIN,
    "wagtailadmin_api:pages:listing": ANY_ADMIN,
    "wagtailadmin_api:images:listing": ANY_ADMIN,
    "wagtailadmin_api:documents:listing": ANY_ADMIN,
    "wagtailadmin_api:pages:detail": "ARR",
    "wagtailadmin_api:pages:find": "ARR",
    "wagtailadmin_reports:site_history": ANY_ADMIN,
    "wagtailadmin_reports:site_history_results": ANY_ADMIN,
    "wagtail_bulk_action": "GGG",  # lists the chosen pages; acting checks each page's permissions
    # Releasing an editing session deletes only the caller's own (filtered by user and session).
    "wagtailadmin_editing_sessions:release": ANY_ADMIN,
    "wagtailadmin_editing_sessions:ping": CLINIC_A,
    # The task chooser serves the workflow editor; listing tasks reveals nothing about clinics.
    "wagtailadmin_workflows:task_chooser": ANY_ADMIN,
    "wagtailadmin_workflows:task_chooser_results": ANY_ADMIN,
    "wagtailadmin_workflows:task_chosen": ANY_ADMIN,
    # Wagtail's chooser offers a "new task" tab to every admin user; no menu leads there.
    "wagtailadmin_workflows:task_chooser_create": ANY_ADMIN,
    # Superusers only: site structure, users and groups, workflows, redirects, reference data.
    "wagtailadmin_collections": SUPERUSER_ONLY,
    "wagtailadmin_workflows": SUPERUSER_ONLY,
    "wagtailredirects": SUPERUSER_ONLY,
    "wagtailsites": SUPERUSER_ONLY,
    "wagtailusers_users": SUPERUSER_ONLY,
    "wagtailusers_groups": SUPERUSER_ONLY,
    "wagtailadmin_reports:locked_pages": SUPERUSER_ONLY,
    "wagtailadmin_reports:locked_pages_results": SUPERUSER_ONLY,
    "scope_rules": SUPERUSER_ONLY,
    "jurisdictions": SUPERUSER_ONLY,
    "professions": SUPERUSER_ONLY,
    "techniques": SUPERUSER_ONLY,
    "conditions": SUPERUSER_ONLY,
    "languages": SUPERUSER_ONLY,
    "insurance_plans": SUPERUSER_ONLY,
    # Page reports list only pages the user may edit.
    "wagtailadmin_reports": MANAGERS,
    # The same reports with other clinics' licence changes left out (onboarding/reports.py).
    "scoped_reports": MANAGERS,
    "scoped_reports:site_history": ANY_ADMIN,
    "scoped_reports:site_history_results": ANY_ADMIN,
    "wagtailforms:index": MANAGERS,
    "wagtailforms:index_results": MANAGERS,
    # Pages: managers reach their own clinic's subtree; moderators review in preview only.
    "wagtailadmin_explore_root": MANAGERS,
    # Browsing the tree shows page titles, which are public; every action on a page is checked.
    "wagtailadmin_explore": MANAGERS,
    "wagtailadmin_explore_results": MANAGERS,
    "wagtailadmin_pages": CLINIC_A,
    "wagtailadmin_pages:search": MANAGERS,
    "wagtailadmin_pages:search_results": MANAGERS,
    "wagtailadmin_pages:type_use": MANAGERS,
    "wagtailadmin_pages:type_use_results": MANAGERS,
    "wagtailadmin_pages:choose_parent": ANY_ADMIN,  # lists only the parents the user may add under
    "wagtailadmin_pages:add_subpage": CLINIC_A,
    "wagtailadmin_pages:move_confirm": "AGG",  # Wagtail shows the titles; the move itself is refused
    "wagtailadmin_pages:revisions_index": ANY_ADMIN,  # only redirects to the history view, which checks
    "wagtailadmin_pages:lock": SUPERUSER_ONLY,  # managers hold no lock permission
    "wagtailadmin_pages:unlock": SUPERUSER_ONLY,
    # The listing review: the clinic's managers submitted it, moderators decide it.
    "wagtailadmin_pages:workflow_action": "RRA",
    "wagtailadmin_pages:collect_workflow_action_data": "RRA",
    # Renders the "cancel the workflow?" dialog only; cancelling is the edit view's, which checks.
    "wagtailadmin_pages:confirm_workflow_cancellation": ANY_ADMIN,
    "wagtailadmin_pages:workflow_preview": "RRA",
    "wagtailadmin_pages:workflow_history": CLINIC_A,
    "wagtailadmin_pages:workflow_history_detail": CLINIC_A,
    # Images and documents: each clinic's own collection.
    "wagtailimages": CLINIC_A,
    "wagtaildocs": CLINIC_A,
    "wagtailimages:index": MANAGERS,
    "wagtailimages:index_results": MANAGERS,
    "wagtailimages:add": MANAGERS,
    "wagtailimages:add_multiple": MANAGERS,
    "wagtaildocs:index": MANAGERS,
    "wagtaildocs:index_results": MANAGERS,
    "wagtaildocs:add": MANAGERS,
    "wagtaildocs:add_multiple": MANAGERS,
    "wagtailimages_chooser": CLINIC_A,
    "wagtaildocs_chooser": CLINIC_A,
    "wagtailimages_chooser:choose": ANY_ADMIN,
    "wagtailimages_chooser:choose_results": ANY_ADMIN,
    "wagtailimages_chooser:chosen_multiple": ANY_ADMIN,
    "wagtailimages_chooser:create": MANAGERS,
    "wagtaildocs_chooser:choose": ANY_ADMIN,
    "wagtaildocs_chooser:choose_results": ANY_ADMIN,
    "wagtaildocs_chooser:chosen_multiple": ANY_ADMIN,
    "wagtaildocs_chooser:create": MANAGERS,
    # Directory: licences, appointment inboxes.
    "licences": SUPERUSER_ONLY,  # managers propose changes (below); nobody edits a licence here but admins
    "licences:index": ANY_ADMIN,
    "licences:index_results": ANY_ADMIN,
    "licences:inspect": LICENCE,
    "licences:verify": MODERATORS,
    "appointment_inbox": CLINIC_A,
    "appointment_inbox:index": MANAGERS,
    "appointment_inbox:index_results": MANAGERS,
    # Licence changes (snippets): proposed by the clinic's managers, decided by moderators.
    "wagtailsnippets_onboarding_licencechange": CLINIC_A,
    "wagtailsnippets_onboarding_licencechange:list": ANY_ADMIN,
    "wagtailsnippets_onboarding_licencechange:list_results": ANY_ADMIN,
    "wagtailsnippets_onboarding_licencechange:add": MANAGERS,
    "wagtailsnippets_onboarding_licencechange:preview_on_add": MANAGERS,
    "wagtailsnippets_onboarding_licencechange:inspect": LICENCE,
    "wagtailsnippets_onboarding_licencechange:confirm_workflow_cancellation": LICENCE,
    "wagtailsnippets_onboarding_licencechange:workflow_action": MODERATORS,
    "wagtailsnippets_onboarding_licencechange:collect_workflow_action_data": MODERATORS,
    "wagtailsnippets_onboarding_licencechange:workflow_preview": MODERATORS,
    "wagtailsnippets_onboarding_licencechange:revisions_unschedule": SUPERUSER_ONLY,
    "wagtailsnippets_onboarding_licencechange:unpublish": SUPERUSER_ONLY,
    # Reviews: the moderators' queue and audit log; a clinic's own reviews and testimonials.
    "reviews_moderation": MODERATORS,
    "reviews_licence_queue": MODERATORS,
    "reviews_licence_verify": MODERATORS,
    "audit_log": MODERATORS,
    "clinic_reviews": CLINIC_A,
    "clinic_reviews:index": MANAGERS,
    "clinic_reviews:index_results": MANAGERS,
    "testimonials": CLINIC_A,
    "testimonials:index": MANAGERS,
    "testimonials:index_results": MANAGERS,
    "testimonials:add": MANAGERS,
    # Onboarding: applications are the moderators'; team and affiliations each clinic's own.
    "onboarding_admin:applications": MODERATORS,
    "onboarding_admin:application": MODERATORS,
    "onboarding_admin:team": MANAGERS,
    "onboarding_admin:affiliations": MANAGERS,
    "onboarding_admin:request_affiliation": MANAGERS,
    # Two-factor authentication: every admin user manages their own devices.
    "security_two_factor": ANY_ADMIN,
}

# Full five-role rows (anonymous, manager A, manager B, moderator, superuser), with the reason.
EXCEPTIONS = {
    "wagtailadmin_logout": ("RRRRR", "POST only; signing out is 'refused' here because it redirects to the login"),
    "wagtailadmin_password_reset": ("AAAAA", "public: asking for a reset e-mail reveals nothing"),
    "wagtailadmin_password_reset_done": ("AAAAA", "public confirmation page"),
    "wagtailadmin_password_reset_complete": ("AAAAA", "public confirmation page"),
    "wagtailadmin_password_reset_confirm": ("AAAAA", "public, guarded by the e-mailed token"),
    "wagtailadmin_javascript_catalog": ("AAAAA", "public translations for the admin's scripts"),
    "wagtailadmin_sprite": ("AAAAA", "public icon sprite"),
    "wagtailadmin_error_test": ("REEEE", "Wagtail's 'failwhale' raises on purpose to test error reporting"),
    "admin/test404/": ("RAAAA", "Wagtail's test 404 page (a template, no data)"),
    "admin/^.*/$": ("RRRRR", "catch-all: unknown admin addresses are 404 (anonymous: to the login)"),
    "wagtailadmin_snippets": ("RRRRR", "unused: no snippet models other than licence changes; redirects"),
    "wagtailsnippets:index": ("RRRRR", "the snippets index: superusers are redirected to the one snippet model"),
    "wagtailadmin_pages:convert_alias": ("RRRRR", "404 unless the page is an alias; the site makes no aliases"),
    "wagtailadmin_block_preview": ("RRRRR", "404 without a block named in the query string"),
    "wagtailadmin_api:pages:action": ("RRRRR", "POST only, and only with a JSON body naming the action"),
    "wagtailadmin_api:images:detail": ("RRRRR", "the admin API serves listings only here (404)"),
    "wagtailadmin_api:images:find": ("RRRRR", "needs a query; 404 otherwise"),
    "wagtailadmin_api:documents:detail": ("RRRRR", "the admin API serves listings only here (404)"),
    "wagtailadmin_api:documents:find": ("RRRRR", "needs a query; 404 otherwise"),
    "wagtailimages:url_generator": ("RRRRR", "404: the site mounts no dynamic image serve view"),
    "wagtailimages:url_generator_output": ("RRRRR", "404: the site mounts no dynamic image serve view"),
    "wagtailforms:list_submissions": ("RRRRR", "404: the site has no form pages"),
    "wagtailforms:list_submissions_results": ("RRRRR", "404: the site has no form pages"),
    "wagtailforms:delete_submissions": ("RRRRR", "the site has no form pages"),
    "wagtailsettings:edit": ("RRRRR", "no site settings models are registered (404)"),
    "wagtailsettings:preview_on_edit": ("RRRRR", "no site settings models are registered (404)"),
    "wagtailadmin_workflows:remove": ("RRRRA", "superusers only (POST)"),
    "wagtailredirects:process_import": ("RRRRE", "Wagtail fails without an import in progress (upstream)"),
    "wagtailadmin_login": ("A----", "the login itself: tests/security/test_login_lockout.py"),
    "appointment_inbox:add": ("RRRRR", "nobody adds a request in the admin: patients send them"),
    "wagtaildocs:create_multiple_from_uploaded_document": (
        "RERRR",
        "only the uploader may finish an upload (superusers too are refused); Wagtail fails on an empty POST",
    ),
    "wagtailimages:create_multiple_from_uploaded_image": ("RARRR", "only the uploader may finish an upload"),
    "wagtailimages:delete_upload_multiple": ("RARRR", "only the uploader may discard an upload"),
    "wagtaildocs:delete_upload_multiple": ("RARRR", "only the uploader may discard an upload"),
}

# Public URLs: every role may use them. "write" ones take a POST from anyone; they are listed
# so that a new public write endpoint is a decision, not an accident.
PUBLIC = {
    "wagtail_serve": "read",
    "wagtaildocs_serve": "read",
    "sitemap": "read",
    "healthz": "read",
    "search": "read",
    "api_search": "read",
    "api_autocomplete": "read",
    "api_openapi": "read",
    "reviews:policy": "read",
    "reviews:sent": "read",
    "onboarding:applied": "read",
    "appointment_sent": "read",
    "wagtailcore_login": "read",  # Wagtail's login for private pages (none exist)
    "appointment_request": "write",
    "reviews:write": "write",
    "reviews:confirm": "write",
    "reviews:report": "write",
    "reviews:helpful": "write",
    "onboarding:apply": "write",
    "onboarding:invitation": "write",
    "wagtailcore_authenticate_with_password": "write",
    "wagtaildocs_authenticate_with_password": "write",
}


def expected(pattern):
    """The five expected outcomes for `pattern`, or None when the table does not name it."""
    for key in (pattern.route, pattern.name):
        if key in EXCEPTIONS:
            return EXCEPTIONS[key][0]
    if pattern.name in PUBLIC:
        return "AAAAA"
    if not pattern.is_admin:
        return None
    name, candidates = pattern.name, [pattern.name]
    while ":" in name:
        name = name.rpartition(":")[0]
        candidates.append(name)
    for key in candidates:
        if key in ADMIN_ACCESS:
            return "R" + ADMIN_ACCESS[key] + "A"
    return None


# Known findings, not yet fixed; none at present. Wagtail's workflow and site-history reports
# listed every clinic's licence-change proposals to any manager until onboarding/reports.py
# scoped them. The matrix asserts exactly these leaks, so a fix (or a new leak) fails here first.
KNOWN_LEAKS = {}
