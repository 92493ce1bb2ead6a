"""Map projections, as plain math: equal-area both, so a country's drawn size is fair to its real size.

Each returns (x, y) with y growing north, in units of the Earth's radius; the map flips y for SVG.
"""

from __future__ import annotations

import math

# Equal Earth (Šavrič, Patterson and Jenny, 2018): a world map with straight parallels whose
# shapes look natural, as the Robinson does, while keeping areas true.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def lambert_azimuthal(center_lon: float, center_lat: float):
    """Lambert azimuthal equal-area around a centre: the projection of EPSG:3035, Europe's statistical maps."""
    lam0 = math.radians(center_lon)
    sin0, cos0 = math.sin(math.radians(center_lat)), math.cos(math.radians(center_lat))

    def project(lon: float, lat: float) -> tuple[float, float]:
        phi = math.radians(lat)
        dlam = math.radians(lon) - lam0
        sin_phi, cos_phi, cos_dlam = math.sin(phi), math.cos(phi), math.cos(dlam)
        k = math.sqrt(2 / max(1e-12, 1 + sin0 * sin_phi + cos0 * cos_phi * cos_dlam))
        return k * cos_phi * math.sin(dlam), k * (cos0 * sin_phi - sin0 * cos_phi * cos_dlam)

    return project
