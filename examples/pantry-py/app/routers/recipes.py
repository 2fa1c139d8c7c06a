"""/recipes: stored recipes."""

from fastapi import APIRouter, HTTPException

from app.deps import get_repository

router = APIRouter(prefix="/recipes", tags=["recipes"])


@router.get("/{recipe_id}")
def get_recipe(recipe_id: int) -> dict:
    recipe = get_repository().get_recipe(recipe_id)
    if recipe is None:
        raise HTTPException(status_code=404, detail="recipe not found")
    return {
        "id": recipe.id,
        "title": recipe.title,
        "servings": recipe.servings,
        "ingredients": [vars(i) for i in recipe.ingredients],
    }
