"""factory_boy factories of the core models."""

import datetime

import factory

from pitf.models import Agency, Body, BodyRole, Designation, Membership, User


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Test Agency {n}")
    acronym = factory.Sequence(lambda n: f"TA{n}")
    kind = Agency.Kind.INDEPENDENT_AGENCY
    website = factory.LazyAttribute(lambda a: f"https://{a.acronym.lower()}.example.gov")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Test Working Group {n}")
    short_name = factory.Sequence(lambda n: f"wg-{n}")
    kind = Body.Kind.WORKING_GROUP
    cadence = Body.Cadence.AS_SET
    established = datetime.date(2012, 1, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    agency = factory.SubFactory(AgencyFactory)
    body = factory.SubFactory(BodyFactory)
    status = Membership.Status.MEMBER
    start_date = datetime.date(2012, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@agency.example.gov")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Every account has a second factor (TOTP) unless made with totp=False; the secret is
        kept on the instance as `totp_secret` so tests can compute codes with pyotp."""
        self.totp_secret = None
        if create and extracted is not False:
            self.totp_secret = enrol_totp(self)


def enrol_totp(user) -> str:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Designation

    person = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("person.agency")
    body = factory.SubFactory(BodyFactory)
    role = Designation.Role.PRINCIPAL
    start_date = datetime.date(2012, 1, 1)


class BodyRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyRole

    person = factory.SubFactory(UserFactory)
    body = factory.SubFactory(BodyFactory)
    role = BodyRole.Role.CHAIRS_OFFICE
    start_date = datetime.date(2012, 1, 1)
