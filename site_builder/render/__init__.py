"""Stage 4: which pages exist, their typed contexts, the Jinja2 environment, the search index."""
