// Evolution chart of one indicator (Chart.js). Data comes from a JSON data block, not an inline
// script, so the strict CSP holds. The PNG export is the browser's rendering of the canvas: the
// server makes the SVG, but it has no image library to make a PNG.
(function () {
  const block = document.getElementById('donnees-graphique');
  const canvas = document.getElementById('graphique-indicateur');
  if (!block || !canvas || typeof Chart === 'undefined') return;
  const data = JSON.parse(block.textContent);
  const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
  // A white background so the downloaded PNG is not transparent.
  const background = {
    id: 'fond-blanc',
    beforeDraw: function (chart) {
      const ctx = chart.canvas.getContext('2d');
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  };
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: data.years,
      datasets: [{ label: data.label, data: data.rates, borderColor: '#000091', backgroundColor: '#000091', spanGaps: false, tension: 0 }]
    },
    options: {
      animation: false,
      responsive: true,
      plugins: {
        title: { display: true, text: data.title },
        tooltip: { callbacks: { label: function (ctx) { return decimal.format(ctx.parsed.y) + ' ‰'; } } }
      },
      scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return decimal.format(v); } } } }
    },
    plugins: [background]
  });
  const link = document.getElementById('telecharger-png');
  if (link) {
    link.addEventListener('click', function () {
      link.href = chart.toBase64Image('image/png');
      link.download = data.file;
    });
  }
})();
