"""Organisations of a mission: candidates, name forms, lists, institutions and kinds."""
