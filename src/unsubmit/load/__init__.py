"""Loading: a case file read safely into plain data, with the place every value came from."""
