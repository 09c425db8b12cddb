"""Fees shown the way each currency's own readers write them (₹1,50,000.00 / $150.00)."""

from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency

# The locale whose conventions each currency is read in: INR groups digits in lakhs.
CURRENCY_LOCALES = {
    "INR": "en_IN",
    "USD": "en_US",
    "CAD": "en_CA",
    "AUD": "en_AU",
    "GBP": "en_GB",
    "EUR": "en_IE",
}
CURRENCY_CHOICES = [
    ("INR", "Indian rupee (INR)"),
    ("USD", "US dollar (USD)"),
    ("CAD", "Canadian dollar (CAD)"),
    ("AUD", "Australian dollar (AUD)"),
    ("GBP", "Pound sterling (GBP)"),
    ("EUR", "Euro (EUR)"),
]
COUNTRY_CURRENCIES = {"IN": "INR", "US": "USD", "CA": "CAD", "AU": "AUD", "GB": "GBP"}


def format_money(amount, currency):
    """Format an amount in its currency's own convention; whole amounts drop the decimals."""
    amount = Decimal(amount)
    locale = CURRENCY_LOCALES.get(currency, "en")
    if amount == amount.to_integral_value():
        pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
        return format_currency(amount, currency, locale=locale, format=pattern, currency_digits=False)
    return format_currency(amount, currency, locale=locale)
