"""Films and people that reviews mention."""
