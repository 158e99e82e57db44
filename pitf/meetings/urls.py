from django.urls import path

from pitf.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.my_meetings, name="my-meetings"),
    path("month/", views.my_meetings_month, name="month"),
    path("month/<int:year>/<int:month>/", views.my_meetings_month, name="month-of"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("bodies/<int:pk>/", views.body_meetings, name="body-meetings"),
    path("bodies/<int:pk>/new/", views.meeting_schedule, name="schedule"),
    path("bodies/<int:pk>/actions/", views.body_actions, name="body-actions"),
    path("bodies/<int:pk>/actions.csv", views.body_actions_csv, name="body-actions-csv"),
    path("actions/", views.my_actions, name="my-actions"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("bodies/<int:pk>/plan/", views.year_plan_start, name="plan-start"),
    path("bodies/<int:pk>/plan/<int:fiscal_year>/", views.year_plan, name="plan"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/answer/", views.meeting_answer, name="answer"),
    path("answer/<str:token>/", views.meeting_rsvp, name="rsvp"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/reschedule/", views.meeting_reschedule, name="reschedule"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/remind/", views.meeting_remind, name="remind"),
    path("<int:pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("<int:pk>/agenda/", views.meeting_agenda, name="agenda"),
    path("<int:pk>/agenda/add/", views.agenda_item_add, name="agenda-item-add"),
    path("<int:pk>/agenda/propose/", views.agenda_item_propose, name="agenda-item-propose"),
    path("<int:pk>/agenda/publish/", views.agenda_publish, name="agenda-publish"),
    path("<int:pk>/agenda/<int:item_pk>/", views.agenda_item_edit, name="agenda-item-edit"),
    path("<int:pk>/agenda/<int:item_pk>/move/", views.agenda_item_move, name="agenda-item-move"),
    path(
        "<int:pk>/agenda/<int:item_pk>/decide/", views.agenda_item_decide, name="agenda-item-decide"
    ),
    path("<int:pk>/outcomes/", views.meeting_outcomes, name="outcomes"),
    path("<int:pk>/outcomes/decisions/add/", views.decision_add, name="decision-add"),
    path("<int:pk>/outcomes/actions/add/", views.action_add, name="action-add"),
    path(
        "<int:pk>/outcomes/carry/<int:item_pk>/",
        views.agenda_item_carry,
        name="agenda-item-carry",
    ),
    path("<int:pk>/documents/", views.meeting_documents, name="documents"),
    path("<int:pk>/documents/add/", views.document_add, name="document-add"),
    path(
        "<int:pk>/documents/<int:document_pk>/versions/add/",
        views.document_version_add,
        name="document-version-add",
    ),
    path(
        "<int:pk>/documents/<int:document_pk>/versions/<int:number>/",
        views.document_download,
        name="document-download",
    ),
    path("<int:pk>/notices/<int:notice_pk>/resend/", views.notice_resend, name="notice-resend"),
    path("calendar/", views.calendar_feed, name="feed"),
    path("calendar/<str:token>.ics", views.calendar_feed_ics, name="feed-ics"),
    path("<int:pk>/invitees/add/", views.invitee_add, name="invitee-add"),
    path("<int:pk>/invitees/<int:invitee_pk>/remove/", views.invitee_remove, name="invitee-remove"),
]
