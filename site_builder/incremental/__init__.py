"""What one process keeps between builds, and what every process keeps on disk between runs."""
