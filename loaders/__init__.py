"""Loaders: read a source file, outline it, extract entities and relations.

They produce plain :mod:`policykg.graph.records`; nothing here imports a store.
"""
