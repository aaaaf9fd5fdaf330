"""O*NET and BLS files read by header name."""
