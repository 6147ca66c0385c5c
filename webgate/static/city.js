// Live updates of the city page by Server-Sent Events; the first paint is plain HTML.
(function () {
  "use strict";
  var body = document.body, lang = body.dataset.lang;
  if (!window.EventSource) { return; }
  var tbody = document.getElementById("halls");
  var labels = Array.prototype.map.call(document.querySelectorAll(".city-table thead th"),
                                        function (th) { return th.textContent; });
  var offline = document.getElementById("offline"), empty = document.getElementById("empty");
  var asOf = document.getElementById("as-of");

  function cell(tag, cls, label, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.setAttribute("data-label", label);
    if (text !== null) { el.textContent = text; }
    return el;
  }

  function row(h) {
    var tr = document.createElement("tr");
    tr.id = "hall-" + h.hall;
    tr.className = "st-" + h.status;
    var th = cell("th", "", labels[0], null);
    th.setAttribute("scope", "row");
    var name = document.createElement("span"); name.className = "name"; name.textContent = h.name;
    var id = document.createElement("span"); id.className = "id"; id.textContent = h.hall;
    th.appendChild(name); th.appendChild(document.createTextNode(" ")); th.appendChild(id);
    tr.appendChild(th);
    tr.appendChild(cell("td", "status", labels[1], h.status_text));
    tr.appendChild(cell("td", "waiting num", labels[2], h.waiting));
    tr.appendChild(cell("td", "longest", labels[3], h.longest));
    tr.appendChild(cell("td", "windows", labels[4], h.windows));
    tr.appendChild(cell("td", "service " + (h.service_ok ? "ok" : "past"), labels[5], h.service));
    var alerts = cell("td", "alerts", labels[6], null), ul = document.createElement("ul");
    h.alerts.forEach(function (a) {
      var li = document.createElement("li"); li.className = "lv-" + a.level; li.textContent = a.text;
      ul.appendChild(li);
    });
    alerts.appendChild(ul);
    tr.appendChild(alerts);
    return tr;
  }

  function show(v) {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    v.halls.forEach(function (h) { tbody.appendChild(row(h)); });
    empty.hidden = v.halls.length > 0;
    offline.hidden = !v.note;
    if (v.note) { offline.textContent = v.note; }
    asOf.textContent = v.as_of;
  }

  var es = new EventSource("/city/events?lang=" + encodeURIComponent(lang));
  es.onerror = function () { offline.textContent = offline.dataset.offline; offline.hidden = false; };
  es.onmessage = function (e) {
    var v;
    try { v = JSON.parse(e.data); } catch (err) { return; }
    show(v);
  };
}());
