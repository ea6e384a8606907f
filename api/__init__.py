"""The FastAPI application, its REST routes, authentication, web pages and the CLI."""
