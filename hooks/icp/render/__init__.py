"""The pages, fragments and scripts the site shows, written through one autoescaping Jinja2 environment."""
