from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("write/<int:page_id>/", views.write_review, name="write"),
    path("write/<int:page_id>/sent/", views.review_sent, name="sent"),
    path("confirm/<str:token>/", views.confirm_review, name="confirm"),
    path("<int:review_id>/report/", views.report_review, name="report"),
    path("<int:review_id>/helpful/", views.helpful, name="helpful"),
    path("policy/", views.policy, name="policy"),
]
