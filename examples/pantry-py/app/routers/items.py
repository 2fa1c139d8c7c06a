"""/items: pantry stock."""

from fastapi import APIRouter, Depends, HTTPException

from app.deps import get_inventory
from app.schemas import ConsumeIn, ItemIn, ItemOut
from app.services.inventory import InventoryService, OutOfStockError

router = APIRouter(prefix="/items", tags=["inventory"])


@router.get("", response_model=list[ItemOut])
def list_items(inventory: InventoryService = Depends(get_inventory)) -> list[ItemOut]:
    return [ItemOut(**vars(i)) for i in inventory.items()]


@router.post("", response_model=ItemOut, status_code=201)
def add_item(body: ItemIn, inventory: InventoryService = Depends(get_inventory)) -> ItemOut:
    item = inventory.add_stock(body.name, body.quantity, body.unit, body.expires_on)
    return ItemOut(**vars(item))


@router.post("/{name}/consume", status_code=204)
def consume_item(name: str, body: ConsumeIn, inventory: InventoryService = Depends(get_inventory)) -> None:
    try:
        inventory.consume(name, body.quantity, body.unit)
    except OutOfStockError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
