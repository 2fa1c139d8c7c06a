"""Dependency wiring for the routers."""

from __future__ import annotations

import os
from functools import lru_cache

from app.db import PantryRepository
from app.services.inventory import InventoryService


@lru_cache(maxsize=1)
def get_repository() -> PantryRepository:
    return PantryRepository(os.environ.get("PANTRY_DB", "pantry.db"))


def get_inventory() -> InventoryService:
    return InventoryService(get_repository())
