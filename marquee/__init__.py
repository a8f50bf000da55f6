"""Marquee: a self-hosted film review journal."""

__version__ = "0.1.0"
