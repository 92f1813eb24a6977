"""``bantin import``: articles from old portal pages and Word files, as draft posts.

Domain code: nothing here imports MkDocs or Jinja. The command-line adapter
(:mod:`bantin.adapter.cli`) calls :func:`bantin.importer.batch.import_paths`.
"""
