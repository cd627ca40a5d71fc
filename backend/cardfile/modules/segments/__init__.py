"""Segments: saved rules over contacts, compiled to SQL in one place (rules.py)."""
