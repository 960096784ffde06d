// The documents table: rows are drawn from the embedded JSON, a page of matches at a time,
// so a corpus of 100,000 documents stays quick to search.
(function () {
  "use strict";
  const LIMIT = 200;
  const rows = JSON.parse(document.getElementById("documents-data").textContent);
  const body = document.querySelector("#documents tbody");
  const search = document.getElementById("doc-search");
  const count = document.getElementById("doc-count");
  const haystack = rows.map((r) => [r[0], r[1] || "", r[2] || ""].join("\u0001").toLowerCase());

  function cell(row, value, numeric) {
    const td = document.createElement("td");
    td.textContent = value === null || value === undefined ? "" : String(value);
    if (numeric) td.dataset.value = td.textContent;
    row.append(td);
    return td;
  }

  function draw() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const found = [];
    for (let i = 0; i < rows.length; i += 1) {
      if (words.every((w) => haystack[i].includes(w))) found.push(rows[i]);
    }
    const fragment = document.createDocumentFragment();
    for (const r of found.slice(0, LIMIT)) {
      const tr = document.createElement("tr");
      const first = cell(tr, "", false);
      const page = r[r.length - 1];
      if (page) {
        const link = document.createElement("a");
        link.href = page;
        link.textContent = r[0];
        first.append(link);
      } else {
        first.textContent = r[0];
      }
      cell(tr, r[1], false);
      cell(tr, r[2], false);
      for (let c = 3; c < r.length - 1; c += 1) cell(tr, r[c], true);
      fragment.append(tr);
    }
    body.replaceChildren(fragment);
    count.textContent = found.length > LIMIT
      ? found.length + " documents match; the first " + LIMIT + " are shown"
      : found.length + " of " + rows.length + " documents";
  }

  let timer = null;
  search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(draw, 120); });
  draw();
})();
