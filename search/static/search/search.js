/* Enhancements only: the list, facets and pagination work without this file. */
(function () {
  "use strict";

  function initMap() {
    var data = document.getElementById("search-map-points");
    var element = document.getElementById("search-map");
    if (!data || !element || typeof L === "undefined") return;
    var points = JSON.parse(data.textContent);
    if (!points.length) return;
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lon], { title: point.n + ". " + point.name, alt: point.n + ". " + point.name });
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.n + ". " + point.name;
      var popup = document.createElement("div");
      popup.appendChild(link);
      if (point.label) popup.appendChild(document.createTextNode(" — " + point.label));
      marker.bindPopup(popup).addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  }

  function initAutocomplete(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) return;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var value = input.value.trim();
      if (value.length < 2) return;
      timer = setTimeout(function () {
        fetch("/api/autocomplete?q=" + encodeURIComponent(value))
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (body) {
            list.textContent = "";
            body.suggestions.forEach(function (item) {
              if (input.name === "where" && item.kind !== "place") return;
              var option = document.createElement("option");
              option.value = input.name === "where" ? item.label : item.label;
              option.label = item.kind;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 150);
    });
  }

  function initLocate() {
    var button = document.querySelector(".search-form__locate");
    if (!button || !navigator.geolocation) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var form = button.form;
        form.elements.lat.value = position.coords.latitude.toFixed(5);
        form.elements.lon.value = position.coords.longitude.toFixed(5);
        form.elements.where.value = "";
        form.submit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initMap();
    document.querySelectorAll(".search-form input[list]").forEach(initAutocomplete);
    initLocate();
  });
})();
