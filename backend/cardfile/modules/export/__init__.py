"""CSV export of a selection of contacts, as a job, served by a signed, expiring link."""
