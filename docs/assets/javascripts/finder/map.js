/* The finder's map view: the site's map of cities (drawn at build time, inline in the page) and the
   lists of cities it cannot show. Every marker and list entry is a link to the finder's state for
   its city ("index.html#city=Oslo", with "&country=..." for a name two countries share); here each
   shows how many practices its city would give with the other filters, as the menu's counts do, and
   a city that would give none is hidden. A marker is redrawn for its count on the build's scale (so the
   size key stays true), the largest first. Choosing one sets the finder's city filter. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var practices = ICP.finderView.practices;

  /* panel: the map panel; countries: the Countries group's terms ([slug, name]); choose(city, country
     index or -1) is called when a reader picks a city. */
  function setup(panel, countries, choose) {
    var bySlug = {};
    countries.forEach(function (term, i) { bySlug[term[0]] = i; });
    var svgTitle = panel.querySelector("svg > title");
    var titleEnd = svgTitle ? svgTitle.textContent.replace(/^.*,/, ",") : "";
    var places = [];
    var names = Array.prototype.slice.call(panel.querySelectorAll("svg .names text"));
    var groups = Array.prototype.slice.call(panel.querySelectorAll(".icp-map-panel__group"));
    var scale = parseFloat(panel.getAttribute("data-marker-scale")) || 0;
    var smallest = parseFloat(panel.getAttribute("data-marker-min")) || 0;
    panel.querySelectorAll("a").forEach(function (link) {
      var href = link.getAttribute("href") || "";
      var params = new URLSearchParams(href.slice(href.indexOf("#") + 1));
      var city = params.get("city");
      if (href.indexOf("#") < 0 || city === null) return;
      var country = params.has("country") && params.get("country") in bySlug ? bySlug[params.get("country")] : -1;
      places.push({
        link: link, city: city, country: country,
        name: city + (country >= 0 ? ", " + countries[country][1] : ""),
        onMap: link.namespaceURI === "http://www.w3.org/2000/svg",
        title: link.querySelector("title"),
        circle: link.querySelector("circle"),
        current: 0,
        item: link.closest("li"),
        count: link.closest("li") ? link.closest("li").querySelector(".icp-count") : null
      });
    });

    panel.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      var link = event.target.closest && event.target.closest("a");
      var place = link && places.find(function (p) { return p.link === link; });
      if (!place) return;
      event.preventDefault();
      choose(place.city, place.country);
    });

    /* byCity: city -> count; byPlace: city + "\n" + country index -> count; chosen: the city filter. */
    function update(byCity, byPlace, chosen) {
      var cases = 0, cities = 0;
      var shown = new Set();
      places.forEach(function (place) {
        var count = (place.country >= 0 ? byPlace.get(place.city + "\n" + place.country) : byCity.get(place.city)) || 0;
        var label = place.name + ": " + practices(count);
        if (place.link.getAttribute("aria-label") !== label) {
          place.link.setAttribute("aria-label", label);
          if (place.title) place.title.textContent = label;
          if (place.count) place.count.textContent = String(count);
        }
        place.current = count;
        if (place.onMap) {
          if (count) place.link.removeAttribute("display"); else place.link.setAttribute("display", "none");
          if (count) { cases += count; cities++; shown.add(place.city); }
          if (count && scale && place.circle) {
            var radius = String(Math.round(Math.max(smallest, scale * Math.sqrt(count)) * 10) / 10);
            if (place.circle.getAttribute("r") !== radius) place.circle.setAttribute("r", radius);
          }
        }
        if (place.item) place.item.hidden = count === 0;
        if (count && place.city === chosen) place.link.setAttribute("aria-current", "true");
        else place.link.removeAttribute("aria-current");
      });
      drawLargestFirst();
      placeNames();
      /* A city's name stays only beside a marker that stays. */
      names.forEach(function (name) {
        if (shown.has(name.textContent)) name.removeAttribute("display"); else name.setAttribute("display", "none");
      });
      if (svgTitle) svgTitle.textContent = ICP.finderView.say("mapOf", { practices: practices(cases),
        cities: ICP.finderView.say("cities", { num: ICP.finderView.number(cities) }, cities) }) + titleEnd;
      groups.forEach(function (group) { group.hidden = !group.querySelector("li:not([hidden])"); });
    }

    var markers = places.filter(function (place) { return place.onMap; });

    /* Each name beside its marker as the build placed it: how far from the marker's edge, on which side,
       and at which scale (the phone's names are placed for markers twice as large). */
    var labels = names.map(function (name) {
      var marker = markers.find(function (place) { return place.city === name.textContent && place.circle; });
      if (!marker) return null;
      var circle = marker.circle;
      var x = parseFloat(name.getAttribute("x")), y = parseFloat(name.getAttribute("y"));
      var cx = parseFloat(circle.getAttribute("cx")), cy = parseFloat(circle.getAttribute("cy"));
      var anchor = name.getAttribute("text-anchor") || "start";
      return { name: name, marker: marker, radius: parseFloat(circle.getAttribute("r")),
        scale: name.parentNode.classList.contains("narrow") ? 2 : 1,
        axis: anchor === "middle" ? "y" : "x", at: anchor === "middle" ? y : x,
        side: anchor === "middle" ? (y < cy ? -1 : 1) : (anchor === "end" ? -1 : 1) };
    }).filter(Boolean);

    /* A name follows its marker's edge when the marker is redrawn smaller or larger. */
    function placeNames() {
      labels.forEach(function (label) {
        var shrink = (label.radius - parseFloat(label.marker.circle.getAttribute("r"))) * label.scale;
        var at = String(Math.round((label.at - label.side * shrink) * 10) / 10);
        if (label.name.getAttribute(label.axis) !== at) label.name.setAttribute(label.axis, at);
      });
    }

    /* Small markers over large ones, as the build draws them; the keyboard meets them in that order too. */
    function drawLargestFirst() {
      var order = markers.slice().sort(function (a, b) {
        return b.current - a.current || (a.city < b.city ? -1 : a.city > b.city ? 1 : 0);
      });
      var same = order.every(function (place, i) { return place === markers[i]; });
      if (same) return;
      var group = order.length ? order[0].link.parentNode : null;
      order.forEach(function (place) { group.appendChild(place.link); });
      markers = order;
    }

    return { update: update };
  }

  ICP.finderMap = { setup: setup };
})();
