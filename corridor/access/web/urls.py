from django.urls import path

from corridor.access.web import views

app_name = "access"

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/new/", views.agreement_create, name="agreement-create"),
    path("agreements/<uuid:uuid>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<uuid:uuid>/<str:status>/", views.agreement_status, name="agreement-status"),
    path("break-glass/", views.break_glass_list, name="break-glass-list"),
    path("break-glass/<uuid:uuid>/close/", views.break_glass_close, name="break-glass-close"),
    path("break-glass/<uuid:uuid>/review/", views.break_glass_review, name="break-glass-review"),
]
