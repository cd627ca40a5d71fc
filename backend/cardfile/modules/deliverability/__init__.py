"""Deliverability: sending domains (SPF, DKIM, DMARC, return path) and their DNS checks."""
