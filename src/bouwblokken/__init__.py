"""bouwblokken: exact, explainable social-return building blocks."""

__version__ = "0.1.0"
