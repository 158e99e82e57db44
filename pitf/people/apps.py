"""People management as a feature of the core: invitations, accounts, offices in bodies and the
audit log (under /people/)."""

from pitf.features import FeatureConfig, MyPageLink, NavLink


class PeopleConfig(FeatureConfig):
    name = "pitf.people"
    label = "pitf_people"
    verbose_name = "People"
    url_prefix = "people/"
    navigation = (
        NavLink("people:user-list", "People", menu="Manage", position=20),
        NavLink("people:invitation-create", "Invite someone", menu="Manage", position=20),
        NavLink("people:audit-log", "Audit log", menu="Manage", position=20),
    )
    my_page_links = (
        MyPageLink(
            "people:user-list",
            "People",
            "The accounts you manage: invite, deactivate, reactivate.",
            position=10,
        ),
        MyPageLink(
            "people:invitation-create",
            "Invite someone",
            "Accounts are made by invitation only.",
            position=10,
        ),
        MyPageLink(
            "people:audit-log",
            "Audit log",
            "Every change and sign-in, with who, when and from where.",
            position=10,
        ),
    )
