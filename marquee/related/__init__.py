"""Related films and influences."""
