"""Namro ("Năm rõ"): work management and accountability for a Party committee office."""
