// Choropleth of a département's communes (Leaflet, no tile layer: only the polygons the app serves).
// Colours come from the class the server computed; withheld communes are grey and dashed.
(function () {
  const element = document.getElementById('carte-communes');
  if (!element || typeof L === 'undefined') return;
  const colours = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'];
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
  fetch(element.dataset.source, { headers: { Accept: 'application/geo+json' } })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (geojson) {
      const layer = L.geoJSON(geojson, {
        style: function (feature) {
          const p = feature.properties;
          if (p.disclosure === 'withheld') return { color: '#666666', weight: 1, dashArray: '3 3', fillColor: '#bbbbbb', fillOpacity: 0.8 };
          if (p.class === null || p.class === undefined) return { color: '#999999', weight: 0.5, fillColor: '#ffffff', fillOpacity: 0.6 };
          return { color: '#555555', weight: 0.5, fillColor: colours[p.class], fillOpacity: 0.85 };
        },
        onEachFeature: function (feature, l) {
          const p = feature.properties;
          const text = p.disclosure === 'withheld' ? 'secret statistique' : (p.rateText ? p.rateText + ' ‰' : 'pas de donnée');
          l.bindTooltip(p.nom + ' : ' + text);
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
    })
    .catch(function () { element.textContent = 'La carte n’a pas pu être chargée ; les valeurs sont dans le tableau ci-dessous.'; });
})();
