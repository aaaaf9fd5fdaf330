"""Settings: what a build runs with, the options that set it (one declaration each), the school's marks (logo, colour)."""
