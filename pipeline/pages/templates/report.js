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

  // Sorting: the rows' order changes once per click, never per keystroke of the search.
  const order = rows.map((_, i) => i);
  const headings = document.querySelectorAll("#documents th button[data-col]");
  let sorted = { col: 0, dir: 1 };

  const blank = (v) => Number(v === null || v === undefined || v === "");

  function sortBy(col, numeric) {
    const dir = sorted.col === col ? -sorted.dir : (numeric ? -1 : 1);  // counts: most first
    const key = (i) => rows[i][col];
    order.sort((a, b) => {
      const x = key(a), y = key(b);
      const bx = blank(x), by = blank(y);
      if (bx || by) return bx - by || a - b;  // blanks last either way
      const c = numeric ? x - y : String(x).localeCompare(String(y), "ru");
      return c * dir || a - b;
    });
    sorted = { col: col, dir: dir };
    for (const b of headings) {
      const th = b.closest("th");
      th.setAttribute("aria-sort", Number(b.dataset.col) !== col ? "none"
        : dir > 0 ? "ascending" : "descending");
    }
    draw();
  }
  for (const b of headings) {
    b.addEventListener("click", () => sortBy(Number(b.dataset.col), "numeric" in b.dataset));
  }

  function draw() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const found = [];
    for (const i of order) {
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
