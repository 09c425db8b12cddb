"""The bench server's URLconf: the site's own, plus /bench/floor, a view that does nothing.

The floor is what Django, the middleware and gunicorn cost for one request on this
machine: search and page throughput are reported as a fraction of it. Selected only by
bench/settings.py (bench/load.sh); production's config.urls has no such URL.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor", floor), *site_urlpatterns]
