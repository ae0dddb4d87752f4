"""Resource-efficient and cleaner production (RECP): firm and park figures, and the register of RECP measures."""
