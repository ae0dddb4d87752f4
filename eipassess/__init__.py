"""eipassess: assess industrial parks against the International Framework for Eco-Industrial Parks."""

__version__ = "0.1.0"
