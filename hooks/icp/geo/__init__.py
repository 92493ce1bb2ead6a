"""Country boundaries at build time: the coordinate check and the SVG map of the cases.

Pure Python on the vendored world-atlas TopoJSON (hooks/icp/data/world-atlas); no map library in
the browser and no tile server.
"""
