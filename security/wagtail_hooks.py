"""The two-factor pages in the admin, and a menu link to them."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from security import views

urlpatterns = [
    path("", views.enrol, name="enrol"),
    path("verify/", views.verify, name="verify"),
]


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("two-factor/", include((urlpatterns, "security_two_factor")))]


@hooks.register("register_admin_menu_item")
def two_factor_menu_item():
    return MenuItem("Two-factor authentication", reverse("security_two_factor:enrol"), icon_name="key", order=10000)
