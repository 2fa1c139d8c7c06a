"""/shopping-list: what to buy for planned recipes."""

from fastapi import APIRouter, HTTPException

from app.deps import get_repository
from app.schemas import ShoppingListEntryOut, ShoppingRequest
from app.services.shopping_list import build_shopping_list

router = APIRouter(prefix="/shopping-list", tags=["shopping"])


@router.post("", response_model=list[ShoppingListEntryOut])
def shopping_list(body: ShoppingRequest) -> list[ShoppingListEntryOut]:
    repo = get_repository()
    planned = []
    for recipe_id, servings in body.recipes.items():
        recipe = repo.get_recipe(recipe_id)
        if recipe is None:
            raise HTTPException(status_code=404, detail=f"recipe {recipe_id} not found")
        planned.append((recipe, servings))
    return [ShoppingListEntryOut(**vars(e)) for e in build_shopping_list(planned, repo.list_items())]
