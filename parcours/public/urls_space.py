from django.urls import path

from parcours.public.views import space

app_name = "space"
urlpatterns = [
    path("", space.enter, name="enter"),
    path("code/", space.code, name="code"),
    path("mine/", space.home, name="home"),
    path(
        "appointments/<int:appointment_id>/manage/",
        space.manage_appointment,
        name="manage_appointment",
    ),
    path("agreement/<int:version>/pdf/", space.agreement_document, name="agreement_pdf"),
    path(
        "certificate/<int:certificate_id>/pdf/",
        space.certificate_document,
        name="certificate_pdf",
    ),
    path("my-data.json", space.data_json, name="data_json"),
    path("my-data.pdf", space.data_pdf, name="data_pdf"),
    path("privacy/", space.privacy_read, name="privacy_read"),
    path("leave/", space.leave, name="leave"),
]
