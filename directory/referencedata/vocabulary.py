"""Professions, techniques, conditions, languages and insurance plans.

Synonyms are what patients actually type; each may name one concept only.
Physiotherapist and physical therapist are one profession with two national names.
"""

PROFESSIONS = [
    {
        "name": "Physiotherapist",
        "titles": "PT, DPT",
        "synonyms": ["physical therapist", "physio", "physiotherapy", "physical therapy", "PT", "DPT"],
        "description": "Called a physical therapist in the United States; the same profession.",
    },
    {
        "name": "Chiropractor",
        "titles": "DC",
        "synonyms": ["chiro", "chiropractic", "DC"],
        "description": "",
    },
    {
        "name": "Acupuncturist",
        "titles": "L.Ac., Dipl. Ac., Dipl. O.M.",
        "synonyms": ["L.Ac.", "licensed acupuncturist", "Dipl. Ac."],
        "description": "A protected title in Australia since 2012.",
    },
    {
        "name": "Physician",
        "titles": "MD, DO, MBBS",
        "synonyms": ["doctor", "medical doctor", "MD", "DO", "MBBS", "GP"],
        "description": "",
    },
    {
        "name": "Physiatrist",
        "titles": "MD, DO",
        "synonyms": ["physical medicine and rehabilitation", "PM&R", "rehabilitation physician"],
        "description": "A physician specialised in physical medicine and rehabilitation.",
    },
    {
        "name": "Nurse practitioner",
        "titles": "NP",
        "synonyms": ["NP", "advanced practice nurse"],
        "description": "",
    },
    {
        "name": "Osteopath",
        "titles": "",
        "synonyms": ["osteopathy"],
        "description": "Osteopaths as regulated in the UK and Australia; "
        "US osteopathic physicians (DO) are physicians.",
    },
    {
        "name": "Massage therapist",
        "titles": "RMT, LMT",
        "synonyms": ["RMT", "LMT", "registered massage therapist", "masseuse"],
        "description": "",
    },
]

# (name, parent name or None, invasive, synonyms, description)
TECHNIQUES = [
    (
        "Dry needling",
        None,
        True,
        ["DN", "dry needle", "dry needles", "myofascial needling"],
        "Thin filament needles inserted into muscle, without injecting anything, to treat pain and movement problems.",
    ),
    (
        "Trigger point dry needling",
        "Dry needling",
        True,
        ["TrP-DN", "trigger point needling", "TDN"],
        "Dry needling aimed at myofascial trigger points.",
    ),
    (
        "Functional dry needling",
        "Dry needling",
        True,
        ["FDN", "Kinetacore dry needling"],
        "Dry needling combined with movement assessment, as taught by Kinetacore and others.",
    ),
    (
        "Intramuscular stimulation",
        "Dry needling",
        True,
        ["IMS", "Gunn IMS", "Gunn intramuscular stimulation"],
        "Dr Chan Gunn's method of dry needling for neuropathic muscle pain.",
    ),
    (
        "Superficial dry needling",
        "Dry needling",
        True,
        ["SDN"],
        "Needles placed in the tissue above the muscle rather than into it.",
    ),
    (
        "Acupuncture",
        None,
        True,
        ["acupuncture treatment", "traditional acupuncture"],
        "Needling of points chosen by traditional Chinese or Western medical acupuncture principles.",
    ),
    (
        "Electro-acupuncture",
        "Acupuncture",
        True,
        ["electroacupuncture", "EA"],
        "Acupuncture with a small electrical current passed between needles.",
    ),
    (
        "Manual therapy",
        None,
        False,
        ["hands-on therapy", "mobilisation", "mobilization"],
        "Hands-on techniques that move joints and soft tissue.",
    ),
    (
        "Spinal manipulation",
        "Manual therapy",
        False,
        ["spinal adjustment", "chiropractic adjustment", "SMT", "manipulation"],
        "A quick, small-amplitude thrust to a spinal joint.",
    ),
    (
        "Soft tissue massage",
        "Manual therapy",
        False,
        ["massage", "deep tissue massage", "sports massage"],
        "Massage of muscles and connective tissue.",
    ),
    (
        "Instrument-assisted soft tissue mobilisation",
        "Manual therapy",
        False,
        ["IASTM", "Graston", "Graston technique"],
        "Soft tissue work with shaped metal or plastic tools.",
    ),
    (
        "Exercise therapy",
        None,
        False,
        ["therapeutic exercise", "rehab exercises", "exercise rehabilitation"],
        "Exercises prescribed and progressed to restore strength, movement and confidence.",
    ),
    (
        "McKenzie method",
        "Exercise therapy",
        False,
        ["MDT", "mechanical diagnosis and therapy", "McKenzie"],
        "Mechanical Diagnosis and Therapy: repeated movements to classify and treat spinal pain.",
    ),
    ("Kinesiology taping", None, False, ["kinesio taping", "K-tape", "KT tape"], "Elastic tape applied to the skin."),
    (
        "Shockwave therapy",
        None,
        False,
        ["ESWT", "extracorporeal shockwave therapy", "shock wave"],
        "Acoustic pulses applied through the skin, used mainly for tendon and fascia problems.",
    ),
    ("Cupping", None, False, ["cupping therapy", "myofascial decompression"], "Suction cups applied to the skin."),
]

