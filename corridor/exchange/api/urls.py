from django.urls import path

from corridor.exchange.api import views

app_name = "exchange-api"

urlpatterns = [
    path("messages/", views.MessageListApi.as_view(), name="list"),
    path("messages/<uuid:uuid>/", views.MessageDetailApi.as_view(), name="detail"),
    path("messages/<uuid:uuid>/reply/", views.MessageReplyApi.as_view(), name="reply"),
    path("messages/<uuid:uuid>/acknowledge/", views.MessageAcknowledgeApi.as_view(), name="acknowledge"),
    path("messages/<uuid:uuid>/withdraw/", views.MessageWithdrawApi.as_view(), name="withdraw"),
    path("purposes/", views.PurposeListApi.as_view(), name="purposes"),
]
