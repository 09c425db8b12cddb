"""Jurisdictions by ISO 3166-2 code: (code, name, kind)."""

US = [
    ("US-AL", "Alabama"),
    ("US-AK", "Alaska"),
    ("US-AZ", "Arizona"),
    ("US-AR", "Arkansas"),
    ("US-CA", "California"),
    ("US-CO", "Colorado"),
    ("US-CT", "Connecticut"),
    ("US-DE", "Delaware"),
    ("US-FL", "Florida"),
    ("US-GA", "Georgia"),
    ("US-HI", "Hawaii"),
    ("US-ID", "Idaho"),
    ("US-IL", "Illinois"),
    ("US-IN", "Indiana"),
    ("US-IA", "Iowa"),
    ("US-KS", "Kansas"),
    ("US-KY", "Kentucky"),
    ("US-LA", "Louisiana"),
    ("US-ME", "Maine"),
    ("US-MD", "Maryland"),
    ("US-MA", "Massachusetts"),
    ("US-MI", "Michigan"),
    ("US-MN", "Minnesota"),
    ("US-MS", "Mississippi"),
    ("US-MO", "Missouri"),
    ("US-MT", "Montana"),
    ("US-NE", "Nebraska"),
    ("US-NV", "Nevada"),
    ("US-NH", "New Hampshire"),
    ("US-NJ", "New Jersey"),
    ("US-NM", "New Mexico"),
    ("US-NY", "New York"),
    ("US-NC", "North Carolina"),
    ("US-ND", "North Dakota"),
    ("US-OH", "Ohio"),
    ("US-OK", "Oklahoma"),
    ("US-OR", "Oregon"),
    ("US-PA", "Pennsylvania"),
    ("US-RI", "Rhode Island"),
    ("US-SC", "South Carolina"),
    ("US-SD", "South Dakota"),
    ("US-TN", "Tennessee"),
    ("US-TX", "Texas"),
    ("US-UT", "Utah"),
    ("US-VT", "Vermont"),
    ("US-VA", "Virginia"),
    ("US-WA", "Washington"),
    ("US-WV", "West Virginia"),
    ("US-WI", "Wisconsin"),
    ("US-WY", "Wyoming"),
]
US_DISTRICT = [("US-DC", "District of Columbia")]

# ISO 3166-2:IN as revised in 2023 (IN-CG, IN-OD, IN-TG, IN-UK) and after the 2020 merger (IN-DH).
IN_STATES = [
    ("IN-AP", "Andhra Pradesh"),
    ("IN-AR", "Arunachal Pradesh"),
    ("IN-AS", "Assam"),
    ("IN-BR", "Bihar"),
    ("IN-CG", "Chhattisgarh"),
    ("IN-GA", "Goa"),
    ("IN-GJ", "Gujarat"),
    ("IN-HR", "Haryana"),
    ("IN-HP", "Himachal Pradesh"),
    ("IN-JH", "Jharkhand"),
    ("IN-KA", "Karnataka"),
    ("IN-KL", "Kerala"),
    ("IN-MP", "Madhya Pradesh"),
    ("IN-MH", "Maharashtra"),
    ("IN-MN", "Manipur"),
    ("IN-ML", "Meghalaya"),
    ("IN-MZ", "Mizoram"),
    ("IN-NL", "Nagaland"),
    ("IN-OD", "Odisha"),
    ("IN-PB", "Punjab"),
    ("IN-RJ", "Rajasthan"),
    ("IN-SK", "Sikkim"),
    ("IN-TN", "Tamil Nadu"),
    ("IN-TG", "Telangana"),
    ("IN-TR", "Tripura"),
    ("IN-UP", "Uttar Pradesh"),
    ("IN-UK", "Uttarakhand"),
    ("IN-WB", "West Bengal"),
]
IN_UNION_TERRITORIES = [
    ("IN-AN", "Andaman and Nicobar Islands"),
    ("IN-CH", "Chandigarh"),
    ("IN-DH", "Dadra and Nagar Haveli and Daman and Diu"),
    ("IN-DL", "Delhi"),
    ("IN-JK", "Jammu and Kashmir"),
    ("IN-LA", "Ladakh"),
    ("IN-LD", "Lakshadweep"),
    ("IN-PY", "Puducherry"),
]
CA_PROVINCES = [
    ("CA-AB", "Alberta"),
    ("CA-BC", "British Columbia"),
    ("CA-MB", "Manitoba"),
    ("CA-NB", "New Brunswick"),
    ("CA-NL", "Newfoundland and Labrador"),
    ("CA-NS", "Nova Scotia"),
    ("CA-ON", "Ontario"),
    ("CA-PE", "Prince Edward Island"),
    ("CA-QC", "Quebec"),
    ("CA-SK", "Saskatchewan"),
]
CA_TERRITORIES = [("CA-NT", "Northwest Territories"), ("CA-NU", "Nunavut"), ("CA-YT", "Yukon")]
AU_STATES = [
    ("AU-NSW", "New South Wales"),
    ("AU-QLD", "Queensland"),
    ("AU-SA", "South Australia"),
    ("AU-TAS", "Tasmania"),
    ("AU-VIC", "Victoria"),
    ("AU-WA", "Western Australia"),
]
AU_TERRITORIES = [("AU-ACT", "Australian Capital Territory"), ("AU-NT", "Northern Territory")]
GB_NATIONS = [("GB-ENG", "England"), ("GB-NIR", "Northern Ireland"), ("GB-SCT", "Scotland"), ("GB-WLS", "Wales")]

JURISDICTIONS = (
    [(code, name, "state") for code, name in US]
    + [(code, name, "district") for code, name in US_DISTRICT]
    + [(code, name, "state") for code, name in IN_STATES]
    + [(code, name, "union_territory") for code, name in IN_UNION_TERRITORIES]
    + [(code, name, "province") for code, name in CA_PROVINCES]
    + [(code, name, "territory") for code, name in CA_TERRITORIES]
    + [(code, name, "state") for code, name in AU_STATES]
    + [(code, name, "territory") for code, name in AU_TERRITORIES]
    + [(code, name, "nation") for code, name in GB_NATIONS]
)