# (name, body region, synonyms)
CONDITIONS = [
    (
        "Sciatica",
        "Lower back and leg",
        ["sciatic", "sciatic pain", "sciatic nerve pain", "lumbar radiculopathy", "leg pain from the back"],
    ),
    ("Low back pain", "Lower back", ["lower back pain", "back pain", "lumbago", "LBP", "lumbar pain"]),
    ("Neck pain", "Neck", ["cervical pain", "stiff neck", "cervicalgia"]),
    ("Piriformis syndrome", "Buttock", ["piriformis", "deep gluteal syndrome"]),
    ("Cervicogenic headache", "Head and neck", ["headache from the neck", "neck headache"]),
    ("Tension-type headache", "Head", ["tension headache", "TTH"]),
    ("Carpal tunnel syndrome", "Wrist and hand", ["CTS", "carpal tunnel"]),
    ("Plantar fasciitis", "Foot", ["plantar heel pain", "heel pain", "plantar fasciopathy"]),
    ("Lateral elbow pain", "Elbow", ["tennis elbow", "lateral epicondylitis", "lateral epicondylalgia"]),
    ("Frozen shoulder", "Shoulder", ["adhesive capsulitis"]),
    ("Shoulder impingement", "Shoulder", ["subacromial pain", "subacromial impingement", "rotator cuff pain"]),
    ("Knee osteoarthritis", "Knee", ["knee OA", "knee arthritis", "arthritis of the knee"]),
    ("Myofascial pain syndrome", "Muscles", ["myofascial pain", "trigger points", "muscle knots"]),
    ("Whiplash", "Neck", ["whiplash-associated disorder", "WAD"]),
    ("Achilles tendinopathy", "Ankle", ["achilles tendinitis", "achilles tendonitis", "achilles pain"]),
    ("Patellofemoral pain", "Knee", ["runner's knee", "PFPS", "anterior knee pain"]),
]

LANGUAGES = [
    ("en", "English"),
    ("hi", "Hindi"),
    ("mr", "Marathi"),
    ("pa", "Punjabi"),
    ("bn", "Bengali"),
    ("ta", "Tamil"),
    ("te", "Telugu"),
    ("kn", "Kannada"),
    ("ml", "Malayalam"),
    ("gu", "Gujarati"),
    ("ur", "Urdu"),
    ("es", "Spanish"),
    ("fr", "French"),
    ("zh", "Chinese"),
    ("ar", "Arabic"),
    ("vi", "Vietnamese"),
    ("ko", "Korean"),
    ("tl", "Tagalog"),
    ("pt", "Portuguese"),
    ("el", "Greek"),
    ("it", "Italian"),
    ("de", "German"),
    ("pl", "Polish"),
    ("ru", "Russian"),
]

INSURANCE_PLANS = [
    (
        "US",
        ["Medicare", "Medicaid", "Aetna", "Blue Cross Blue Shield", "Cigna", "UnitedHealthcare", "TRICARE", "Humana"],
    ),
    ("IN", ["CGHS", "ECHS", "Star Health", "HDFC ERGO", "ICICI Lombard", "Niva Bupa", "Care Health"]),
    (
        "CA",
        [
            "Sun Life",
            "Manulife",
            "Canada Life",
            "Pacific Blue Cross",
            "Alberta Blue Cross",
            "WSIB",
            "WorkSafeBC",
            "ICBC",
        ],
    ),
    ("AU", ["Medicare", "Bupa", "Medibank", "HCF", "nib", "DVA", "WorkCover"]),
    ("GB", ["Bupa", "AXA Health", "Vitality", "Aviva", "WPA"]),
]
