"""Open data: the files of the site's data/ folder (CSV, JSON, Frictionless, DCAT), as bytes."""
