"""The FastAPI application, its REST routes, authentication and web pages."""
