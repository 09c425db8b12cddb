"""What every onboarding admin view shares: Wagtail's admin page frame and role checks."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.permissions import clinics_managed_by
from directory.roles import is_moderator


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    """A page in Wagtail's admin; subclasses say who may see it in `allowed`."""

    def allowed(self, user):
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ModeratorPage(AdminPage):
    def allowed(self, user):
        return is_moderator(user)


class ManagerPage(AdminPage):
    """For members of a clinic's team (superusers may help any clinic)."""

    def allowed(self, user):
        return user.is_superuser or (not is_moderator(user) and clinics_managed_by(user).exists())

    def managed_clinics(self):
        return clinics_managed_by(self.request.user).order_by("title")
