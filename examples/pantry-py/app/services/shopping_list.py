"""Shopping lists: what to buy to cook a set of recipes with the current stock."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.models.item import PantryItem, Unit
from app.models.recipe import Recipe


@dataclass(frozen=True)
class ShoppingListEntry:
    name: str
    quantity: float
    unit: Unit


def build_shopping_list(recipes: list[tuple[Recipe, int]], stock: list[PantryItem]) -> list[ShoppingListEntry]:
    """Sums the scaled ingredients of every (recipe, servings) pair and subtracts the stock."""
    needed: dict[tuple[str, Unit], float] = defaultdict(float)
    for recipe, servings in recipes:
        for ingredient in recipe.scaled(servings):
            needed[(ingredient.name.lower(), ingredient.unit)] += ingredient.quantity
    have: dict[tuple[str, Unit], float] = defaultdict(float)
    for item in stock:
        have[(item.name.lower(), item.unit)] += item.quantity
    entries = [
        ShoppingListEntry(name, round(qty - have[(name, unit)], 2), unit)
        for (name, unit), qty in needed.items()
        if qty > have[(name, unit)]
    ]
    return sorted(entries, key=lambda e: e.name)
