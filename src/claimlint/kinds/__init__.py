"""Rule kinds: the only code that judges text. A YAML rule picks a kind and gives it data."""
