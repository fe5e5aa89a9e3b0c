"""Figures of the pathway seen as a whole, for a centre and for the Region.

One module per family of figures; each figure is one set-based aggregation query that takes
a `StatsFilter` and returns a `Table` of counts; `suppression` decides what may be published
outside the centre that owns the data.
"""
