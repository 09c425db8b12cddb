/* Suggestions under a search box, from GET /api/autocomplete?q= -> {"suggestions": [{"label", "kind", "url"}]}.
   Markup: <input data-autocomplete="/api/autocomplete" aria-controls="LIST_ID"> and an empty <ul id="LIST_ID">.
   ARIA combobox pattern: arrows move, Enter picks, Escape closes. If the endpoint is missing or fails,
   nothing happens and the form submits as usual. */
(function () {
    "use strict";
    if (!window.fetch || !document.querySelectorAll) { return; }

    function setup(input) {
        var list = document.getElementById(input.getAttribute("aria-controls"));
        var endpoint = input.getAttribute("data-autocomplete");
        var items = [], active = -1, timer = null, latest = 0;
        if (!list) { return; }
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("autocomplete", "off");
        list.setAttribute("role", "listbox");

        function close() {
            list.hidden = true;
            list.innerHTML = "";
            items = [];
            active = -1;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", items[index].id);
                items[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function choose(index) {
            var item = items[index];
            if (!item) { return; }
            var url = item.getAttribute("data-url");
            if (url) { window.location.assign(url); return; }
            input.value = item.getAttribute("data-label");
            close();
        }

        function show(suggestions) {
            close();
            suggestions.slice(0, 8).forEach(function (s, i) {
                if (!s || typeof s.label !== "string") { return; }
                var li = document.createElement("li");
                li.id = list.id + "-" + i;
                li.setAttribute("role", "option");
                li.setAttribute("aria-selected", "false");
                li.setAttribute("data-label", s.label);
                if (typeof s.url === "string" && s.url.charAt(0) === "/") { li.setAttribute("data-url", s.url); }
                var label = document.createElement("span");
                label.textContent = s.label;
                li.appendChild(label);
                if (s.kind) {
                    var kind = document.createElement("span");
                    kind.className = "kind";
                    kind.textContent = s.kind;
                    li.appendChild(kind);
                }
                li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(items.indexOf(li)); });
                list.appendChild(li);
                items.push(li);
            });
            if (items.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            var ticket = ++latest;
            if (query.length < 2) { close(); return; }
            fetch(endpoint + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
                .then(function (response) { return response.ok ? response.json() : null; })
                .then(function (data) {
                    if (ticket !== latest) { return; }
                    if (data && Array.isArray(data.suggestions)) { show(data.suggestions); } else { close(); }
                })
                .catch(function () { close(); });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, 180);
        });
        input.addEventListener("keydown", function (event) {
            if (list.hidden || !items.length) { return; }
            if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
            else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
            else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
            else if (event.key === "Escape") { close(); }
        });
        input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    }

    Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), setup);
}());
