"""Layouts: the ways one career is printed, on one seam, and the booklet's pages; pages only, no files."""
