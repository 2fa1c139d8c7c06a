"""Pydantic v2 models for change add-inventory.

Generated from the plan draft by parallel-plan; do not edit by hand.
Class names match the schema names in openapi/v1.yaml and the event schema titles.
"""
import datetime as _dt
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Problem", "Warehouse", "Product", "StockLevel", "ProductCreate", "AdjustStockRequest", "StockAdjustedEvent", "ProductPriceChangedEvent"]


class Problem(BaseModel):
    "RFC 7807 problem details returned with application/problem+json."

    # Problem types may add members (RFC 7807 section 3.2), so extra keys are allowed.
    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int = Field(ge=100, le=599)
    detail: str | None = None
    instance: str | None = None


class Warehouse(BaseModel):
    "Warehouse record (table warehouses)."

    model_config = ConfigDict(extra="forbid")

    id: UUID = Field(description="Identifier assigned by the server.")
    code: str = Field(max_length=16)
    city: str


class Product(BaseModel):
    "Product record (table products)."

    model_config = ConfigDict(extra="forbid")

    id: UUID = Field(description="Identifier assigned by the server.")
    sku: str = Field(max_length=32)
    name: str
    price: Decimal
    weight: float | None = None
    attributes: dict[str, Any] | None = None
    active: bool


class StockLevel(BaseModel):
    "StockLevel record (table stock_levels)."

    model_config = ConfigDict(extra="forbid")

    warehouse_code: str
    product_sku: str
    quantity: int
    reorder_at: int | None = None
    updated_at: _dt.datetime


class ProductCreate(BaseModel):
    "Fields sent to create a Product."

    model_config = ConfigDict(extra="forbid")

    sku: str = Field(max_length=32)
    name: str
    price: Decimal
    weight: float | None = None
    attributes: dict[str, Any] | None = None
    active: bool


class AdjustStockRequest(BaseModel):
    "Request body of adjustStock."

    model_config = ConfigDict(extra="forbid")

    product_sku: str
    delta: int
    reason: Literal["count", "sale", "return"]


class StockAdjustedEvent(BaseModel):
    "Event stock.adjusted v1: Stock of a product changed in a warehouse."

    model_config = ConfigDict(extra="forbid")

    warehouse_code: str
    product_sku: str
    delta: int
    occurred_at: _dt.datetime


class ProductPriceChangedEvent(BaseModel):
    "Event product.price.changed v2: A product got a new price."

    model_config = ConfigDict(extra="forbid")

    sku: str
    old_price: Decimal
    new_price: Decimal
    currency: Literal["EUR", "USD"]
