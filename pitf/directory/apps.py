"""The directory as a feature of the core: agencies, bodies, memberships and designations, their
history, and the secretariat's and representatives' pages that change them (under /manage/)."""

from pitf.features import FeatureConfig, MyPageLink, NavLink


class DirectoryConfig(FeatureConfig):
    name = "pitf.directory"
    label = "pitf_directory"
    verbose_name = "Directory"
    url_prefix = "manage/"
    navigation = (
        NavLink("directory:agency-list", "Agencies", menu="Directory", position=10),
        NavLink("directory:body-list", "Bodies", menu="Directory", position=10),
        NavLink("directory:membership-history", "Membership history", "Directory", 10),
        NavLink("directory:designation-history", "Designation history", "Directory", 10),
    )
    my_page_links = (
        MyPageLink(
            "directory:agency-list", "Agencies", "Member and invited agencies and their officials."
        ),
        MyPageLink(
            "directory:body-list", "Bodies", "The task force, the SPOG, its committees and groups."
        ),
        MyPageLink(
            "directory:membership-history",
            "Membership history",
            "Which agencies were members when.",
        ),
        MyPageLink(
            "directory:designation-history",
            "Designation history",
            "Who represented which agency when.",
        ),
    )
