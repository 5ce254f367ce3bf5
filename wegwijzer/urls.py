from django.urls import path

from wegwijzer import views

app_name = "wegwijzer"

urlpatterns = [
    path("", views.start, name="start"),
    path("check/", views.check, name="check"),
    path("andere-gemeente/", views.andere_gemeente, name="andere-gemeente"),
]
