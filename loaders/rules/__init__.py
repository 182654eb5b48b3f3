"""Rule extractors, one module per entity type; :func:`policykg.loaders.extract.extract_sentence` runs them."""
