"""Checking: the JSON Schema, the models and the rules over a loaded case, as findings."""
