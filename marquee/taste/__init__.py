"""Taste tests and compatibility."""
