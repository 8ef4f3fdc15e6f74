"""Evaluation against gold labels: agreement statistics."""
