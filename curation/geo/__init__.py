"""Places: an offline GeoNames gazetteer and the resolution of place names in an article's context."""
