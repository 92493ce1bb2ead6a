"""Approximate coordinates of the synthetic cases' cities (synthetic.CITIES), for maps at scale.

APPROXIMATE: written from general knowledge of where these well-known cities lie, to about 0.01°
(1 km), not copied from a gazetteer; good enough to place a marker, not to survey by. Each entry is
checked against its country's boundary by tests/test_worldmap.py.
"""

from __future__ import annotations

# city -> (lat, lon)
CITY_COORDINATES: dict[str, tuple[float, float]] = {
    "Melbourne": (-37.81, 144.96), "Ballarat": (-37.56, 143.85), "Maribyrnong": (-37.77, 144.89),
    "Sydney": (-33.87, 151.21),
    "Vienna": (48.21, 16.37), "Graz": (47.07, 15.44), "Linz": (48.31, 14.29), "Salzburg": (47.81, 13.06),
    "Montréal": (45.50, -73.57), "Toronto": (43.65, -79.38), "Vancouver": (49.28, -123.12),
    "Calgary": (51.05, -114.07),
    "Rijeka": (45.33, 14.44), "Zagreb": (45.81, 15.98), "Split": (43.51, 16.44), "Osijek": (45.55, 18.69),
    "Limassol": (34.71, 33.02), "Nicosia": (35.19, 33.38), "Larnaca": (34.92, 33.64), "Paphos": (34.77, 32.43),
    "Copenhagen": (55.68, 12.57), "Aarhus": (56.16, 10.20), "Odense": (55.40, 10.40), "Aalborg": (57.05, 9.92),
    "Strasbourg": (48.57, 7.75), "Lyon": (45.76, 4.84), "Paris": (48.86, 2.35), "Montreuil": (48.86, 2.44),
    "Stuttgart": (48.78, 9.18), "Munich": (48.14, 11.58), "Berlin-Neukölln": (52.48, 13.44),
    "Erlangen": (49.59, 11.00),
    "Athens": (37.98, 23.73), "Ioannina": (39.66, 20.85), "Patras": (38.25, 21.73),
    "Thessaloniki": (40.64, 22.94),
    "Reykjavík": (64.15, -21.94), "Akureyri": (65.68, -18.09), "Hafnarfjörður": (64.07, -21.95),
    "Kópavogur": (64.11, -21.91),
    "Dublin": (53.35, -6.26), "Limerick": (52.66, -8.63), "Cork": (51.90, -8.47), "Galway": (53.27, -9.05),
    "Haifa": (32.79, 34.99), "Jaffa": (32.05, 34.75), "Beersheba": (31.25, 34.79), "Nazareth": (32.70, 35.30),
    "Reggio Emilia": (44.70, 10.63), "Turin": (45.07, 7.69), "Bergamo": (45.70, 9.68), "Palermo": (38.12, 13.36),
    "Hamamatsu": (34.71, 137.73), "Kawasaki": (35.53, 139.70), "Shinjuku": (35.69, 139.70),
    "Osaka": (34.69, 135.50),
    "Amsterdam": (52.37, 4.90), "Rotterdam": (51.92, 4.48), "Utrecht": (52.09, 5.12), "Leeuwarden": (53.20, 5.80),
    "Auckland": (-36.85, 174.76), "Wellington": (-41.29, 174.78), "Christchurch": (-43.53, 172.64),
    "Hamilton": (-37.79, 175.28),
    "Oslo": (59.91, 10.75), "Bergen": (60.39, 5.32), "Drammen": (59.74, 10.20), "Stavanger": (58.97, 5.73),
    "Lisbon": (38.72, -9.14), "Amadora": (38.75, -9.23), "Porto": (41.16, -8.63), "Cascais": (38.70, -9.42),
    "Novi Sad": (45.27, 19.83), "Belgrade": (44.79, 20.46), "Subotica": (46.10, 19.67), "Niš": (43.32, 21.90),
    "Barcelona": (41.39, 2.17), "Bilbao": (43.26, -2.93), "Getxo": (43.36, -3.01), "Sabadell": (41.55, 2.11),
    "Botkyrka": (59.20, 17.83), "Gothenburg": (57.71, 11.97), "Malmö": (55.61, 13.00), "Uppsala": (59.86, 17.64),
    "Geneva": (46.20, 6.14), "Neuchâtel": (46.99, 6.93), "Zurich": (47.38, 8.54), "Lausanne": (46.52, 6.63),
    "Lviv": (49.84, 24.03), "Odesa": (46.48, 30.72), "Melitopol": (46.85, 35.37), "Pavlohrad": (48.54, 35.87),
    "Bristol": (51.45, -2.59), "Leicester": (52.64, -1.13), "Glasgow": (55.86, -4.25),
    "London Borough of Lewisham": (51.45, -0.02),
}
