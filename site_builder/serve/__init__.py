"""The local server for looking at the site before publishing."""
