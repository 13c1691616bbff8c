"""Kokeilu feedback service: domain, storage, use cases, HTTP API and CLI."""

__version__ = "0.1.0"
