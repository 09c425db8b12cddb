/* "Use my location" on the search page: fills the hidden lat and lon fields and searches.
   Shown only where the browser can share a position; the form works without it. */
(function () {
    "use strict";
    var button = document.querySelector(".search-form__locate");
    if (!button) { return; }
    // A typed place replaces a shared position (the coordinates would otherwise win).
    button.form.elements.where.addEventListener("input", function () {
        button.form.elements.lat.value = "";
        button.form.elements.lon.value = "";
    });
    if (!navigator.geolocation) { return; }
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
}());
