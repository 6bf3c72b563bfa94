"""Meeting and document pages."""
