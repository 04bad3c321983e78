"""The learning network (læringsnetværk) across units."""
