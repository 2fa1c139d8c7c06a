"""Pantry service: inventory, expiry alerts and shopping lists."""

__version__ = "0.7.0"
