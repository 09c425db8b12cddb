"""The dry-needling scope-rule table, transcribed from ../shared/reference/dry-needling-scope.md.

Every rule carries its source and the source's own date. Where the reference says a
rule is silent, ambiguous, conflicting or pending, the rule is 'unclear' and says why;
where sources conflict on a number, the stricter number is used and the conflict noted.
A jurisdiction with no row here has no rule: the scope check then answers 'unknown'.
"""

import datetime

# The day these rows were transcribed from the collected reference; not a re-check of each source.
REVIEWED = datetime.date(2026, 11, 21)

PPHC = (
    "PPHC, Understanding the landscape: dry needling in physical therapy practice acts",
    "https://www.pphc.co/post/understanding-the-landscape-dry-needling-physical-therapy-practice-acts-in-the-u-s",
    "as of January 2026",
)
MYOPAIN = ("Myopain Seminars, dry needling by state", "https://www.myopainseminars.com/", "undated")

US_PT_PERMITTED = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CO",
    "DE",
    "FL",
    "GA",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MS",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NC",
    "ND",
    "OH",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "DC",
]
US_PT_SILENT = ["CT", "MA", "MI", "MN", "MO", "OK", "PA"]
US_PT_PROHIBITED = ["CA", "HI", "NY", "OR"]


def rule(
    code, profession, status, source, *, hours=None, years=None, conditions="", notes="", technique="Dry needling"
):
    name, url, date = source
    return {
        "jurisdiction": code,
        "profession": profession,
        "technique": technique,
        "status": status,
        "min_training_hours": hours,
        "min_years_licensed": years,
        "conditions": conditions,
        "notes": notes,
        "source_name": name,
        "source_url": url,
        "source_date": date,
        "last_reviewed": REVIEWED,
    }


PT = "Physiotherapist"

# Physical therapists in US states the reference describes in detail.
US_PT_DETAILED = {
    "AZ": rule(
        "US-AZ", PT, "conditional", PPHC, hours=24, conditions="Permitted by 2014 statute after 24 h of training."
    ),
    "CO": rule(
        "US-CO",
        PT,
        "conditional",
        PPHC,
        hours=50,
        years=2,
        conditions="Training in person; the older rule text also requires the patient's written consent.",
        notes="Sources conflict: PPHC (2026) gives 50 h; the older board rule text gives 46 h in person, "
        "2 years' practice and written consent. The stricter figures are used.",
    ),
    "DE": rule("US-DE", PT, "conditional", PPHC, hours=54, years=2, conditions="54 h of in-person training."),
    "FL": rule(
        "US-FL",
        PT,
        "conditional",
        PPHC,
        hours=50,
        years=2,
        conditions="50 h of in-person training and 25 supervised patient sessions.",
    ),
    "GA": rule("US-GA", PT, "conditional", PPHC, hours=50, conditions="50 h in person (Rule 490-9-.05)."),
    "IL": rule(
        "US-IL",
        PT,
        "unclear",
        ("Illinois Physical Therapy Act, 225 ILCS 90/1.5", "https://www.ilga.gov/", "statute"),
        notes="The statute required 50 h foundational + 30 h didactic + 54 h practicum, but the section was "
        "scheduled for repeal on 1 January 2026; whether it was renewed is not confirmed.",
    ),
    "KS": rule(
        "US-KS",
        PT,
        "conditional",
        ("Kansas State Board of Healing Arts, K.A.R. 100-29-18", "https://www.ksbha.org/", "2024"),
        conditions="A board-approved course with written and practical examinations; online training does not count.",
    ),
    "MD": rule(
        "US-MD",
        PT,
        "conditional",
        MYOPAIN,
        hours=80,
        conditions="80 h (40 practical, 40 theory), then approval by the board.",
    ),
    "NV": rule(
        "US-NV",
        PT,
        "conditional",
        ("Nevada Physical Therapy Board, regulation R054-19", "https://ptboard.nv.gov/", "2020"),
        hours=150,
        conditions="Includes at least 25 h of postgraduate coursework with in-person examinations.",
    ),
    "NC": rule(
        "US-NC",
        PT,
        "conditional",
        ("Kinetacore, North Carolina dry needling requirements", "https://www.kinetacore.com/", "2012/2015"),
        hours=54,
        conditions="54 contact hours, face to face.",
    ),
    "TN": rule(
        "US-TN",
        PT,
        "conditional",
        ("TherapyComply, Tennessee dry needling rules", "https://therapycomply.com/", "undated"),
        hours=24,
        years=1,
        conditions="24 h of dry-needling instruction in person plus 50 h of foundational coursework; "
        "not in the first year of licensure; may not be delegated to a PTA.",
        notes="Minimum hours count the dry-needling-specific 24 h; the 50 h foundational coursework is a condition.",
    ),
    "UT": rule(
        "US-UT",
        PT,
        "conditional",
        ("Utah Admin. Code R156-24b-505", "https://adminrules.utah.gov/", "2024"),
        years=2,
        conditions="An approved course and 250 supervised treatment sessions.",
        notes="HB 188 (2025) may repeal or change these requirements.",
    ),
    "VA": rule(
        "US-VA",
        PT,
        "conditional",
        ("18VAC112-20-121", "https://law.lis.virginia.gov/admincode/title18/agency112/chapter20/section121/", "2019"),
        hours=54,
        conditions="At least 54 h of post-professional training; a written referral; a signed consent form.",
    ),
    "WA": rule(
        "US-WA",
        PT,
        "conditional",
        (
            "WSR 24-11-160 (WAC 246-915-390)",
            "https://app.leg.wa.gov/wac/default.aspx?cite=246-915-390",
            "effective 22 June 2024",
        ),
        conditions="Requires the dry needling endorsement under WAC 246-915-390.",
        notes="Training hours for the endorsement are not confirmed here.",
    ),
    "CA": rule("US-CA", PT, "prohibited", PPHC),
    "NY": rule("US-NY", PT, "prohibited", MYOPAIN, notes="New York board position since 1992."),
    "HI": rule("US-HI", PT, "prohibited", (MYOPAIN[0], MYOPAIN[1], "2017")),
    "OR": rule(
        "US-OR",
        PT,
        "prohibited",
        PPHC,
        notes="HB 3824, signed in August 2025, allows it once board rules are adopted (possibly 2027).",
    ),
}


