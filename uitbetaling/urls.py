from django.urls import path

from uitbetaling import views

app_name = "uitbetaling"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("opdracht/<int:pk>/uitgevoerd/", views.uitgevoerd, name="uitgevoerd"),
]
