from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search", views.api_search, name="api_search"),
    path("api/autocomplete", views.api_autocomplete, name="api_autocomplete"),
    path("api/openapi.json", views.openapi, name="api_openapi"),
]
