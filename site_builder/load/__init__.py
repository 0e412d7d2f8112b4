"""Stage 1: read every input file and validate it into typed models."""
