"""The HTTP service (optional extra ``http``: FastAPI + uvicorn) for software that does not
speak Python. See ``docs/http.md``; start it with ``bouwblokken serve``."""

from bouwblokken.http.app import API_VERSION, create_app, serve

__all__ = ["API_VERSION", "create_app", "serve"]
