// Incidents of a contract on a Leaflet map without tile layer (no external request): points close on screen are
// grouped into one numbered circle, recomputed at each zoom; the table below the map holds the same incidents.
(function () {
  const element = document.getElementById('carte-signalements');
  if (!element || typeof L === 'undefined') return;
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.5 });
  const layer = L.layerGroup().addTo(map);
  let features = [];
  const cellPixels = 40;

  function draw() {
    layer.clearLayers();
    const cells = new Map();
    features.forEach(function (f) {
      const latLng = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      const p = map.latLngToLayerPoint(latLng);
      const key = Math.floor(p.x / cellPixels) + ':' + Math.floor(p.y / cellPixels);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push({ latLng: latLng, props: f.properties });
    });
    cells.forEach(function (items) {
      if (items.length === 1) {
        const p = items[0].props;
        L.circleMarker(items[0].latLng, { radius: 6, color: p.overdue ? '#ce0500' : '#000091', weight: 2, fillOpacity: 0.7 })
          .bindTooltip('N° ' + p.number + ' — ' + p.categoryName + ' — ' + p.statusLabel)
          .addTo(layer);
        return;
      }
      const lat = items.reduce(function (s, i) { return s + i.latLng.lat; }, 0) / items.length;
      const lng = items.reduce(function (s, i) { return s + i.latLng.lng; }, 0) / items.length;
      L.marker([lat, lng], {
        icon: L.divIcon({ className: 'vigie-cluster', html: String(items.length), iconSize: [32, 32] }),
        keyboard: false
      }).bindTooltip(items.length + ' signalements').addTo(layer);
    });
  }

  fetch(element.dataset.source, { headers: { Accept: 'application/geo+json' } })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (geojson) {
      features = geojson.features;
      // The members' map sends the names of categories and states once (categories, statuses); the public map per point.
      const categories = geojson.categories || {};
      const statuses = geojson.statuses || {};
      features.forEach(function (f) {
        const p = f.properties;
        p.categoryName = p.categoryName || categories[p.category] || p.category;
        p.statusLabel = p.statusLabel || statuses[p.status] || p.status;
      });
      if (features.length === 0) {
        element.textContent = 'Aucun signalement localisé pour ces filtres.';
        return;
      }
      const bounds = L.latLngBounds(features.map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; }));
      map.fitBounds(bounds.pad(0.2), { maxZoom: 16 });
      draw();
      map.on('zoomend', draw);
    })
    .catch(function () { element.textContent = 'La carte n’a pas pu être chargée ; les signalements sont dans le tableau ci-dessous.'; });
})();
