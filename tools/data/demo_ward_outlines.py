#!/usr/bin/env python3
"""Writes deploy/data/boundary/long-an-wards-demo.geojson: demo ward outlines for the console's map.

There is no open dataset of the wards after the 2025 merger to ship, so the demo outlines are the
Voronoi cells of the demo catalogue's ward centres (deploy/demo/feedback_catalog.json), clipped to
the province outline and to a box around the centres. They are for the demo's heat layer only:
replace the file with the official ward polygons (same properties: code, name).
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
MARGIN = 0.04  # degrees around the outermost centres


def clip(polygon, a, b, c):
    """Sutherland-Hodgman: the part of polygon where a*x + b*y <= c."""
    out = []
    for i, p in enumerate(polygon):
        q = polygon[(i + 1) % len(polygon)]
        pin = a * p[0] + b * p[1] <= c
        qin = a * q[0] + b * q[1] <= c
        if pin:
            out.append(p)
        if pin != qin:
            t = (c - a * p[0] - b * p[1]) / (a * (q[0] - p[0]) + b * (q[1] - p[1]))
            out.append([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
    return out


def main():
    catalog = json.loads((ROOT / "deploy/demo/feedback_catalog.json").read_text())
    outline = json.loads((ROOT / "deploy/data/boundary/long-an.geojson").read_text())
    ring = [list(p) for p in outline["geometry"]["coordinates"][0][:-1]]
    wards = catalog["wards"]
    centres = [(w["center"]["longitude"], w["center"]["latitude"]) for w in wards]
    lo_x = min(x for x, _ in centres) - MARGIN
    hi_x = max(x for x, _ in centres) + MARGIN
    lo_y = min(y for _, y in centres) - MARGIN
    hi_y = max(y for _, y in centres) + MARGIN
    features = []
    for i, w in enumerate(wards):
        cell = ring
        for a, b, c in ((1, 0, hi_x), (-1, 0, -lo_x), (0, 1, hi_y), (0, -1, -lo_y)):
            cell = clip(cell, a, b, c)
        xi, yi = centres[i]
        for j, (xj, yj) in enumerate(centres):
            if j == i:
                continue
            # Closer to i than to j: 2(xj-xi)x + 2(yj-yi)y <= xj²+yj²-xi²-yi²
            cell = clip(cell, 2 * (xj - xi), 2 * (yj - yi), xj * xj + yj * yj - xi * xi - yi * yi)
        if len(cell) < 3:
            continue
        coords = [[round(x, 5), round(y, 5)] for x, y in cell]
        features.append({
            "type": "Feature",
            "properties": {"code": w["code"], "name": w["name"]},
            "geometry": {"type": "Polygon", "coordinates": [coords + [coords[0]]]},
        })
    doc = {
        "type": "FeatureCollection",
        "note": "Demo ward outlines (Voronoi cells of the demo wards' centres, clipped to the province outline); "
                "made by tools/data/demo_ward_outlines.py. Not administrative boundaries: replace with the official ones.",
        "features": features,
    }
    out = ROOT / "deploy/data/boundary/long-an-wards-demo.geojson"
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    print(f"{out.relative_to(ROOT)}: {len(features)} wards")


if __name__ == "__main__":
    main()
