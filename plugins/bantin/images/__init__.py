"""Photos for readers on phones: resized, re-encoded, stripped of EXIF, cached.

Nothing here imports MkDocs: the adapter asks :class:`~.cache.PhotoCache` for a
:class:`~.model.PhotoSet` and publishes its files.
"""
