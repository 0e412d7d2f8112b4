"""Charts: Vega-Lite specs from the models, and their static SVG renderings."""
