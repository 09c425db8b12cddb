"""How a clinic joins and who runs it: applications, invitations, affiliations, reviewed changes."""

from onboarding.models.affiliations import Affiliation
from onboarding.models.joining import ClaimedLicence, ClinicApplication, Invitation, place_key, website_domain
from onboarding.models.licences import LicenceChange
from onboarding.models.review import ListingReviewTask

__all__ = [
    "Affiliation",
    "ClaimedLicence",
    "ClinicApplication",
    "Invitation",
    "LicenceChange",
    "ListingReviewTask",
    "place_key",
    "website_domain",
]
