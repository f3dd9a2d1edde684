/* Names for live controls that ipywidgets draws without one (presenter mode, JupyterLab): a
   slider's handle is named by the slider's label (or its tooltip), a box without a visible
   label by its tooltip, and the Play widget's icon-only buttons say what they do; a page
   without a main landmark gets one around its cells. Runs again whenever the page's widgets
   change. */
(function () {
  "use strict";
  if (window.lowbackNames) { return; }  // presenter mode loads it twice: page and widget
  window.lowbackNames = true;
  var count = 0;
  var PLAY = { "fa-play": "Play", "fa-pause": "Pause", "fa-stop": "Stop", "fa-retweet": "Repeat" };
  function name(el, text) {
    if (text && el.getAttribute("aria-label") !== text) {
      el.setAttribute("aria-label", text);
      el.setAttribute("title", text);
    }
  }
  var main = null;  // the landmark this script made, moved as cells arrive
  function landmark() {  // presenter mode's cells are the page's main content
    var other = document.querySelector("main, [role='main']");
    var cells = document.querySelectorAll(".jp-Cell");
    if ((other && other !== main) || !cells.length) { return; }
    var box = cells[0].parentElement;
    while (box.parentElement && box !== document.body
           && box.querySelectorAll(".jp-Cell").length < cells.length) {
      box = box.parentElement;
    }
    if (box !== main) {
      if (main) { main.removeAttribute("role"); }
      box.setAttribute("role", "main");
      main = box;
    }
  }
  function label() {
    landmark();
    document.querySelectorAll(".widget-slider").forEach(function (slider) {
      var tag = slider.querySelector(".widget-label");
      var text = tag ? (tag.textContent.trim() || tag.title) : "";
      slider.querySelectorAll(".noUi-handle").forEach(function (handle) {
        if (tag && tag.textContent.trim()) {
          if (!tag.id) { tag.id = "lowback-label-" + (++count); }
          if (handle.getAttribute("aria-labelledby") !== tag.id) {
            handle.setAttribute("aria-labelledby", tag.id);
          }
        } else { name(handle, text); }
      });
    });
    document.querySelectorAll("label.widget-label[for]").forEach(function (tag) {
      var input = document.getElementById(tag.htmlFor);  // a box whose label is hidden
      if (input && tag.style.display === "none" && tag.title) { name(input, tag.title); }
    });
    document.querySelectorAll(".widget-play button").forEach(function (button) {
      var icon = button.querySelector("i");
      var kind = icon && Object.keys(PLAY).find(function (k) { return icon.classList.contains(k); });
      if (kind) { name(button, PLAY[kind]); }
    });
  }
  var queued = false;
  function later() {
    if (!queued) {
      queued = true;
      requestAnimationFrame(function () { queued = false; label(); });
    }
  }
  new MutationObserver(later).observe(document.documentElement,
    { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
  label();
})();
