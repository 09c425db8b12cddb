/* Suggestions under a search box, from GET /api/autocomplete?q= ->
   {"q": "...", "suggestions": [{"kind", "label", "value", "url"}]} (described in /api/openapi.json).
   Markup: <input data-autocomplete="/api/autocomplete" aria-controls="LIST_ID"> and an empty <ul id="LIST_ID">;
   data-autocomplete-kinds="place" (space-separated kinds) keeps only those suggestions.
   Choosing a practitioner or clinic opens its page; choosing a treatment, condition, profession or place
   puts its label in the box, so the patient can still fill in the rest of the form.
   ARIA combobox pattern: arrows move, Enter picks, Escape closes. If the endpoint is missing or fails,
   nothing happens and the form submits as usual. */
(function () {
    "use strict";
    if (!window.fetch || !document.querySelectorAll) { return; }

    var KIND_LABELS = {
        technique: "Treatment", condition: "Condition", profession: "Profession",
        place: "Place", practitioner: "Practitioner", clinic: "Clinic"
    };
    var OPENS_PAGE = { practitioner: true, clinic: true };

    function setup(input) {
        var list = document.getElementById(input.getAttribute("aria-controls"));
        var endpoint = input.getAttribute("data-autocomplete");
        var kinds = (input.getAttribute("data-autocomplete-kinds") || "").split(/\s+/).filter(Boolean);
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
            if (url && OPENS_PAGE[item.getAttribute("data-kind")]) { window.location.assign(url); return; }
            input.value = item.getAttribute("data-label");
            close();
        }

        function show(suggestions) {
            close();
            suggestions.filter(function (s) {
                return s && typeof s.label === "string" && (!kinds.length || kinds.indexOf(s.kind) !== -1);
            }).slice(0, 8).forEach(function (s, i) {
                var li = document.createElement("li");
                li.id = list.id + "-" + i;
                li.setAttribute("role", "option");
                li.setAttribute("aria-selected", "false");
                li.setAttribute("data-label", s.label);
                li.setAttribute("data-kind", s.kind || "");
                // Only a site-relative URL is followed ("//host" is another site).
                if (typeof s.url === "string" && /^\/(?!\/)/.test(s.url)) { li.setAttribute("data-url", s.url); }
                var label = document.createElement("span");
                label.textContent = s.label;
                li.appendChild(label);
                if (s.kind) {
                    var kind = document.createElement("span");
                    kind.className = "kind";
                    kind.textContent = KIND_LABELS[s.kind] || s.kind;
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
