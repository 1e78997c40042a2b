"""The caseload: an organisation's table imported into case files, and what was sent since."""
