"""/expiry: items that expire soon."""

from datetime import date

from fastapi import APIRouter, Depends

from app.deps import get_inventory
from app.schemas import ExpiryAlertOut
from app.services.expiry import DEFAULT_WARNING_DAYS, find_expiring_items
from app.services.inventory import InventoryService

router = APIRouter(prefix="/expiry", tags=["expiry"])


@router.get("", response_model=list[ExpiryAlertOut])
def expiring_items(days: int = DEFAULT_WARNING_DAYS,
                   inventory: InventoryService = Depends(get_inventory)) -> list[ExpiryAlertOut]:
    alerts = find_expiring_items(inventory.items(), date.today(), days)
    return [ExpiryAlertOut(**vars(a)) for a in alerts]
