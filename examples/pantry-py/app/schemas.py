"""Request and response bodies of the HTTP API (pydantic)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from app.models.item import Unit


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    quantity: float = Field(gt=0)
    unit: Unit
    expires_on: date | None = None


class ItemOut(ItemIn):
    id: int
    location: str


class ConsumeIn(BaseModel):
    quantity: float = Field(gt=0)
    unit: Unit


class ExpiryAlertOut(BaseModel):
    item_id: int
    name: str
    days_left: int
    expired: bool


class ShoppingRequest(BaseModel):
    recipes: dict[int, int] = Field(description="recipe id -> servings")


class ShoppingListEntryOut(BaseModel):
    name: str
    quantity: float
    unit: Unit
