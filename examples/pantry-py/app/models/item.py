"""Pantry items: what is in the cupboard, how much, and until when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Unit(str, Enum):
    PIECE = "piece"
    GRAM = "g"
    MILLILITRE = "ml"


@dataclass
class PantryItem:
    id: int
    name: str
    quantity: float
    unit: Unit
    expires_on: date | None = None
    location: str = "pantry"

    def is_expired(self, today: date) -> bool:
        return self.expires_on is not None and self.expires_on < today

    def days_until_expiry(self, today: date) -> int | None:
        if self.expires_on is None:
            return None
        return (self.expires_on - today).days
