"""Pure helpers with no models: environment parsing, Vietnamese text and formatting."""
