"""The synthetic registry of `manage.py generate_registry`: its word lists and its generator."""
