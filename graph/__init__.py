"""The graph side of policykg: schema, records, entity resolution, stores and analytics.

Nothing here imports FastAPI or pyvis.
"""
