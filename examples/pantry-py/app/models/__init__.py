from app.models.item import PantryItem, Unit
from app.models.recipe import Ingredient, Recipe

__all__ = ["PantryItem", "Unit", "Ingredient", "Recipe"]
