"""Core: what every layer shares: the one error type, printed words, the Markdown subset, a composed page, bundled resources."""
