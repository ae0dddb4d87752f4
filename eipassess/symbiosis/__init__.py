"""Industrial symbiosis: the opportunity finder, the synergy register and the workshop pack."""
