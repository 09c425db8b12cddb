/* Draw a Leaflet map over each server-rendered list of places.
   Markup: <div class="map"><div class="map__canvas" data-map-source="ID"></div>...list...</div>
   and <script type="application/json" id="ID">[{"lat", "lon", "title", "address", "url"}]</script>.
   Without JavaScript, Leaflet or tiles, the list of places (with links to OpenStreetMap) stays. */
(function () {
    "use strict";
    if (!window.L || !document.querySelectorAll) { return; }

    function popup(place) {
        var box = document.createElement("div");
        var title = document.createElement(place.url ? "a" : "strong");
        title.textContent = place.title;
        if (place.url) { title.href = place.url; }
        box.appendChild(title);
        if (place.address) {
            var line = document.createElement("div");
            line.textContent = place.address;
            box.appendChild(line);
        }
        return box;
    }

    function draw(canvas) {
        var source = document.getElementById(canvas.getAttribute("data-map-source"));
        var places;
        try { places = JSON.parse(source.textContent); } catch (e) { return; }
        places = places.filter(function (p) { return isFinite(p.lat) && isFinite(p.lon); });
        if (!places.length) { return; }

        var map = L.map(canvas, { scrollWheelZoom: false });
        L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
            maxZoom: 19,
            attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
        }).addTo(map);
        var bounds = [];
        places.forEach(function (place) {
            var point = [place.lat, place.lon];
            L.marker(point, { title: place.title, alt: place.title }).addTo(map).bindPopup(popup(place));
            bounds.push(point);
        });
        if (bounds.length === 1) { map.setView(bounds[0], 14); } else { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 }); }
    }

    Array.prototype.forEach.call(document.querySelectorAll("[data-map-source]"), draw);
}());
