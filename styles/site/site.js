// careerguide site: search and filters on the index. Without this script every career is
// shown and the filters stay hidden. It only reads the cards' data-* attributes and shows
// or hides them; it writes text with textContent, never HTML. A card is found by its
// words (data-search: titles, other names, tasks, skills, technologies, field), matched as
// whole words without case or accents, a plural or an -ing form alike ("chefs" is "chef",
// "coding" is "code"), so "RN" finds nurses and not "learning". The last word typed also
// matches the start of a word, from three letters, to find as one types.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("cards");
  if (!form || !list) return;
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var more = document.getElementById("more-filters");
  var cards = Array.prototype.slice.call(list.querySelectorAll(".card"));
  var total = cards.length;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(text) {
    return fold(text).split(/[^0-9a-z\u00c0-\u024f]+/).filter(Boolean);
  }
  // A word's stem by English rule of thumb, enough to match plurals and -ing forms.
  function stem(word) {
    if (word.length > 4 && /ies$/.test(word)) word = word.slice(0, -3) + "y";
    else if (word.length > 4 && /(sses|xes|ches|shes)$/.test(word)) word = word.slice(0, -2);
    else if (word.length > 3 && /s$/.test(word) && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);
    if (word.length > 5 && /(ing|ed)$/.test(word)) {
      word = word.replace(/(ing|ed)$/, "");
      if (/([^aeiouy])\1$/.test(word)) word = word.slice(0, -1);
    }
    if (word.length > 3 && /e$/.test(word)) word = word.slice(0, -1);
    return word;
  }
  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : "";
  }
  var data = cards.map(function (card) {
    var own = words(card.getAttribute("data-search") || "");
    var stems = {};
    own.forEach(function (word) { stems[stem(word)] = true; });
    return {
      card: card,
      words: own,
      stems: stems,
      cluster: card.getAttribute("data-cluster") || "",
      interests: (card.getAttribute("data-interests") || "").split("|"),
      education: card.getAttribute("data-education") || "",
      pay: card.getAttribute("data-pay") || ""
    };
  });

  function found(item, word, last) {
    if (item.stems[stem(word)]) return true;
    if (!last || word.length < 3) return false;
    return item.words.some(function (own) { return own.lastIndexOf(word, 0) === 0; });
  }

  function apply() {
    var typed = words(value("q"));
    var cluster = value("cluster");
    var interest = value("interest");
    var education = value("education");
    var pay = value("pay");
    var shown = 0;
    data.forEach(function (item) {
      var match =
        typed.every(function (word, i) { return found(item, word, i === typed.length - 1); }) &&
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
  // Filters open on a wide screen; on a phone they fold under "Filters", so the first
  // careers show without scrolling past them.
  if (more && window.matchMedia && window.matchMedia("(min-width: 40em)").matches) more.open = true;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
