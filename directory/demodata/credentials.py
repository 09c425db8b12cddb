"""Licence numbers, registers, training courses and fees as each country writes them.

Licence numbers follow each board's published shape (Ahpra: three letters and ten
digits; HCPC: two letters and six digits; Colorado: PT and six digits) with random
digits. Course providers are real organisations that teach these techniques; the
hours are indicative of a course of that kind, not the provider's official figure.
"""

from decimal import Decimal

# Licence number shapes, by jurisdiction and profession, then by country; "#" is a digit.
LICENCE_FORMATS = {
    ("US-CO", "Physiotherapist"): "PT0#####",
    ("US-CO", "Chiropractor"): "CHR.00#####",
    ("US-CO", "Acupuncturist"): "AC.00#####",
    ("US-CO", "Physician"): "DR.00#####",
    ("US-CA", "Physiotherapist"): "PT #####",
    ("US-CA", "Chiropractor"): "DC #####",
    ("US-CA", "Acupuncturist"): "AC #####",
    ("US-CA", "Physician"): "A ######",
    ("US-NY", "Physiotherapist"): "0#####",
    ("US-WA", "Physiotherapist"): "PT600#####",
    ("US-WA", "Acupuncturist"): "AM600#####",
    ("US-IL", "Physiotherapist"): "070.0#####",
    ("US-TX", "Physiotherapist"): "12#####",
    ("IN-DL", "Physiotherapist"): "DCPT/{year}/####",
    ("IN-HR", "Physiotherapist"): "HCPT/{year}/####",
    ("IN-UP", "Physiotherapist"): "UPPT/{year}/####",
    ("IN-MH", "Physiotherapist"): "MSOTPT/PT/#####",
    ("IN-KA", "Physiotherapist"): "KSAHC/PT/{year}/####",
    ("IN-DL", "Physician"): "DMC/R/#####",
    ("IN-HR", "Physician"): "HMC/#####",
    ("IN-UP", "Physician"): "UPMC/#####",
    ("IN-MH", "Physician"): "MMC/{year}/##/####",
    ("IN-KA", "Physician"): "KMC/#####",
    ("AU", "Physiotherapist"): "PHY000#######",
    ("AU", "Chiropractor"): "CHI000#######",
    ("AU", "Acupuncturist"): "CMR000#######",
    ("AU", "Physician"): "MED000#######",
    ("GB", "Physiotherapist"): "PH######",
    ("CA", "Physiotherapist"): "#####",
    ("CA", "Chiropractor"): "####",
    ("CA", "Acupuncturist"): "####",
    ("CA", "Physician"): "######",
}
GENERIC_LICENCE_FORMAT = "{abbr}######"
ABBREVIATIONS = {"Physiotherapist": "PT", "Chiropractor": "DC", "Acupuncturist": "LAC", "Physician": "MD"}

# Where a moderator would check each licence; demo verifications say they were not really checked.
REGISTERS = {
    "US-CO": "Colorado DORA licence lookup",
    "US-TX": "Texas Executive Council of PT & OT Examiners licence verification",
    "US-CA": "California DCA licence search",
    "US-NY": "NYSED Office of the Professions verification search",
    "US-WA": "Washington DOH provider credential search",
    "US-IL": "Illinois IDFPR licence lookup",
    "CA-ON": "Ontario college public register",
    "CA-BC": "College of Health and Care Professionals of BC register",
    "IN-DL": "Delhi Council for Physiotherapy and Occupational Therapy register",
    "IN-MH": "Maharashtra State OT & PT Council register",
    "AU": "Ahpra public register of practitioners",
    "GB": "HCPC register",
}


def licence_format(jurisdiction, profession):
    """The number shape for a licence; physiatrists hold their licence as physicians."""
    for key in ((jurisdiction, profession), (jurisdiction[:2], profession)):
        if key in LICENCE_FORMATS:
            return LICENCE_FORMATS[key]
    return GENERIC_LICENCE_FORMAT.replace("{abbr}", ABBREVIATIONS.get(profession, "LIC"))


def licence_number(rng, jurisdiction, profession, issued_year):
    shape = licence_format(jurisdiction, profession).replace("{year}", str(issued_year or 2016))
    return "".join(str(rng.randrange(10)) if char == "#" else char for char in shape)


def register_for(jurisdiction):
    name = REGISTERS.get(jurisdiction) or REGISTERS.get(jurisdiction[:2]) or "state licensing board register"
    return f"Demo data, not really checked: {name}"


