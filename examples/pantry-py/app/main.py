"""ASGI entry point: `uvicorn app.main:app`."""

from fastapi import FastAPI

from app import __version__
from app.routers import ROUTERS

app = FastAPI(title="Pantry", version=__version__)
for router in ROUTERS:
    app.include_router(router)


@app.get("/healthz")
def healthz() -> dict:
    return {"ok": True}
