"""Amounts of money: a Decimal and an ISO 4217 currency, never summed across currencies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    EUR = "EUR", _("Euro")
    USD = "USD", _("US dollar")
    MAD = "MAD", _("Moroccan dirham")
    TND = "TND", _("Tunisian dinar")
    MRU = "MRU", _("Mauritanian ouguiya")
    LYD = "LYD", _("Libyan dinar")
    EGP = "EGP", _("Egyptian pound")
    GBP = "GBP", _("Pound sterling")
    CHF = "CHF", _("Swiss franc")
    SEK = "SEK", _("Swedish krona")


def amount_field(verbose_name):
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, null=True, blank=True)


def currency_field(verbose_name=None):
    return models.CharField(verbose_name or _("currency"), max_length=3, choices=Currency.choices, blank=True)


def check_amount(amount, currency, amount_name: str = "amount", currency_name: str = "currency") -> dict:
    """Errors for an amount without currency or a negative amount, by field."""
    errors = {}
    if amount is not None and amount < 0:
        errors[amount_name] = _("An amount cannot be negative.")
    if amount is not None and not currency:
        errors[currency_name] = _("Give the currency of the amount.")
    if amount is None and currency:
        errors[amount_name] = _("Give the amount in this currency, or clear the currency.")
    return errors
