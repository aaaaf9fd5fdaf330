"""Render: HTML pages -> laid-out pages (`LaidOut`) -> PDF bytes through the sandboxed fetcher; outputs written whole or not at all."""
