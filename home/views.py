"""Operational endpoints, and what the site answers when its database is down."""

import logging
import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("home")
RETRY_AFTER_SECONDS = 30
# Raised when the database cannot be reached or drops the connection (psycopg and sqlite
# both map those to these two); integrity, data and programming errors stay 500s.
DATABASE_DOWN = (OperationalError, InterfaceError)


@never_cache
@require_GET
def healthz(request):
    """For container health checks: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """handler500: a database outage is a 503 saying "try again shortly", not a 500.

    Django calls this for every uncaught exception (views and middleware alike), inside
    the exception's context, after logging it. Pages get a template that needs no
    database; /api/ gets JSON. Any other error keeps its 500.
    """
    error = sys.exc_info()[1]
    down = isinstance(error, DATABASE_DOWN)
    status = 503 if down else 500
    if request.path.startswith("/api/"):
        message = "The service is temporarily unavailable; try again shortly." if down else "Server error."
        response = JsonResponse({"errors": {"__all__": [message]}, "status": status}, status=status)
    else:
        try:
            body = loader.render_to_string("503.html" if down else "500.html")
        except Exception:  # noqa: BLE001 - the error page itself must never fail
            logger.exception("Could not render the error page")
            body = "<h1>InScope is temporarily unavailable</h1><p>Please try again in a minute.</p>"
        response = HttpResponseServerError(body, status=status)
    if down:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
