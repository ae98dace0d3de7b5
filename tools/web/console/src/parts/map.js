// Leaflet over our own GeoJSON only (there is no tile server): the province outline, the ward
// outlines, and whatever a screen adds. Colours and sizes come from the stylesheet's classes.
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import L from 'leaflet';
import outlineText from '../../../../../deploy/data/boundary/long-an.geojson?raw';
import wardsText from '../../../../../deploy/data/boundary/long-an-wards-demo.geojson?raw';

export const provinceOutline = JSON.parse(outlineText);
export const wardOutlines = JSON.parse(wardsText);

// <${MapView} label="…" onReady=${(map) => …} />: onReady gets the Leaflet map once.
export function MapView({ label, onReady, className = 'map', view }) {
  const el = useRef(null);
  useEffect(() => {
    const map = L.map(el.current, { attributionControl: false, zoomSnap: 0.25 }); // SVG: the stylesheet colours the shapes
    L.geoJSON(provinceOutline, { style: { className: 'province', weight: 2, fill: true, fillOpacity: 0.6 } }).addTo(map);
    const wards = L.geoJSON(wardOutlines, { style: { className: 'ward-line', weight: 1, fill: false } }).addTo(map);
    if (view) map.setView(view.center, view.zoom);
    else map.fitBounds(wards.getBounds(), { padding: [10, 10] });
    const teardown = onReady ? onReady(map, L) : undefined;
    return () => {
      if (typeof teardown === 'function') teardown();
      map.remove();
    };
  }, []);
  return html`<div class=${className} ref=${el} role="region" aria-label=${label}></div>`;
}

export { L };
