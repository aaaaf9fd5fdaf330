"""Core: what a guide is and what a counselor chose (model, loading, settings, words, errors)."""
