from app.models.item import PantryItem, Unit
from app.models.recipe import Ingredient, Recipe
from app.services.shopping_list import build_shopping_list

PANCAKES = Recipe(1, "Pancakes", 2, [
    Ingredient("Flour", 200, Unit.GRAM),
    Ingredient("Milk", 300, Unit.MILLILITRE),
    Ingredient("Eggs", 2, Unit.PIECE),
])


def test_scales_recipes_and_subtracts_stock():
    stock = [PantryItem(1, "flour", 150, Unit.GRAM), PantryItem(2, "eggs", 6, Unit.PIECE)]
    entries = build_shopping_list([(PANCAKES, 4)], stock)
    assert [(e.name, e.quantity, e.unit) for e in entries] == [
        ("flour", 250, Unit.GRAM),
        ("milk", 600, Unit.MILLILITRE),
    ]


def test_recipes_stored_in_the_repository_round_trip(repo):
    stored = repo.add_recipe(PANCAKES.title, PANCAKES.servings, PANCAKES.ingredients)
    assert repo.get_recipe(stored.id) == stored
