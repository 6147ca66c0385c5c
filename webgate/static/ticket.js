// Live updates of one ticket page by Server-Sent Events. The page works without this file:
// the first paint is plain HTML. EventSource reconnects by itself (the server sends retry:).
(function () {
  "use strict";
  var body = document.body;
  var ref = body.dataset.ref, lang = body.dataset.lang;
  if (!ref || !window.EventSource) { return; }
  var fields = ["number", "matter", "status_text", "ahead_text", "wait_text", "window_text", "remote_text"];
  var last = { called: body.classList.contains("called"), recalls: -1 };
  var first = null;
  var offline = document.getElementById("offline");
  var live = document.getElementById("live");

  function alertCitizen() {
    if (navigator.vibrate) { navigator.vibrate([400, 150, 400, 150, 400]); }
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { return; }
      var ctx = new Ctx(), osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.frequency.value = 880; gain.gain.value = 0.2;
      osc.connect(gain); gain.connect(ctx.destination);
      osc.start(); osc.stop(ctx.currentTime + 0.6);
    } catch (e) { /* a browser that allows no sound without a tap: the big window text stays */ }
  }

  function show(v) {
    if (first === null) { first = v.status; }
    if (v.status !== first && (v.status === "serving" || v.status === "done")) {
      window.location.reload();  // the page now offers the rating: draw it from the server
      return;
    }
    fields.forEach(function (name) {
      var el = document.getElementById(name);
      if (!el) { return; }
      el.textContent = v[name] || "";
      el.hidden = !v[name];
    });
    var alertForm = document.getElementById("alert-form");
    if (alertForm && v.status !== "waiting" && v.status !== "transferred") { alertForm.hidden = true; }
    body.classList.toggle("called", !!v.called);
    body.classList.toggle("ended", !!v.ended);
    if (v.called && (!last.called || (last.recalls >= 0 && v.recalls > last.recalls))) { alertCitizen(); }
    last = { called: !!v.called, recalls: v.recalls };
    document.title = v.number + " · " + (v.short || v.status_text);
  }

  var es = new EventSource("/t/" + encodeURIComponent(ref) + "/events?lang=" + encodeURIComponent(lang));
  es.onopen = function () { offline.hidden = true; live.hidden = false; };
  es.onerror = function () { offline.hidden = false; live.hidden = true; };
  es.onmessage = function (e) {
    var v;
    try { v = JSON.parse(e.data); } catch (err) { return; }
    show(v);
    if (v.ended) { es.close(); offline.hidden = true; }
  };
}());
