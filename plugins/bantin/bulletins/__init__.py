"""Bulletins (bản tin): periodic issues compiled from the posts, engine-free."""
