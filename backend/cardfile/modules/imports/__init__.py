"""Imports of CSV/TXT files: upload, detection, mapping, the batched job and its report."""
