from datetime import date

import pytest

from app.models.item import Unit
from app.services.inventory import OutOfStockError


def test_add_stock_normalises_the_name(inventory):
    item = inventory.add_stock("  Oats ", 500, Unit.GRAM)
    assert item.name == "oats"
    assert inventory.total_quantity("OATS", Unit.GRAM) == 500


def test_consume_takes_from_the_batch_expiring_first(inventory):
    inventory.add_stock("milk", 1000, Unit.MILLILITRE, date(2026, 5, 10))
    inventory.add_stock("milk", 1000, Unit.MILLILITRE, date(2026, 5, 3))
    inventory.consume("milk", 1500, Unit.MILLILITRE)
    [left] = inventory.items()
    assert left.expires_on == date(2026, 5, 10)
    assert left.quantity == 500


def test_consume_more_than_stock_fails(inventory):
    inventory.add_stock("eggs", 2, Unit.PIECE)
    with pytest.raises(OutOfStockError):
        inventory.consume("eggs", 3, Unit.PIECE)


def test_add_stock_rejects_non_positive_quantities(inventory):
    with pytest.raises(ValueError):
        inventory.add_stock("rice", 0, Unit.GRAM)
