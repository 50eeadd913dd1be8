// Suggests territories while typing in the contract's territory field (progressive enhancement:
// the form works without it). Suggestions apply to the last comma-separated entry.
(function () {
  const input = document.getElementById('Input_Territories') || document.getElementById('Input_AddedTerritories');
  const list = document.getElementById('suggestions-territoires');
  if (!input || !list) return;
  input.setAttribute('list', 'suggestions-territoires');
  input.setAttribute('autocomplete', 'off');
  let timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(async function () {
      const parts = input.value.split(',');
      const term = parts[parts.length - 1].trim();
      if (term.length < 2) return;
      const response = await fetch('/territoires/suggestions?q=' + encodeURIComponent(term), { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const items = await response.json();
      const prefix = parts.slice(0, -1).map(p => p.trim()).filter(p => p).join(', ');
      list.replaceChildren(...items.map(function (label) {
        const option = document.createElement('option');
        option.value = prefix ? prefix + ', ' + label : label;
        return option;
      }));
    }, 200);
  });
})();
