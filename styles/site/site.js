// careerguide site: search and filters on the index. Without this script every career is
// shown and the filters stay hidden. It only reads the cards' data-* attributes and shows
// or hides them; it writes text with textContent, never HTML. A card is found by its own
// text, its other titles (data-search) and its cluster.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("cards");
  if (!form || !list) return;
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var cards = Array.prototype.slice.call(list.querySelectorAll(".card"));
  var total = cards.length;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : "";
  }
  var data = cards.map(function (card) {
    return {
      card: card,
      search: fold(
        [card.textContent, card.getAttribute("data-search"), card.getAttribute("data-cluster")].join(" ")
      ),
      cluster: card.getAttribute("data-cluster") || "",
      interests: (card.getAttribute("data-interests") || "").split("|"),
      education: card.getAttribute("data-education") || "",
      pay: card.getAttribute("data-pay") || ""
    };
  });

  function apply() {
    var words = fold(value("q")).split(/\s+/).filter(Boolean);
    var cluster = value("cluster");
    var interest = value("interest");
    var education = value("education");
    var pay = value("pay");
    var shown = 0;
    data.forEach(function (item) {
      var match =
        words.every(function (word) { return item.search.indexOf(word) !== -1; }) &&
        (!cluster || item.cluster === cluster) &&
        (!interest || item.interests.indexOf(interest) !== -1) &&
        (!education || item.education === education) &&
        (!pay || item.pay === pay);
      if (item.card.hidden === match) item.card.hidden = !match;
      if (match) shown += 1;
    });
    var noun = total === 1 ? "career" : "careers";
    count.textContent = shown === total ? total + " " + noun : "Showing " + shown + " of " + total + " " + noun;
    none.hidden = shown !== 0;
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
