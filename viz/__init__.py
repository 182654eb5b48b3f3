"""HTML views over query results: pyvis neighbourhood pages and the overview page.

Views only read: they receive plain dicts from a store and return HTML.
Every page works with no network access (vis-network is inlined from the
pyvis package) and escapes every name.
"""
