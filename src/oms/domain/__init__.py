"""The framework-free model of oms: money, tax, stock and the sales documents."""
