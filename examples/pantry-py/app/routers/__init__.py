"""Router registry: every APIRouter of the service is listed here."""

from app.routers.expiry import router as expiry_router
from app.routers.items import router as items_router
from app.routers.recipes import router as recipes_router
from app.routers.shopping import router as shopping_router

ROUTERS = [items_router, expiry_router, recipes_router, shopping_router]
