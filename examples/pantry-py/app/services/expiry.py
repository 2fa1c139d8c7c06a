"""Expiry alerts: which pantry items expire soon or already have."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.models.item import PantryItem

DEFAULT_WARNING_DAYS = 3


@dataclass(frozen=True)
class ExpiryAlert:
    item_id: int
    name: str
    days_left: int
    expired: bool


def find_expiring_items(items: list[PantryItem], today: date,
                        warning_days: int = DEFAULT_WARNING_DAYS) -> list[ExpiryAlert]:
    """Items that expire within `warning_days`, soonest first; expired ones included."""
    alerts: list[ExpiryAlert] = []
    for item in items:
        days = item.days_until_expiry(today)
        if days is None or days > warning_days:
            continue
        alerts.append(ExpiryAlert(item.id, item.name, days, days < 0))
    return sorted(alerts, key=lambda a: (a.days_left, a.name))
