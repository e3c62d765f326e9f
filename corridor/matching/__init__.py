"""Person matching across scripts: normaliser, Splink linkage engine, PPRL encodings."""
