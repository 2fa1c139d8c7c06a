"""SQLite repository for pantry items and recipes (schema from migrations/versions)."""

from __future__ import annotations

import sqlite3
from datetime import date

from app.models.item import PantryItem, Unit
from app.models.recipe import Ingredient, Recipe

SCHEMA = """
CREATE TABLE IF NOT EXISTS pantry_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit TEXT NOT NULL,
  expires_on TEXT,
  location TEXT NOT NULL DEFAULT 'pantry'
);
CREATE TABLE IF NOT EXISTS recipes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  servings INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS recipe_ingredients (
  recipe_id INTEGER NOT NULL REFERENCES recipes(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit TEXT NOT NULL
);
"""


class PantryRepository:
    def __init__(self, path: str = ":memory:") -> None:
        self.conn = sqlite3.connect(path)
        self.conn.executescript(SCHEMA)

    def add_item(self, name: str, quantity: float, unit: Unit, expires_on: date | None = None,
                 location: str = "pantry") -> PantryItem:
        cur = self.conn.execute(
            "INSERT INTO pantry_items (name, quantity, unit, expires_on, location) VALUES (?, ?, ?, ?, ?)",
            (name, quantity, unit.value, expires_on.isoformat() if expires_on else None, location),
        )
        self.conn.commit()
        return PantryItem(int(cur.lastrowid or 0), name, quantity, unit, expires_on, location)

    def update_quantity(self, item_id: int, quantity: float) -> None:
        self.conn.execute("UPDATE pantry_items SET quantity = ? WHERE id = ?", (quantity, item_id))
        self.conn.commit()

    def delete_item(self, item_id: int) -> None:
        self.conn.execute("DELETE FROM pantry_items WHERE id = ?", (item_id,))
        self.conn.commit()

    def list_items(self) -> list[PantryItem]:
        rows = self.conn.execute(
            "SELECT id, name, quantity, unit, expires_on, location FROM pantry_items ORDER BY id"
        ).fetchall()
        return [
            PantryItem(r[0], r[1], r[2], Unit(r[3]), date.fromisoformat(r[4]) if r[4] else None, r[5])
            for r in rows
        ]

    def add_recipe(self, title: str, servings: int, ingredients: list[Ingredient]) -> Recipe:
        cur = self.conn.execute("INSERT INTO recipes (title, servings) VALUES (?, ?)", (title, servings))
        recipe_id = int(cur.lastrowid or 0)
        self.conn.executemany(
            "INSERT INTO recipe_ingredients (recipe_id, name, quantity, unit) VALUES (?, ?, ?, ?)",
            [(recipe_id, i.name, i.quantity, i.unit.value) for i in ingredients],
        )
        self.conn.commit()
        return Recipe(recipe_id, title, servings, list(ingredients))

    def get_recipe(self, recipe_id: int) -> Recipe | None:
        row = self.conn.execute("SELECT id, title, servings FROM recipes WHERE id = ?", (recipe_id,)).fetchone()
        if row is None:
            return None
        ingredients = [
            Ingredient(r[0], r[1], Unit(r[2]))
            for r in self.conn.execute(
                "SELECT name, quantity, unit FROM recipe_ingredients WHERE recipe_id = ?", (recipe_id,)
            )
        ]
        return Recipe(row[0], row[1], row[2], ingredients)
