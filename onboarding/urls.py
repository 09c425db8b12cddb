from django.urls import path

from onboarding.views import public

app_name = "onboarding"

urlpatterns = [
    path("list-your-clinic/", public.apply, name="apply"),
    path("list-your-clinic/thank-you/", public.applied, name="applied"),
    path("invitation/<str:token>/", public.invitation, name="invitation"),
]
