"""Integration tier: the command line, notebooks, reports and the browser."""
