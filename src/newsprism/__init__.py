"""newsprism: one news story seen through every outlet that covered it."""

__version__ = "0.1.0"

__all__ = ["__version__"]
