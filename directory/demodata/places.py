"""Where demo clinics are: cities, their real neighbourhoods and roads, and local conventions.

Coordinates are approximate centres of real neighbourhoods, so distance search and
maps behave as they would with real listings. Postcodes are given only where they
are known to cover the neighbourhood (US ZIPs checked against the `zipcodes` data,
Indian PINs and Australian suburb postcodes); Canadian and UK postcodes name a
street or a building, so they are left blank rather than invented.

Phone numbers come from ranges reserved for fiction (NANP 555-0100..0199, Ofcom's
drama numbers, ACMA's 5550 range). India has no such range, so Indian listings
carry no phone number: a made-up one would ring a real person.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Neighbourhood:
    locality: str
    latitude: str
    longitude: str
    postcode: str
    streets: tuple


@dataclass(frozen=True)
class City:
    key: str
    name: str
    jurisdiction: str
    metro: str
    languages: tuple  # Besides English, most spoken first.
    area_codes: tuple
    neighbourhoods: tuple = field(repr=False)

    @property
    def country(self):
        return self.jurisdiction[:2]


def _places(*rows):
    return tuple(Neighbourhood(*row[:4], tuple(row[4:])) for row in rows)


CITIES = {
    city.key: city
    for city in [
        City(
            "new-delhi",
            "New Delhi",
            "IN-DL",
            "Delhi NCR",
            ("hi", "pa", "ur"),
            (),
            _places(
                ("Saket", "28.524500", "77.206600", "110017", "Press Enclave Marg", "Saket District Centre"),
                ("Hauz Khas", "28.549400", "77.200100", "110016", "Aurobindo Marg", "Hauz Khas Village Road"),
                ("Lajpat Nagar", "28.567700", "77.243300", "110024", "Ring Road", "Defence Colony Road"),
                ("Greater Kailash I", "28.548200", "77.238000", "110048", "N Block Market", "Archana Complex Road"),
                ("Karol Bagh", "28.651900", "77.190900", "110005", "Pusa Road", "Ajmal Khan Road"),
                ("Rajouri Garden", "28.649200", "77.122400", "110027", "Najafgarh Road", "Ring Road"),
                ("Vasant Kunj", "28.529300", "77.153900", "110070", "Nelson Mandela Marg", "Sector C Pocket 1"),
                ("Dwarka", "28.581000", "77.059000", "110075", "Sector 10 Road", "Sector 6 Market"),
            ),
        ),
        City(
            "gurugram",
            "Gurugram",
            "IN-HR",
            "Delhi NCR",
            ("hi", "pa"),
            (),
            _places(
                ("DLF Phase 3", "28.492000", "77.093000", "", "Cyber City Road", "U Block"),
                ("Sushant Lok 1", "28.464000", "77.072000", "", "Sushant Lok Road", "C Block"),
                ("Golf Course Road", "28.453000", "77.098000", "", "Golf Course Road", "Sector 43 Road"),
                ("Sector 56", "28.424000", "77.099000", "", "Sector 56 Main Road", "Golf Course Extension Road"),
                ("Sohna Road", "28.415000", "77.043000", "", "Sohna Road", "Sector 49 Road"),
            ),
        ),
        City(
            "noida",
            "Noida",
            "IN-UP",
            "Delhi NCR",
            ("hi", "bn"),
            (),
            _places(
                ("Sector 18", "28.570000", "77.321000", "201301", "Sector 18 Market Road", "Atta Market Road"),
                ("Sector 62", "28.627000", "77.365000", "201309", "Sector 62 Road", "NH 24 Service Road"),
                ("Sector 50", "28.571000", "77.364000", "", "Sector 50 Central Road"),
                ("Sector 137", "28.510000", "77.408000", "", "Noida Expressway Service Road"),
            ),
        ),
        City(
            "mumbai",
            "Mumbai",
            "IN-MH",
            "Mumbai",
            ("mr", "hi", "gu"),
            (),
            _places(
                ("Bandra West", "19.059600", "72.829500", "400050", "Hill Road", "Linking Road", "Carter Road"),
                ("Andheri West", "19.136400", "72.829600", "400053", "SV Road", "Lokhandwala Back Road"),
                ("Powai", "19.117600", "72.906000", "400076", "Hiranandani Gardens", "Central Avenue"),
                ("Dadar West", "19.017800", "72.847800", "400028", "Ranade Road", "Gokhale Road"),
                ("Colaba", "18.906700", "72.814700", "400005", "Colaba Causeway", "Shahid Bhagat Singh Road"),
                ("Chembur", "19.052200", "72.900500", "400071", "Sion-Trombay Road", "Diamond Garden Road"),
                ("Malad West", "19.187400", "72.848400", "400064", "SV Road", "Marve Road"),
                ("Lower Parel", "18.995300", "72.830000", "400013", "Senapati Bapat Marg", "Ganpatrao Kadam Marg"),
            ),
        ),
        City(
            "bengaluru",
            "Bengaluru",
            "IN-KA",
            "Bengaluru",
            ("kn", "hi", "ta", "te", "ml"),
            (),
            _places(
                ("Indiranagar", "12.978400", "77.640800", "560038", "100 Feet Road", "CMH Road"),
                ("Koramangala", "12.935200", "77.624500", "560034", "80 Feet Road", "Sarjapur Road"),
                ("HSR Layout", "12.912100", "77.644600", "560102", "27th Main Road", "Sector 2 Main Road"),
                ("Whitefield", "12.969800", "77.750000", "560066", "ITPL Main Road", "Varthur Road"),
                ("Malleshwaram", "13.003500", "77.570900", "560003", "Sampige Road", "Margosa Road"),
                ("Jayanagar", "12.929900", "77.582300", "", "11th Main Road", "30th Cross Road"),
            ),
        ),
        City(
            "denver",
            "Denver",
            "US-CO",
            "Denver",
            ("es",),
            ("303", "720"),
            _places(
                ("Capitol Hill", "39.731200", "-104.982600", "80203", "E Colfax Ave", "Pennsylvania St"),
                ("LoDo", "39.753000", "-105.000000", "80202", "Larimer St", "Blake St"),
                ("Cherry Creek", "39.716900", "-104.953700", "80206", "E 2nd Ave", "Fillmore St"),
                ("Highland", "39.759000", "-105.011000", "80211", "W 32nd Ave", "Tejon St"),
                ("Washington Park", "39.701000", "-104.965000", "80209", "S Pearl St", "S Gaylord St"),
                ("Central Park", "39.760000", "-104.880000", "80238", "Martin Luther King Blvd", "Central Park Blvd"),
                ("RiNo", "39.768000", "-104.981000", "80205", "Brighton Blvd", "Walnut St"),
                ("Baker", "39.718000", "-104.992000", "80223", "S Broadway", "W Bayaud Ave"),
            ),
        ),
        City(
            "austin",
            "Austin",
            "US-TX",
            "Austin",
            ("es", "vi"),
            ("512", "737"),
            _places(
                ("Downtown", "30.267200", "-97.743100", "78701", "Congress Ave", "W 6th St"),
                ("South Congress", "30.249000", "-97.750000", "78704", "S Congress Ave", "S 1st St"),
                ("Hyde Park", "30.305000", "-97.729000", "78751", "Duval St", "Guadalupe St"),
                ("Mueller", "30.298000", "-97.705000", "78723", "Aldrich St", "Berkman Dr"),
                ("East Austin", "30.262000", "-97.723000", "78702", "E Cesar Chavez St", "E 6th St"),
                ("North Burnet", "30.402000", "-97.725000", "78758", "Burnet Rd", "Braker Ln"),
            ),
        ),
        City(
            "san-francisco",
            "San Francisco",
            "US-CA",
            "San Francisco Bay Area",
            ("es", "zh", "tl"),
            ("415", "628"),
            _places(
                ("Mission District", "37.759900", "-122.414800", "94110", "Valencia St", "Mission St"),
                ("SoMa", "37.778500", "-122.405600", "94103", "Folsom St", "Howard St"),
                ("Pacific Heights", "37.792500", "-122.438200", "94115", "Fillmore St", "Sacramento St"),
                ("Inner Sunset", "37.760000", "-122.466000", "94122", "Irving St", "9th Ave"),
                ("Noe Valley", "37.750200", "-122.433700", "94114", "24th St", "Church St"),
                ("Marina", "37.803700", "-122.436800", "94123", "Chestnut St", "Lombard St"),
                ("Financial District", "37.794600", "-122.399900", "94111", "Sansome St", "Battery St"),
            ),
        ),
        City(
            "new-york",
            "New York",
            "US-NY",
            "New York",
            ("es", "zh", "ru", "ko"),
            ("212", "646", "718"),
            _places(
                ("Upper West Side", "40.787000", "-73.975400", "10024", "Amsterdam Ave", "Columbus Ave"),
                ("Chelsea", "40.746500", "-74.001400", "10011", "W 23rd St", "8th Ave"),
                ("Midtown East", "40.754000", "-73.970000", "10022", "Lexington Ave", "E 53rd St"),
                ("Upper East Side", "40.773600", "-73.956600", "10021", "E 72nd St", "2nd Ave"),
                ("Park Slope", "40.671000", "-73.981400", "11215", "7th Ave", "5th Ave"),
                ("Williamsburg", "40.708100", "-73.957100", "11211", "Bedford Ave", "Grand St"),
                ("Astoria", "40.762000", "-73.915000", "11103", "Steinway St", "30th Ave"),
                ("Financial District", "40.707500", "-74.011300", "10005", "Broad St", "Pearl St"),
            ),
        ),
        City(
            "seattle",
            "Seattle",
            "US-WA",
            "Seattle",
            ("zh", "vi", "ko", "tl"),
            ("206",),
            _places(
                ("Capitol Hill", "47.625300", "-122.322200", "98102", "Broadway E", "E Pike St"),
                ("Ballard", "47.667700", "-122.384400", "98107", "NW Market St", "Ballard Ave NW"),
                ("Fremont", "47.651000", "-122.350000", "98103", "N 36th St", "Fremont Ave N"),
                ("University District", "47.661500", "-122.313500", "98105", "University Way NE", "NE 45th St"),
                ("Queen Anne", "47.637000", "-122.357000", "98109", "Queen Anne Ave N", "W Galer St"),
                ("Columbia City", "47.559600", "-122.286000", "98118", "Rainier Ave S", "S Edmunds St"),
            ),
        ),
        City(
            "chicago",
            "Chicago",
            "US-IL",
            "Chicago",
            ("es", "pl", "ar"),
            ("312", "773"),
            _places(
                ("Lincoln Park", "41.921400", "-87.651300", "60614", "N Clark St", "W Armitage Ave"),
                ("Wicker Park", "41.908800", "-87.679600", "60622", "N Milwaukee Ave", "W Division St"),
                ("The Loop", "41.878600", "-87.625100", "60603", "S Wabash Ave", "W Monroe St"),
                ("Hyde Park", "41.794300", "-87.590700", "60615", "E 53rd St", "S Harper Ave"),
                ("Lakeview", "41.943400", "-87.655300", "60657", "N Broadway", "W Belmont Ave"),
                ("Pilsen", "41.856500", "-87.659000", "60608", "W 18th St", "S Blue Island Ave"),
                ("West Loop", "41.882000", "-87.647000", "60607", "W Randolph St", "W Madison St"),
            ),
        ),
        City(
            "toronto",
            "Toronto",
            "CA-ON",
            "Toronto",
            ("fr", "zh", "pt", "ta", "it"),
            ("416", "647"),
            _places(
                ("The Annex", "43.670000", "-79.404000", "", "Bloor St W", "Spadina Ave"),
                ("Leslieville", "43.662000", "-79.333000", "", "Queen St E", "Carlaw Ave"),
                ("Yorkville", "43.671000", "-79.393000", "", "Yorkville Ave", "Bay St"),
                ("Liberty Village", "43.638000", "-79.421000", "", "Liberty St", "East Liberty St"),
                ("North York Centre", "43.768000", "-79.413000", "", "Yonge St", "Sheppard Ave E"),
                ("The Danforth", "43.679000", "-79.350000", "", "Danforth Ave", "Pape Ave"),
                ("Scarborough City Centre", "43.775000", "-79.258000", "", "Ellesmere Rd", "Progress Ave"),
                ("Etobicoke", "43.646000", "-79.525000", "", "Dundas St W", "Bloor St W"),
            ),
        ),
        City(
            "vancouver",
            "Vancouver",
            "CA-BC",
            "Vancouver",
            ("zh", "pa", "fr", "ko"),
            ("604", "778"),
            _places(
                ("Kitsilano", "49.268400", "-123.168000", "", "W 4th Ave", "W Broadway"),
                ("Mount Pleasant", "49.263000", "-123.100000", "", "Main St", "E Broadway"),
                ("Yaletown", "49.275000", "-123.121000", "", "Hamilton St", "Mainland St"),
                ("Grandview-Woodland", "49.276000", "-123.070000", "", "Commercial Dr", "E 1st Ave"),
                ("Kerrisdale", "49.234000", "-123.155000", "", "W 41st Ave", "W Boulevard"),
                ("West End", "49.285000", "-123.135000", "", "Denman St", "Davie St"),
            ),
        ),
        City(
            "sydney",
            "Sydney",
            "AU-NSW",
            "Sydney",
            ("zh", "ar", "vi", "el"),
            ("02",),
            _places(
                ("Surry Hills", "-33.886100", "151.211100", "2010", "Crown St", "Bourke St"),
                ("Bondi Junction", "-33.891600", "151.250000", "2022", "Oxford St", "Spring St"),
                ("Parramatta", "-33.815000", "151.001100", "2150", "Church St", "George St"),
                ("Chatswood", "-33.796900", "151.180300", "2067", "Victoria Ave", "Anderson St"),
                ("Newtown", "-33.897800", "151.179400", "2042", "King St", "Enmore Rd"),
                ("Manly", "-33.796900", "151.284000", "2095", "Pittwater Rd", "Sydney Rd"),
            ),
        ),
        City(
            "melbourne",
            "Melbourne",
            "AU-VIC",
            "Melbourne",
            ("el", "it", "zh", "vi"),
            ("03",),
            _places(
                ("Fitzroy", "-37.799000", "144.978000", "3065", "Brunswick St", "Gertrude St"),
                ("Richmond", "-37.823000", "144.998000", "3121", "Swan St", "Bridge Rd"),
                ("St Kilda", "-37.867600", "144.980900", "3182", "Acland St", "Fitzroy St"),
                ("Carlton", "-37.800000", "144.967000", "3053", "Lygon St", "Rathdowne St"),
                ("South Yarra", "-37.838000", "144.992000", "3141", "Chapel St", "Toorak Rd"),
                ("Brunswick", "-37.767000", "144.960000", "3056", "Sydney Rd", "Lygon St"),
            ),
        ),
        City(
            "london",
            "London",
            "GB-ENG",
            "London",
            ("pl", "ur", "bn", "ar"),
            ("020",),
            _places(
                ("Islington", "51.536200", "-0.103300", "", "Upper St", "Essex Rd"),
                ("Clapham", "51.462000", "-0.138000", "", "Clapham High St", "Abbeville Rd"),
                ("Marylebone", "51.520300", "-0.153700", "", "Harley St", "Marylebone High St"),
                ("Shoreditch", "51.526000", "-0.078000", "", "Great Eastern St", "Curtain Rd"),
                ("Richmond", "51.461300", "-0.303700", "", "George St", "Hill Rise"),
                ("Canary Wharf", "51.505400", "-0.023500", "", "Marsh Wall", "Westferry Rd"),
                ("Hampstead", "51.556000", "-0.178000", "", "Heath St", "Flask Walk"),
            ),
        ),
    ]
}

# The order clinics are placed in: the showcase cities first, so even a small demo has
# Denver, Delhi NCR (two jurisdictions, one commute apart), Mumbai, Toronto and Sydney;
# one full pass covers every city.
FIRST_PASS = [
    "denver",
    "new-delhi",
    "gurugram",
    "mumbai",
    "toronto",
    "sydney",
    "noida",
    "san-francisco",
    "chicago",
    "london",
    "bengaluru",
    "austin",
    "new-york",
    "seattle",
    "vancouver",
    "melbourne",
]
# Later passes weight the busiest demo cities.
LATER_PASSES = ["denver", "new-delhi", "mumbai", "toronto", "gurugram", "sydney", "austin", "bengaluru", "london"]


def city_for_clinic(index):
    """The city of the index-th demo clinic; the same for every demo size."""
    if index < len(FIRST_PASS):
        return CITIES[FIRST_PASS[index]]
    return CITIES[LATER_PASSES[(index - len(FIRST_PASS)) % len(LATER_PASSES)]]


def metro_cities(city):
    """Cities a clinic in `city` may open a branch in (Delhi NCR spans three jurisdictions)."""
    return [other for other in CITIES.values() if other.metro == city.metro]


def fictional_phone(rng, city):
    """A number from a range reserved for fiction, or '' where the country has none."""
    country = city.country
    if country in ("US", "CA"):
        return f"({rng.choice(city.area_codes)}) 555-01{rng.randrange(100):02d}"
    if country == "AU":
        return f"({city.area_codes[0]}) 5550 {rng.randrange(10000):04d}"
    if country == "GB":
        return f"020 7946 0{rng.randrange(1000):03d}"
    return ""


def street_address(rng, city, neighbourhood):
    street = rng.choice(neighbourhood.streets)
    if city.country == "IN":
        return f"{rng.choice('ABCDEFGHKLMN')}-{rng.randint(2, 180)}, {street}"
    if city.country == "GB":
        return f"{rng.randint(2, 180)} {street}"
    return f"{rng.randint(10, 2990)} {street}"
