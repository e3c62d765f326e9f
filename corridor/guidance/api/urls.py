from django.urls import path

from corridor.guidance.api import views

app_name = "guidance-api"

urlpatterns = [
    path("stay-check/", views.StayCheckApi.as_view(), name="stay-check"),
    path("rules/", views.RuleListApi.as_view(), name="rule-list"),
    path("rules/<str:citizenship>/<str:destination>/", views.RuleDetailApi.as_view(), name="rule-detail"),
    path(
        "rules/<str:citizenship>/<str:destination>/history/",
        views.RuleHistoryApi.as_view(),
        name="rule-history",
    ),
]
