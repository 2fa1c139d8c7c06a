from datetime import date

from app.models.item import PantryItem, Unit
from app.services.expiry import find_expiring_items

TODAY = date(2026, 4, 1)


def item(i: int, name: str, expires_on: date | None) -> PantryItem:
    return PantryItem(i, name, 1, Unit.PIECE, expires_on)


def test_items_within_the_warning_window_soonest_first():
    items = [
        item(1, "yoghurt", date(2026, 4, 3)),
        item(2, "bread", date(2026, 4, 2)),
        item(3, "rice", date(2026, 9, 1)),
        item(4, "salt", None),
    ]
    alerts = find_expiring_items(items, TODAY)
    assert [a.name for a in alerts] == ["bread", "yoghurt"]


def test_expired_items_are_flagged():
    [alert] = find_expiring_items([item(1, "cream", date(2026, 3, 30))], TODAY)
    assert alert.expired and alert.days_left == -2
