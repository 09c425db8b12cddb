"""Response headers Django does not set itself: Content-Security-Policy and Permissions-Policy.

Django 5.2 has no built-in CSP, so this small middleware adds one of two policies:
- the public site: scripts and styles only from our own origin, images also from
  OpenStreetMap's tile server (Leaflet maps), nothing may frame us. The schema.org
  <script type="application/ld+json"> blocks and the map's <script type="application/json">
  data are data blocks that browsers never execute, so script-src does not apply to them
  and they need no 'unsafe-inline'.
- the Wagtail admin (/admin/), whose pages carry inline scripts and styles, and whose
  previews are framed by the admin itself: 'unsafe-inline' for both and framing by our own
  origin (with X-Frame-Options SAMEORIGIN instead of the site-wide DENY).
HSTS, nosniff, Referrer-Policy and X-Frame-Options come from Django's SecurityMiddleware and
XFrameOptionsMiddleware (settings.py); this middleware sits after the latter, so it answers first.
"""

from django.conf import settings

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https://tile.openstreetmap.org"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), interest-cohort=(), geolocation=(self)"


def serialise(policy):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


PUBLIC_HEADER = serialise(PUBLIC_POLICY)
ADMIN_HEADER = serialise(ADMIN_POLICY)


def is_admin_path(path):
    return path.startswith("/admin/")


class SecurityHeadersMiddleware:
    """Adds CSP and Permissions-Policy to every response that has not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"

    def __call__(self, request):
        response = self.get_response(request)
        admin = is_admin_path(request.path)
        response.headers.setdefault(self.header, ADMIN_HEADER if admin else PUBLIC_HEADER)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if admin and response.headers.get("X-Frame-Options") is None:
            response.headers["X-Frame-Options"] = "SAMEORIGIN"  # Wagtail's live preview frames the admin
        return response
