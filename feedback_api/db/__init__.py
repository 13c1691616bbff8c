"""Storage: SQLAlchemy 2 async models and the engine/session factories."""
