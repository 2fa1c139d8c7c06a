"""Stock keeping: add, consume and look up pantry items."""

from __future__ import annotations

from datetime import date

from app.db import PantryRepository
from app.models.item import PantryItem, Unit


class OutOfStockError(ValueError):
    """Raised when more of an item is consumed than the pantry holds."""


class InventoryService:
    def __init__(self, repo: PantryRepository) -> None:
        self.repo = repo

    def add_stock(self, name: str, quantity: float, unit: Unit, expires_on: date | None = None) -> PantryItem:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        return self.repo.add_item(name.strip().lower(), quantity, unit, expires_on)

    def total_quantity(self, name: str, unit: Unit) -> float:
        key = name.strip().lower()
        return sum(i.quantity for i in self.repo.list_items() if i.name == key and i.unit == unit)

    def consume(self, name: str, quantity: float, unit: Unit) -> None:
        """Consumes from the batches that expire first (FIFO by expiry date)."""
        key = name.strip().lower()
        if self.total_quantity(key, unit) < quantity:
            raise OutOfStockError(f"not enough {key}")
        batches = sorted(
            (i for i in self.repo.list_items() if i.name == key and i.unit == unit),
            key=lambda i: (i.expires_on is None, i.expires_on or date.max),
        )
        remaining = quantity
        for batch in batches:
            if remaining <= 0:
                break
            taken = min(batch.quantity, remaining)
            remaining -= taken
            if taken == batch.quantity:
                self.repo.delete_item(batch.id)
            else:
                self.repo.update_quantity(batch.id, batch.quantity - taken)

    def items(self) -> list[PantryItem]:
        return self.repo.list_items()
