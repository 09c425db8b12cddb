from django.urls import path

from directory import views

urlpatterns = [
    path("<int:page_id>/", views.appointment_request, name="appointment_request"),
    path("<int:page_id>/sent/", views.appointment_sent, name="appointment_sent"),
]
