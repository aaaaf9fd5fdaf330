"""Render: HTML pages -> PDF bytes through the sandboxed fetcher; outputs written whole or not at all."""
