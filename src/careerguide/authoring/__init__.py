"""Authoring: start, check and watch guides (new, init, check, watch)."""
