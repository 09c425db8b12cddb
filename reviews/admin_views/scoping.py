"""The scoping every clinic-side admin view shares, as directory.admin_views does for licences."""

from django.http import Http404


class ScopedMixin:
    """Objects come from the policy's per-user queryset; anything else is a 404, not a form."""

    policy = None
    scope_actions = ["view"]

    def get_base_queryset(self):
        return self.policy.instances_user_has_any_permission_for(self.request.user, self.scope_actions)

    def get_queryset(self):
        return self.get_base_queryset()

    def get_object(self, *args, **kwargs):
        pk = self.kwargs.get("pk")
        obj = self.get_base_queryset().filter(pk=pk).first()
        if obj is None:
            raise Http404("Not found.")
        return obj
