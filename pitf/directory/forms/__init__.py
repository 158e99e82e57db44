"""Forms of the directory pages: agencies, bodies, memberships, designations, the list filters
and the history questions. Forms parse input; the services decide what is allowed."""

from pitf.directory.forms.agencies import AgencyEditForm, AgencyFilterForm, AgencyForm
from pitf.directory.forms.bodies import BodyCreateForm, BodyEditForm, BodyFieldsForm
from pitf.directory.forms.designations import (
    DesignationEndForm,
    DesignationForm,
    HandoverForm,
    StaffSelect,
)
from pitf.directory.forms.history import DesignationHistoryForm, MembershipHistoryForm
from pitf.directory.forms.memberships import (
    MembershipEndForm,
    MembershipJoinForm,
    MembershipStatusForm,
)
from pitf.directory.forms.offices import OfficeAppointForm, OfficeEndForm

__all__ = [
    "AgencyEditForm",
    "AgencyFilterForm",
    "AgencyForm",
    "BodyCreateForm",
    "BodyEditForm",
    "BodyFieldsForm",
    "DesignationEndForm",
    "DesignationForm",
    "DesignationHistoryForm",
    "HandoverForm",
    "MembershipEndForm",
    "MembershipHistoryForm",
    "MembershipJoinForm",
    "MembershipStatusForm",
    "OfficeAppointForm",
    "OfficeEndForm",
    "StaffSelect",
]
