// Cameras and authorised perimeters of a contract on a Leaflet map without tile layer (no external request): each
// camera is a point, with its declared field of view drawn as a sector (bearing and angle); the table below the map
// lists the same cameras.
(function () {
  const element = document.getElementById('carte-cameras');
  if (!element || typeof L === 'undefined') return;
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.5 });
  const sectorMetres = 40;

  function sector(latLng, bearing, angle) {
    const points = [latLng];
    const steps = 12;
    for (let i = 0; i <= steps; i++) {
      const a = (bearing - angle / 2 + (angle * i) / steps) * Math.PI / 180;
      const dLat = (sectorMetres * Math.cos(a)) / 111320;
      const dLng = (sectorMetres * Math.sin(a)) / (111320 * Math.cos(latLng.lat * Math.PI / 180));
      points.push(L.latLng(latLng.lat + dLat, latLng.lng + dLng));
    }
    return points;
  }

  fetch(element.dataset.source, { headers: { Accept: 'application/geo+json' } })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (geojson) {
      if (geojson.features.length === 0) {
        element.textContent = 'Aucune caméra ni périmètre enregistré.';
        return;
      }
      const layer = L.geoJSON(geojson, {
        style: function () { return { color: '#000091', weight: 2, fillOpacity: 0.05 }; },
        pointToLayer: function (feature, latLng) {
          const p = feature.properties;
          const colour = p.warning ? '#ce0500' : p.state === 'EnService' ? '#18753c' : '#666666';
          const group = L.featureGroup(); // a feature group has bounds (fitBounds below)
          if (typeof p.bearing === 'number' && typeof p.angle === 'number') {
            L.polygon(sector(latLng, p.bearing, p.angle), { color: colour, weight: 1, fillOpacity: 0.2, interactive: false }).addTo(group);
          }
          L.circleMarker(latLng, { radius: 6, color: colour, weight: 2, fillOpacity: 0.8 })
            .bindTooltip(p.label + (p.warning ? ' — ' + p.warning : '')).addTo(group);
          return group;
        },
        onEachFeature: function (feature, l) {
          if (feature.properties.kind === 'perimeter' && l.bindTooltip) l.bindTooltip(feature.properties.label);
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds().pad(0.2), { maxZoom: 18 });
    })
    .catch(function () { element.textContent = 'La carte n’a pas pu être chargée ; les caméras sont dans le tableau ci-dessous.'; });
})();