# Dry needling courses by country: (technique, provider, title, hours). Taken in order, so
# a practitioner with more hours has the follow-on courses too.
DRY_NEEDLING_COURSES = {
    "US": [
        ("Functional dry needling", "Kinetacore", "Functional Dry Needling Level 1", 27),
        ("Functional dry needling", "Kinetacore", "Functional Dry Needling Level 2", 27),
        ("Trigger point dry needling", "Myopain Seminars", "Dry Needling 1 (DN-1)", 27),
        ("Dry needling", "Integrative Dry Needling Institute", "Integrative Dry Needling Advanced", 27),
        ("Trigger point dry needling", "Myopain Seminars", "Dry Needling 2 (DN-2)", 27),
    ],
    "CA": [
        ("Intramuscular stimulation", "iSTOP (Gunn IMS)", "Gunn IMS Certification, Part 1", 27),
        ("Intramuscular stimulation", "iSTOP (Gunn IMS)", "Gunn IMS Certification, Part 2", 54),
        ("Functional dry needling", "Kinetacore", "Functional Dry Needling Level 1", 27),
    ],
    "IN": [
        ("Dry needling", "Integrative Dry Needling Institute", "Integrative Dry Needling Fundamentals", 27),
        ("Trigger point dry needling", "Myopain Seminars", "Dry Needling 1 (DN-1)", 27),
        ("Dry needling", "Integrative Dry Needling Institute", "Integrative Dry Needling Advanced", 27),
    ],
    "AU": [
        ("Dry needling", "Integrative Dry Needling Institute", "Integrative Dry Needling Fundamentals", 27),
        ("Trigger point dry needling", "Myopain Seminars", "Dry Needling 1 (DN-1)", 27),
        ("Dry needling", "Integrative Dry Needling Institute", "Integrative Dry Needling Advanced", 27),
    ],
    "GB": [
        ("Dry needling", "Acupuncture Association of Chartered Physiotherapists", "AACP Foundation Course", 80),
        ("Trigger point dry needling", "Myopain Seminars", "Dry Needling 1 (DN-1)", 27),
    ],
}
# The dry needling method practitioners in each country most often name.
DRY_NEEDLING_METHODS = {
    "US": ["Functional dry needling", "Trigger point dry needling"],
    "CA": ["Intramuscular stimulation", "Functional dry needling"],
    "IN": ["Trigger point dry needling"],
    "AU": ["Trigger point dry needling", "Superficial dry needling"],
    "GB": ["Trigger point dry needling"],
}
ACUPUNCTURE_TRAINING = {
    ("US", "Acupuncturist"): ("NCCAOM", "Diplomate of Acupuncture (NCCAOM)", 1905),
    ("US", "Physician"): ("Helms Medical Institute", "Medical Acupuncture for Physicians", 300),
    ("CA", "Acupuncturist"): ("CTCMPAO", "Registered Acupuncturist examination", 1900),
    ("CA", "Physician"): ("Acupuncture Canada", "Contemporary Medical Acupuncture", 300),
    ("AU", "Acupuncturist"): ("RMIT University", "Bachelor of Applied Science (Chinese Medicine)", 2400),
    ("AU", "Physician"): ("Australian Medical Acupuncture College", "Medical Acupuncture Certificate", 200),
}
OTHER_COURSES = {
    "McKenzie method": ("McKenzie Institute International", "Credentialed in Mechanical Diagnosis and Therapy", 112),
    "Instrument-assisted soft tissue mobilisation": ("Graston Technique", "Graston Technique M1 Basic Training", 12),
    "Kinesiology taping": ("Kinesio Taping Association International", "Certified Kinesio Taping Practitioner", 24),
}


def dry_needling_courses(country, hours):
    """The fewest courses, taken in order, that reach `hours`."""
    courses, total = [], 0
    for course in DRY_NEEDLING_COURSES[country]:
        if total >= hours:
            break
        courses.append(course)
        total += course[3]
    return courses


# Fees as (low, high, step) in the currency's units, by service.
FEE_RANGES = {
    "INR": {
        "Initial assessment": (800, 2500, 100),
        "Follow-up session": (600, 1500, 50),
        "Home visit": (1200, 3000, 100),
    },
    "USD": {"Initial assessment": (120, 220, 5), "Follow-up session": (90, 160, 5), "Home visit": (150, 250, 5)},
    "CAD": {"Initial assessment": (110, 180, 5), "Follow-up session": (85, 140, 5), "Home visit": (140, 220, 5)},
    "AUD": {"Initial assessment": (100, 160, 5), "Follow-up session": (80, 130, 5), "Home visit": (140, 220, 5)},
    "GBP": {"Initial assessment": (55, 95, 5), "Follow-up session": (45, 80, 5), "Home visit": (80, 140, 5)},
}
FEE_DURATIONS = {"Initial assessment": 60, "Follow-up session": 30, "Home visit": 60, "Telehealth consultation": 30}


def fee_amount(rng, currency, service):
    low, high, step = FEE_RANGES[currency].get(service) or FEE_RANGES[currency]["Follow-up session"]
    return Decimal(rng.randrange(low, high + 1, step)).quantize(Decimal("1.00"))
