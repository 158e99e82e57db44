"""A kind of document the circulation tests circulate: a body (the SPOG itself), registered as
grants registers its documents, so the core's circulation is tested without grants' models: to
the SPOG's member agencies unless the owner chooses, overseen by the Grantmaking Committee's
offices, written to each agency's representatives and its grant contacts."""

from grants.circulated import GRANT_CONTACTS, GRANTMAKING, SPOG
from pitf.circulation.kinds import DocumentKind
from pitf.features import FeatureConfig


class CirculatedBodyConfig(FeatureConfig):
    name = "tests.circulated"
    label = "circulated"
    circulated_documents = (
        DocumentKind(
            model="pitf.body", default_body=SPOG, overseers=GRANTMAKING, contacts=GRANT_CONTACTS
        ),
    )
