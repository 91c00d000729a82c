"""The package version, alone, so that core and app can read it without importing the root."""

__version__ = "0.1.0"
