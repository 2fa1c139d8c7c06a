"""Recipes and the ingredients they need."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.models.item import Unit


@dataclass(frozen=True)
class Ingredient:
    name: str
    quantity: float
    unit: Unit


@dataclass
class Recipe:
    id: int
    title: str
    servings: int
    ingredients: list[Ingredient] = field(default_factory=list)

    def scaled(self, servings: int) -> list[Ingredient]:
        factor = servings / self.servings
        return [Ingredient(i.name, round(i.quantity * factor, 2), i.unit) for i in self.ingredients]
