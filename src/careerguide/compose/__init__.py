"""Compose: a guide and its settings -> one HTML page (templates, themes, fonts, FAQ, QR codes)."""
