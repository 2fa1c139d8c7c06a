from app.services.expiry import ExpiryAlert, find_expiring_items
from app.services.inventory import InventoryService, OutOfStockError
from app.services.shopping_list import ShoppingListEntry, build_shopping_list

__all__ = [
    "ExpiryAlert",
    "find_expiring_items",
    "InventoryService",
    "OutOfStockError",
    "ShoppingListEntry",
    "build_shopping_list",
]