def us_physical_therapist_rules():
    rules = []
    for state in US_PT_PERMITTED:
        rules.append(
            US_PT_DETAILED.get(state)
            or rule(
                f"US-{state}",
                PT,
                "permitted",
                PPHC,
                notes="Training requirements are not recorded here; check the state board before relying on this.",
            )
        )
    for state in US_PT_SILENT:
        rules.append(rule(f"US-{state}", PT, "unclear", PPHC, notes="The practice act is silent or ambiguous."))
    for state in US_PT_PROHIBITED:
        rules.append(US_PT_DETAILED[state])
    return rules


SEARCHIRO = ("Searchiro, chiropractic dry needling by state", "https://searchiro.com/", "2024, citing a course vendor")


def us_chiropractor_rules():
    rules = [
        rule(f"US-{state}", "Chiropractor", "prohibited", SEARCHIRO, notes="Reported by a secondary source.")
        for state in ["AL", "CA", "GA", "HI", "IN", "MI", "NY", "PA", "WA"]
    ]
    rules.append(
        rule("US-FL", "Chiropractor", "unclear", SEARCHIRO, notes="The secondary source reports it as unclear.")
    )
    rules.append(
        rule(
            "US-TX",
            "Chiropractor",
            "conditional",
            SEARCHIRO,
            hours=100,
            conditions="Follows the acupuncture rules: 100 h of training.",
            notes="Attributed to the Texas chiropractic board's counsel.",
        )
    )
    rules.append(
        rule(
            "US-NC",
            "Chiropractor",
            "conditional",
            SEARCHIRO,
            hours=200,
            conditions="200 h of acupuncture training (100 h if licensed before 1 July 2008).",
            notes="Reported by a partisan source; the stricter 200 h is used.",
        )
    )
    return rules


def us_acupuncturist_rules():
    return [
        rule(
            "US-WA",
            "Acupuncturist",
            "permitted",
            ("Washington HB 1039 bill report", "https://app.leg.wa.gov/billsummary?BillNumber=1039&Year=2023", "2023"),
            notes="Washington law names intramuscular needling and dry needling within acupuncture "
            "and Eastern medicine.",
        )
    ]


def canada_physiotherapist_rules():
    return [
        rule(
            "CA-BC",
            PT,
            "conditional",
            ("College of Physical Therapists of British Columbia", "https://cptbc.org/", "undated"),
            conditions="The physiotherapist must be rostered with the college for acupuncture / dry needling "
            "(including IMS): a self-declaration and a course certificate.",
        ),
        rule(
            "CA-AB",
            PT,
            "conditional",
            ("Physiotherapy Alberta College + Association", "https://www.cpta.ab.ca/", "2023"),
            conditions="Needling requires an additional authorization; provisional registrants may not needle.",
        ),
        rule(
            "CA-ON",
            PT,
            "conditional",
            ("College of Physiotherapists of Ontario", "https://www.collegept.org/", "undated"),
            conditions="Acupuncture, including dry needling, is a controlled act; "
            "the physiotherapist must be rostered.",
        ),
        rule(
            "CA-SK",
            PT,
            "conditional",
            ("Saskatchewan College of Physical Therapists", "https://www.scpt.org/", "undated"),
            hours=90,
            conditions="Recognised courses include Gunn IMS, the Gokavi Transverse Technique and "
            "Kinetacore FDN levels 1 and 2.",
        ),
        rule(
            "CA-NS",
            PT,
            "permitted",
            ("Nova Scotia College of Physiotherapists", "https://nsphysio.com/", "undated"),
            notes="The legal definition of physiotherapy includes invasive acupuncture; "
            "training rules not recorded here.",
        ),
    ]


def india_physiotherapist_rules(codes):
    source = (
        "National Commission for Allied and Healthcare Professions Act, 2021",
        "https://www.indiacode.nic.in/",
        "2021",
    )
    return [
        rule(
            code,
            PT,
            "unclear",
            source,
            notes="No authoritative ruling on dry needling by physiotherapists was found; registration is under "
            "the NCAHP Act 2021 and state councils (e.g. Delhi Council for PT & OT Act 1997, Maharashtra OT & "
            "PT Council Act 2002).",
        )
        for code in codes
    ]


def uk_physiotherapist_rules():
    source = (
        "HCPC standards of proficiency; Chartered Society of Physiotherapy",
        "https://www.hcpc-uk.org/",
        "undated",
    )
    return [
        rule(
            code,
            PT,
            "conditional",
            source,
            conditions="HCPC-registered physiotherapists with appropriate post-qualification training.",
            notes="Acupuncture and dry needling are not statutorily regulated in the UK.",
        )
        for code in ("GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS")
    ]


def all_rules(indian_codes):
    return (
        us_physical_therapist_rules()
        + us_chiropractor_rules()
        + us_acupuncturist_rules()
        + canada_physiotherapist_rules()
        + india_physiotherapist_rules(indian_codes)
        + uk_physiotherapist_rules()
    )
