"""Stage 3: facts computed from the validated models (progress, grades, plausibility)."""
