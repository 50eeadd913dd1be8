// Import job page: polls the page's JSON handler every second until the job is finished.
(function () {
    "use strict";
    var root = document.getElementById("import-job");
    if (!root || !window.fetch) return;
    var url = root.getAttribute("data-status-url");
    function set(id, text) {
        var el = document.getElementById(id);
        if (el && el.textContent !== text) el.textContent = text;
    }
    function poll() {
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
            .then(function (s) {
                set("import-status", s.statusLabel);
                set("import-rows-read", s.rowsReadText);
                set("import-rows-imported", s.rowsImportedText);
                set("import-summary", s.summary);
                if (!s.finished) window.setTimeout(poll, 1000);
            })
            .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
})();
