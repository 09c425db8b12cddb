"""Names and words for demo people and clinics: common names, combined at random.

No row names a real person or business; a combination that happens to match one is
a coincidence of common words. Each name pool says which languages its speakers
are likely to consult in, so a Delhi physio speaks Hindi and a Denver one may speak
Spanish.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    female: tuple
    male: tuple
    family: tuple
    languages: tuple = ()  # ISO 639-1 codes beyond English, most likely first.


def _words(text):
    return tuple(text.split())


POOLS = {
    "north_india": NamePool(
        _words("Ananya Priya Kavya Neha Ishita Meera Simran Pooja Tanvi Riya Shreya Nidhi Aditi Sakshi Harleen"),
        _words("Aarav Rohan Vikram Arjun Kabir Nikhil Siddharth Gurpreet Varun Karan Manish Rahul Amit Ankit Jaspreet"),
        _words("Sharma Verma Gupta Malhotra Kapoor Singh Bhatia Chopra Arora Khanna Sethi Saxena Bansal Mehra Ahuja"),
        ("hi", "pa"),
    ),
    "maharashtra": NamePool(
        _words("Sneha Aditi Gauri Mrunal Pallavi Rutuja Sayali Ketaki Manasi Prajakta Shruti Anuja"),
        _words("Aditya Omkar Rahul Sameer Tejas Aniket Chinmay Vinay Nikhil Sachin Harshad Prathamesh"),
        _words("Patil Deshmukh Kulkarni Joshi Shah Mehta Desai Naik Gokhale Pawar Jadhav Bhosale Apte Sawant"),
        ("mr", "hi", "gu"),
    ),
    "south_india": NamePool(
        _words("Divya Lakshmi Shruti Anjali Deepa Keerthana Meghana Pavithra Sowmya Bhavana Nandini Harini"),
        _words("Karthik Suresh Pranav Vivek Arvind Naveen Raghav Srinivas Harish Abhishek Manoj Rakesh"),
        _words("Rao Reddy Nair Hegde Gowda Shetty Iyengar Menon Krishnan Murthy Pillai Bhat Kamath Prasad"),
        ("kn", "ta", "te", "ml", "hi"),
    ),
    "american": NamePool(
        _words("Emily Sarah Jessica Olivia Grace Hannah Rachel Lauren Megan Abigail Natalie Claire Brooke Allison"),
        _words("Daniel Marcus Ethan Jacob Kevin Ryan Samuel Andre Tyler Nathan Brandon Caleb Garrett Trevor"),
        _words(
            "Johnson Miller Walker Brooks Bennett Foster Coleman Sullivan Hayes Porter Fletcher Dawson "
            "Whitaker Holloway Carver Ellison"
        ),
    ),
    "hispanic": NamePool(
        _words("Sofia Camila Valeria Lucia Gabriela Daniela Mariana Isabel Elena Paola Ximena Adriana"),
        _words("Carlos Diego Javier Mateo Alejandro Luis Andres Miguel Rafael Santiago Emilio Tomas"),
        _words("Ortiz Garcia Hernandez Reyes Morales Rivera Castillo Navarro Mendoza Delgado Vargas Romero"),
        ("es",),
    ),
    "chinese": NamePool(
        _words("Mei Jia Xin Wen Lian Yan Hui Ling"),
        _words("Wei Jun Hao Bao Kai Ming Daniel Kevin"),
        _words("Chen Wong Li Zhang Liu Huang Lam Zhou"),
        ("zh",),
    ),
    "korean": NamePool(
        _words("Yuna Minji Seo-yeon Jiwoo Hana Eunji"),
        _words("Minho Hyun Jin Seung-woo Jae Dong-hyun"),
        _words("Kim Park Lee Cho Choi Jung"),
        ("ko",),
    ),
    "vietnamese": NamePool(
        _words("Linh Thao Anh Mai Trang Ngoc"),
        _words("Tuan Minh Duc Quang Long Bao"),
        _words("Nguyen Tran Pham Le Vo Dang"),
        ("vi",),
    ),
    "canadian": NamePool(
        _words("Chloe Emma Madison Avery Sophie Julie Genevieve Claire Megan Laura Amelie Brianna"),
        _words("Liam Owen Mathieu Connor Alexandre Logan Evan Gabriel Nolan Tristan Simon Felix"),
        _words(
            "Tremblay Gagnon Roy Bouchard Campbell MacDonald Fraser Lavoie Wilson Ferguson Leblanc Morrison Bergeron"
        ),
        ("fr",),
    ),
    "punjabi_diaspora": NamePool(
        _words("Harleen Simran Navneet Jasleen Manpreet Amrit Ravneet Kiran"),
        _words("Gurpreet Harjit Jaspreet Manjot Arshdeep Sukhdeep Ravinder Amandeep"),
        _words("Sandhu Gill Dhillon Sidhu Grewal Brar Sangha Johal"),
        ("pa", "hi"),
    ),
    "tamil_diaspora": NamePool(
        _words("Priya Thulasi Keerthana Nila Abirami Sangeetha"),
        _words("Arun Karthik Sivakumar Prakash Ganesh Vithusan"),
        _words("Rajendran Sivakumar Selvarajah Thurairajah Kandiah Mahendran"),
        ("ta",),
    ),
    "australian": NamePool(
        _words("Chloe Isla Zoe Ruby Mia Charlotte Matilda Georgia Sienna Jessica Amelia Hayley"),
        _words("Jack Liam Noah Lachlan Oliver Cooper Angus Riley Harrison Jake Mitchell Hamish"),
        _words("Taylor Kelly Murphy Wilson Campbell Ryan Harris Walsh Cooper Doyle Fitzgerald Brennan Quinn"),
    ),
    "mediterranean": NamePool(
        _words("Eleni Sophia Maria Giulia Francesca Katerina Alessia Despina"),
        _words("Nikos George Marco Luca Dimitri Antonio Christos Stefano"),
        _words("Papadopoulos Rossi Kostas Romano Georgiou Conti Nikolaidis Esposito"),
        ("el", "it"),
    ),
    "arabic": NamePool(
        _words("Layla Yasmin Nour Rania Lina Hiba"),
        _words("Omar Karim Youssef Sami Tariq Bilal"),
        _words("Haddad Khoury Nasser Saleh Hassan Mansour"),
        ("ar",),
    ),
    "british": NamePool(
        _words("Amelia Emily Isla Sophie Hannah Lucy Eleanor Harriet Imogen Rosie Freya Abigail"),
        _words("Oliver Harry George James Tom Alfie Callum Rhys Joe Ben Fraser Ewan"),
        _words("Clarke Evans Hughes Wright Thompson Robinson Turner Parker Harrison Marshall Gallagher Whitmore"),
    ),
    "british_south_asian": NamePool(
        _words("Aisha Priya Sana Anjali Zara Nadia Farah Ruksana"),
        _words("Imran Rajesh Sajid Vikesh Asif Hamza Arjun Kamran"),
        _words("Patel Khan Ahmed Chaudhry Hussain Mistry Rahman Siddiqui"),
        ("ur", "bn", "hi"),
    ),
    "polish": NamePool(
        _words("Agnieszka Katarzyna Magdalena Zofia Natalia"),
        _words("Piotr Tomasz Krzysztof Marek Jakub"),
        _words("Kowalski Nowak Wisniewski Zielinski Lewandowski"),
        ("pl",),
    ),
}

# Which name pools a city's practitioners are drawn from, with weights.
CITY_POOLS = {
    "new-delhi": [("north_india", 1)],
    "gurugram": [("north_india", 1)],
    "noida": [("north_india", 1)],
    "mumbai": [("maharashtra", 3), ("north_india", 1)],
    "bengaluru": [("south_india", 3), ("north_india", 1)],
    "denver": [("american", 3), ("hispanic", 1)],
    "austin": [("american", 3), ("hispanic", 2), ("vietnamese", 1)],
    "san-francisco": [("american", 2), ("hispanic", 1), ("chinese", 2)],
    "new-york": [("american", 3), ("hispanic", 1), ("chinese", 1), ("korean", 1)],
    "seattle": [("american", 3), ("chinese", 1), ("vietnamese", 1), ("korean", 1)],
    "chicago": [("american", 3), ("hispanic", 1), ("polish", 1)],
    "toronto": [("canadian", 3), ("chinese", 1), ("tamil_diaspora", 1)],
    "vancouver": [("canadian", 2), ("chinese", 2), ("korean", 1), ("punjabi_diaspora", 1)],
    "sydney": [("australian", 3), ("chinese", 1), ("vietnamese", 1), ("arabic", 1)],
    "melbourne": [("australian", 3), ("mediterranean", 1), ("chinese", 1), ("vietnamese", 1)],
    "london": [("british", 3), ("british_south_asian", 1), ("polish", 1)],
}

# Post-nominals as practitioners in each country write them, by profession.
POST_NOMINALS = {
    ("IN", "Physiotherapist"): ["BPT", "BPT, MPT (Ortho)", "BPT, MPT (Sports)", "MPT (Musculoskeletal)"],
    ("IN", "Physician"): ["MBBS, MD", "MBBS, DNB (Family Medicine)"],
    ("IN", "Physiatrist"): ["MBBS, MD (PMR)", "MBBS, DNB (PMR)"],
    ("US", "Physiotherapist"): ["PT, DPT", "PT, DPT, OCS", "PT, DPT, SCS", "PT, MPT"],
    ("US", "Chiropractor"): ["DC", "DC, CCSP"],
    ("US", "Acupuncturist"): ["L.Ac.", "L.Ac., Dipl. Ac."],
    ("US", "Physician"): ["MD", "DO"],
    ("US", "Physiatrist"): ["MD", "DO"],
    ("CA", "Physiotherapist"): ["MScPT", "MScPT, FCAMPT", "BScPT"],
    ("CA", "Chiropractor"): ["DC"],
    ("CA", "Acupuncturist"): ["R.Ac."],
    ("CA", "Physician"): ["MD, CCFP"],
    ("CA", "Physiatrist"): ["MD, FRCPC"],
    ("AU", "Physiotherapist"): ["B.Physio", "DPT", "M.Physio"],
    ("AU", "Chiropractor"): ["M.Chiro"],
    ("AU", "Acupuncturist"): ["B.AppSc (Chinese Medicine)"],
    ("AU", "Physician"): ["MBBS, FRACGP"],
    ("AU", "Physiatrist"): ["MBBS, FAFRM"],
    ("GB", "Physiotherapist"): ["BSc (Hons), MCSP", "MSc, MCSP", "BSc (Hons), MCSP, MACP"],
}

# Professions addressed as "Dr" on their listing.
DOCTOR_TITLED = {"Chiropractor", "Physician", "Physiatrist"}

# Clinic names: a first word and a kind of practice.
CLINIC_WORDS = {
    "IN": _words(
        "Banyan Neem Lotus Saffron Peepal Tulsi Ashoka Kesar Aravali Sahyadri Gulmohar Kaveri Vriddhi Amaltas "
        "Nilgiri Chinar Mandara Sarovar"
    ),
    "US": _words(
        "Cedar Juniper Aspen Mesa Granite Summit Riverbend Larkspur Ironwood Sagebrush Bluebird Keystone "
        "Cottonwood Trailhead Foxtail Redbud Tidewater Prairie"
    ),
    "CA": _words("Maple Lakeshore Birchwood Cedarvale Northshore Tamarack Harbourfront Spruce Bayview Laurentian"),
    "AU": _words("Wattle Bluegum Banksia Ironbark Coastline Harbourside Saltbush Paperbark Kookaburra Grevillea"),
    "GB": _words("Thames Hawthorn Bramble Kestrel Ashgrove Linden Foxglove Regent Meridian Wren"),
}
CLINIC_KINDS = {
    "physio": {
        "IN": ["Physiotherapy Clinic", "Physio & Rehab", "Spine and Sports Physio"],
        "US": ["Physical Therapy", "Sports & Spine PT", "Movement Physical Therapy"],
        "other": ["Physiotherapy", "Physio", "Sports Physiotherapy"],
    },
    "multi": {"US": ["Integrative Health", "Health Collective"], "other": ["Health Collective", "Wellness Clinic"]},
    "chiro": {"US": ["Chiropractic", "Chiropractic & Spine Center"], "other": ["Chiropractic", "Spine Centre"]},
    "acupuncture": {"other": ["Acupuncture", "Acupuncture & Chinese Medicine"]},
    "rehab": {
        "US": ["Pain & Rehabilitation", "Sports Medicine & Rehab"],
        "IN": ["Pain & Rehab Centre", "Sports Injury Centre"],
        "other": ["Pain & Rehabilitation", "Sports Medicine"],
    },
}
# How often each kind of clinic appears per country; some professions are not
# regulated in some countries, and demo listings stay where licences exist.
KIND_WEIGHTS = {
    "IN": {"physio": 6, "rehab": 3},
    "US": {"physio": 5, "multi": 2, "chiro": 2, "acupuncture": 1, "rehab": 1},
    "CA": {"physio": 5, "multi": 2, "chiro": 1, "acupuncture": 1, "rehab": 1},
    "AU": {"physio": 5, "multi": 2, "chiro": 1, "acupuncture": 1},
    "GB": {"physio": 1},
}
# Professions of a clinic's practitioners, by kind of clinic.
KIND_PROFESSIONS = {
    "physio": {"Physiotherapist": 1},
    "multi": {"Physiotherapist": 5, "Chiropractor": 2, "Acupuncturist": 2, "Physiatrist": 1},
    "chiro": {"Chiropractor": 5, "Physiotherapist": 2},
    "acupuncture": {"Acupuncturist": 4, "Physician": 1},
    "rehab": {"Physiotherapist": 4, "Physiatrist": 2, "Physician": 1},
}
COUNTRY_PROFESSIONS = {
    "IN": {"Physiotherapist", "Physician", "Physiatrist"},
    "GB": {"Physiotherapist"},
}


def clinic_name(rng, country, kind):
    first = rng.choice(CLINIC_WORDS[country])
    kinds = CLINIC_KINDS[kind]
    return f"{first} {rng.choice(kinds.get(country) or kinds['other'])}"


def full_name(rng, pool, gender):
    """A given and a family name; undisclosed genders draw from either list."""
    if gender == "female" or (gender not in ("male", "female") and rng.random() < 0.5):
        given = rng.choice(pool.female)
    else:
        given = rng.choice(pool.male)
    return f"{given} {rng.choice(pool.family)}"


def initials(name):
    words = [word for word in name.replace("-", " ").split() if word not in ("Dr",) and word[0].isalpha()]
    return "".join(word[0].upper() for word in (words[:1] + words[-1:] if len(words) > 1 else words))
