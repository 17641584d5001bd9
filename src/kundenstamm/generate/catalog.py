"""Fixed reference lists for the synthetic data: names, places, products, channels."""

from __future__ import annotations

FIRST_NAMES = (
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hannah",
    "Jonas",
    "Julia",
    "Karl",
    "Lea",
    "Leon",
    "Lukas",
    "Maria",
    "Max",
    "Mia",
    "Noah",
    "Paul",
    "Sophie",
    "Thomas",
    "Ute",
    "Sabine",
    "Stefan",
    "Petra",
    "Michael",
    "Katrin",
    "Andreas",
    "Nina",
    "Tobias",
)
LAST_NAMES = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Zimmermann",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Frei",
    "Huber",
)
COMPANY_STEMS = (
    "Bäckerei",
    "Metallbau",
    "Autohaus",
    "Gärtnerei",
    "Elektro",
    "Sanitär",
    "Druckerei",
    "Hotel",
    "Tischlerei",
    "Praxis",
    "Kanzlei",
    "Software",
    "Logistik",
    "Maschinenbau",
    "Café",
    "Optik",
)
LEGAL_FORMS = ("GmbH", "GmbH & Co. KG", "AG", "e.K.", "OHG", "KG", "UG")
# region, country, first digit(s) of the postal code, city, weight
PLACES = (
    ("Bayern", "DE", "80", "München", 14),
    ("Bayern", "DE", "90", "Nürnberg", 6),
    ("Baden-Württemberg", "DE", "70", "Stuttgart", 12),
    ("Berlin", "DE", "10", "Berlin", 9),
    ("Hamburg", "DE", "20", "Hamburg", 6),
    ("Hessen", "DE", "60", "Frankfurt am Main", 8),
    ("Nordrhein-Westfalen", "DE", "50", "Köln", 12),
    ("Nordrhein-Westfalen", "DE", "40", "Düsseldorf", 8),
    ("Niedersachsen", "DE", "30", "Hannover", 7),
    ("Sachsen", "DE", "01", "Dresden", 5),
    ("Wien", "AT", "10", "Wien", 4),
    ("Zürich", "CH", "80", "Zürich", 3),
    ("Bern", "CH", "30", "Bern", 2),
)
INDUSTRIES = (
    "craft",
    "retail",
    "manufacturing",
    "hospitality",
    "health",
    "software",
    "logistics",
    "services",
)
COMPANY_SIZES = ("1-9", "10-49", "50-249", "250+")
CULTURE_TAGS = (
    "family-owned",
    "informal",
    "traditional",
    "corporate",
    "startup",
    "sustainability-minded",
)
OWNERS = ("Anna Schmidt", "Ben Koch", "Carla Wolf", "Deniz Aydin", "Eva Braun", "Frank Lange")
CHANNELS = ("search", "social", "online_ads", "referral", "trade_fair", "partner", "direct")
# acquisition channel weights for private and company accounts, and cost per acquisition (EUR)
CHANNEL_WEIGHTS_B2C = (0.32, 0.22, 0.20, 0.14, 0.01, 0.03, 0.08)
CHANNEL_WEIGHTS_B2B = (0.12, 0.04, 0.08, 0.22, 0.24, 0.20, 0.10)
CHANNEL_CPA_EUR = (70.0, 45.0, 110.0, 25.0, 450.0, 160.0, 8.0)
ROLES_B2B = ("owner", "managing_director", "purchasing", "technical_lead", "assistant")
GIFTS = ("football_ticket", "wine", "voucher", "none")
INTERACTION_TYPES = ("email", "call", "meeting", "webinar", "chat", "social")
CANCEL_REASONS = ("price", "quality", "service", "competitor", "no_need", "moved", "other")
CANCEL_TEXTS = {
    "price": ("Zu teuer geworden", "Preiserhöhung nicht akzeptabel", ""),
    "quality": ("Qualität hat nachgelassen", "Zu viele Reklamationen", ""),
    "service": ("Service war nicht erreichbar", "Lieferungen immer verspätet", ""),
    "competitor": ("Zum Wettbewerber gewechselt", "Besseres Angebot bekommen", ""),
    "no_need": ("Kein Bedarf mehr", "Betrieb umgestellt", ""),
    "moved": ("Umgezogen", "Standort geschlossen", ""),
    "other": ("", "Sonstiges", ""),
}
LOST_REASONS = ("no_budget", "no_response", "competitor", "not_a_fit", "timing")
NPS_COMMENTS = {
    "promoter": ("Sehr zufrieden, gerne wieder", "Top Beratung", "Schnelle Lieferung", ""),
    "passive": ("Passt soweit", "Preis ok", "", ""),
    "detractor": (
        "Lieferung zu langsam",
        "Reklamation nicht gelöst",
        "Zu teuer",
        "Kaum erreichbar",
        "",
    ),
}
# category, replenishment cycle in days (0 = none), base price EUR, has a premium tier
CATEGORIES = (
    ("raw_materials", 30, 25.0, True),
    ("packaging", 60, 15.0, False),
    ("cleaning", 45, 12.0, True),
    ("machines", 0, 900.0, True),
    ("maintenance", 180, 120.0, False),
    ("spare_parts", 0, 60.0, False),
    ("tools", 0, 45.0, True),
    ("software", 365, 300.0, True),
    ("training", 0, 250.0, False),
    ("office", 90, 20.0, False),
)
# pairs of categories bought together far more often than by chance
AFFINITY = {
    "raw_materials": "packaging",
    "packaging": "raw_materials",
    "machines": "maintenance",
    "maintenance": "spare_parts",
    "spare_parts": "tools",
    "tools": "spare_parts",
    "software": "training",
    "training": "software",
    "cleaning": "office",
    "office": "cleaning",
}
