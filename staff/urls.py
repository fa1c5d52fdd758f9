from django.urls import path, re_path

from staff import views

app_name = "staff"
REF = r"(?P<reference>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("questionnaire.fhir.json", views.export_questionnaire, name="questionnaire"),
    path("consultations/new/", views.intake, name="intake"),
    path("tablet/", views.tablet_handover, name="tablet-handover"),
    re_path(rf"^consultations/{REF}/$", views.detail, name="detail"),
    re_path(rf"^consultations/{REF}/notes/$", views.note_add, name="note-add"),
    re_path(rf"^consultations/{REF}/status/$", views.status_change, name="status"),
    re_path(rf"^consultations/{REF}/assign/$", views.assign, name="assign"),
    re_path(rf"^consultations/{REF}/plan/$", views.plan_agree, name="plan"),
    re_path(rf"^consultations/{REF}/print/$", views.print_view, name="print"),
    re_path(rf"^consultations/{REF}/fhir.json$", views.export_fhir, name="fhir"),
]
