"""Unit tier: small synthetic inputs written for the tests; never the real corpus."""
