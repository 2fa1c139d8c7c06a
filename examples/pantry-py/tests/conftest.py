import pytest

from app.db import PantryRepository
from app.services.inventory import InventoryService


@pytest.fixture
def repo() -> PantryRepository:
    return PantryRepository(":memory:")


@pytest.fixture
def inventory(repo: PantryRepository) -> InventoryService:
    return InventoryService(repo)
