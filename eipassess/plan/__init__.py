"""Action plans: drafting one from the gaps, projecting the score if it is carried out, and its outcomes at the next round."""
