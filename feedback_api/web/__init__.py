"""The FastAPI app: JSON API under /api/v1, health, and (later) the web pages."""
