"""Resource flows of a park's firms and neighbours: what they discard and what they need."""
