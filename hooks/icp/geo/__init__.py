"""Country boundaries at build time: the coordinate check and the SVG map of the cases.

Pure Python on the vendored world-atlas TopoJSON (hooks/icp/data/world-atlas); no map library in
the browser and no tile server.
"""

from .atlas import country_shapes
from .locate import locate
from .svgmap import Place, in_view, map_svg, places_by_city

__all__ = ["Place", "country_shapes", "in_view", "locate", "map_svg", "places_by_city"]
