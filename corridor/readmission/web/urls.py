from django.urls import path

from corridor.readmission.web import views

app_name = "readmission"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("agreements/", views.agreements, name="agreements"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("verify/<str:state>/<str:token>/", views.verify, name="verify"),
    path("<str:reference>/", views.case_detail, name="case"),
    path("<str:reference>/act/", views.case_act, name="act"),
    path("<str:reference>/screen/", views.case_screen, name="screen"),
    path("<str:reference>/evidence/", views.case_evidence, name="evidence"),
    path("<str:reference>/verify-person/", views.case_verify, name="verify-person"),
    path("<str:reference>/consent/", views.case_consent, name="consent"),
    path(
        "<str:reference>/travel-document/<str:number>.pdf", views.travel_document_pdf, name="travel-document"
    ),
]
