"""Layouts: the ways careers are printed (full guide, handout, booklet, roster), on one seam."""
