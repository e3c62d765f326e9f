from django.urls import path

from corridor.exchange.web import views

app_name = "exchange"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("outbox/", views.outbox, name="outbox"),
    path("new/", views.compose, name="compose"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/reply/", views.reply, name="reply"),
    path("<uuid:uuid>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<uuid:uuid>/withdraw/", views.withdraw, name="withdraw"),
]
