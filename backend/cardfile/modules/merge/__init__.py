"""Merge contacts into one, and find the likely duplicates (issue 16, items 5 and 6)."""
