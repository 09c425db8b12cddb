"""schema.org JSON-LD for practitioner and clinic pages, built from already-loaded profile data.

Practitioners who are physicians are `Physician`; everyone else is a `MedicalBusiness`
(schema.org has no type for an individual physiotherapist or acupuncturist). Clinics are
`MedicalClinic`. AggregateRating comes from RatingSummary, only when someone has rated,
with the few most recent published reviews beside it: the text, stars, first name and
date the page itself shows, never the reviewer's e-mail address.
"""

PHYSICIAN_PROFESSIONS = {"physician", "physiatrist"}
WEEKDAY_URIS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]


def postal_address(location):
    return {
        "@type": "PostalAddress",
        "streetAddress": location.street_address,
        "addressLocality": location.city,
        "addressRegion": location.jurisdiction.name,
        "postalCode": location.postcode,
        "addressCountry": location.jurisdiction.country,
    }


def opening_hours(location):
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": WEEKDAY_URIS[row.weekday],
            "opens": f"{row.opens:%H:%M}",
            "closes": f"{row.closes:%H:%M}",
        }
        for row in location.opening_hours.all()
    ]


def aggregate_rating(rating):
    if rating is None or not rating.count:
        return None
    return {
        "@type": "AggregateRating",
        "ratingValue": str(rating.average),
        "ratingCount": rating.count,
        "reviewCount": rating.count,
        "bestRating": 5,
        "worstRating": 1,
    }


def review(item):
    return {
        "@type": "Review",
        "name": item.title,
        "reviewBody": item.body,
        "reviewRating": {"@type": "Rating", "ratingValue": item.rating, "bestRating": 5, "worstRating": 1},
        "author": {"@type": "Person", "name": item.display_name},
        "datePublished": item.confirmed_at.date().isoformat(),
    }


def add_rating(data, profile):
    rating = aggregate_rating(profile["rating"])
    if rating:
        data["aggregateRating"] = rating
        if profile["recent_reviews"]:
            data["review"] = [review(item) for item in profile["recent_reviews"]]
    return data


def practitioner_data(page, profile, request=None, image_url=None):
    professions = {profession.name.lower() for profession in profile["professions"]}
    is_physician = bool(professions & PHYSICIAN_PROFESSIONS)
    data = {
        "@context": "https://schema.org",
        "@type": "Physician" if is_physician else "MedicalBusiness",
        "name": page.display_name,
        "url": page.get_full_url(request),
        "address": [postal_address(location) for location in profile["locations"]],
        "knowsLanguage": [language.name for language in profile["languages"]],
    }
    if is_physician:  # MedicalOrganization properties
        data["availableService"] = [{"@type": "MedicalTherapy", "name": t.name} for t in profile["techniques"]]
        data["isAcceptingNewPatients"] = page.accepting_new_patients
    if profile["locations"]:
        first = profile["locations"][0]
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(first.latitude),
            "longitude": float(first.longitude),
        }
    if image_url:
        data["image"] = image_url
    currencies = sorted({fee.currency for fee in profile["fees"]})
    if currencies:
        data["currenciesAccepted"] = ", ".join(currencies)
    return add_rating(data, profile)


def clinic_data(page, profile, request=None, image_url=None):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": page.title,
        "url": page.get_full_url(request),
        "address": [postal_address(location) for location in profile["locations"]],
        "openingHoursSpecification": [spec for location in profile["locations"] for spec in opening_hours(location)],
        "availableService": [{"@type": "MedicalTherapy", "name": t.name} for t in profile["services"]],
        "knowsLanguage": [language.name for language in profile["languages"]],
    }
    if page.phone:
        data["telephone"] = page.phone
    if page.website:
        data["sameAs"] = [page.website]
    if profile["locations"]:
        first = profile["locations"][0]
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(first.latitude),
            "longitude": float(first.longitude),
        }
    if image_url:
        data["image"] = image_url
    return add_rating(data, profile)
