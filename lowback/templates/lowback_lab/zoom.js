/* A site page on a narrow screen (a phone) shrinks each picture to fit, and its smallest
   labels to about 6 pixels: a tap (or click) shows a shrunk picture at the size it is drawn
   for, scrolling sideways in a box of its own (the words around it stay put); a second tap
   fits it again. Every picture of the course has two pixels to each CSS pixel
   (lowback.images, lowback.draw.style.SCALE): its full size is half its pixel width.
   Styles in zoom.css; tested in tests/browser/test_crisp.py. */
(() => {
  const SCALE = 2, SHRUNK = 0.85;
  const PICTURES = ".jp-RenderedHTMLCommon img";
  const mark = () => {
    for (const img of document.querySelectorAll(PICTURES)) {
      const full = img.naturalWidth / SCALE;
      const small = img.naturalWidth && img.getBoundingClientRect().width < SHRUNK * full;
      img.classList.toggle("lb-zoomable", small || img.classList.contains("lb-full"));
      const hint = img.classList.contains("lb-full") ? "Tap to fit the screen"
        : small ? "Tap to see it full size" : "";
      if (hint) img.title = hint;
      else img.removeAttribute("title");
    }
  };
  document.addEventListener("click", (event) => {
    const img = event.target.closest && event.target.closest("img.lb-zoomable");
    if (!img) return;
    if (img.classList.toggle("lb-full")) {  // into a box of its own, which scrolls
      const box = document.createElement("div");
      box.className = "lb-zoombox";
      img.replaceWith(box);
      box.append(img);
    } else if (img.parentElement.classList.contains("lb-zoombox")) {
      img.parentElement.replaceWith(img);
    }
    mark();
  });
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
