from django.urls import path

from corridor.grievances.web import office_views, public_views

app_name = "grievances"

urlpatterns = [
    path("", public_views.complaint_new, name="new"),
    path("sent/", public_views.complaint_sent, name="sent"),
    path("follow/", public_views.complaint_follow, name="follow"),
    path("office/", office_views.queue, name="office-queue"),
    path("office/<str:uuid>/", office_views.detail, name="office-detail"),
]
