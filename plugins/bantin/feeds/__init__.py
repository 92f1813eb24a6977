"""Feeds: RSS 2.0 for the whole site and for each category."""
