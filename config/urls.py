from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.views import healthz
from onboarding import urls as onboarding_urls

handler500 = "home.views.server_error"

urlpatterns = [
    # Before Wagtail's admin: its workflow and history reports, scoped to what a manager may see.
    path("admin/reports/", include("onboarding.reports")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    path("reviews/", include("reviews.urls")),
    path("", include("search.urls")),
    path("", include(onboarding_urls)),
    path("appointments/", include("directory.urls")),
]

if settings.SERVE_MEDIA:
    from django.views.static import serve

    # Small deployments serve uploads from Django; larger ones put a web server or a CDN in front.
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]
