"""Posts: reading, validating and modelling the articles under ``posts/``."""
