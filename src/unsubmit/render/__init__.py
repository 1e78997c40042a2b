"""Rendering: context → DOCX template → clean, deterministic package on disk."""
