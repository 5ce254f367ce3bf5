from django.urls import path

from uitbetaling import views

app_name = "uitbetaling"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("opdracht/<int:pk>/uitgevoerd/", views.uitgevoerd, name="uitgevoerd"),
    path("batch/<int:pk>/pain001.xml", views.batch_download, name="batch-download"),
    path("opdracht/<int:pk>/geweigerd/", views.geweigerd, name="geweigerd"),
    path("afschrift/", views.afschrift, name="afschrift"),
    path("leningen.csv", views.leningen_export, name="leningen-export"),
    path("batch/<int:pk>/uitgevoerd/", views.batch_uitgevoerd, name="batch-uitgevoerd"),
    path("batch/<int:pk>/geweigerd/", views.batch_geweigerd, name="batch-geweigerd"),
]
