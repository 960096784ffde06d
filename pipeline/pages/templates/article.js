// Hover or focus a mention: its values in a tooltip. Click or Enter: select its row below.
// Click a row: show its mention in the text. Headers sort, type boxes filter. The table
// shows a page of rows at a time, so an article with tens of thousands of mentions stays
// quick to open. Hover or focus a mention, or a line of the links: the mentions it is
// linked to are outlined in the text.
(function () {
  "use strict";
  const PAGE = 200;
  const tip = document.getElementById("tip");

  function showTip(mark, values) {
    if (!values || !values.length) return;
    tip.replaceChildren();
    const list = document.createElement("dl");
    for (const [key, value] of values) {
      const dt = document.createElement("dt");
      dt.textContent = key;
      const dd = document.createElement("dd");
      dd.textContent = value;
      list.append(dt, dd);
    }
    tip.append(list);
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hideTip() { tip.hidden = true; }

  function numberOf(text) { return Number(text.replace(/\u202f/g, "")); }

  function setUp(section) {
    // The tooltip shows the mention's own table row, its columns in this order (the row's
    // cells travel once, for the table and the tooltip alike).
    const tipColumns = JSON.parse(section.querySelector("script.mention-data").textContent);
    const cells = JSON.parse(section.querySelector("script.mention-table").textContent);
    const table = section.querySelector("table.mentions");
    const body = table.tBodies[0];
    const buttons = Array.from(table.tHead.rows[0].cells, (th) => th.querySelector("button"));
    const names = buttons.map((b) => b.textContent);
    const numeric = buttons.map((b) => b.hasAttribute("data-numeric"));
    const idCol = names.indexOf("mention_id");
    const typeCol = names.indexOf("type");
    const indexOf = new Map(cells.map((values, i) => [values[idCol], i]));
    const boxes = Array.from(section.querySelectorAll(".filters input"));
    const shown = section.querySelector(".filters .shown");
    const pager = section.querySelector(".pager");
    let order = cells.map((_, i) => i);

    // Links: mention id -> the link lines it is an end of, read off the lines themselves.
    const lines = Array.from(section.querySelectorAll(".link[data-head]"));
    const linesOf = new Map();
    for (const line of lines) {
      for (const key of [line.dataset.head, line.dataset.tail]) {
        if (!linesOf.has(key)) linesOf.set(key, []);
        linesOf.get(key).push(line);
      }
    }

    function tipOf(key) {
      const i = indexOf.get(key);
      if (i === undefined) return null;
      const values = tipColumns
        .filter((c) => cells[i][c] !== "" && cells[i][c] !== null)
        .map((c) => [names[c], cells[i][c]]);
      // Its links follow its type and text, read from its side ("part of →" the other, or
      // "← part of" when the other is the head): no need to go up to the Links table.
      const mine = (linesOf.get(key) || []).map((line) => linkTip(line, key));
      return values.slice(0, 2).concat(mine, values.slice(2));
    }

    function linkTip(line, key) {
      const [head, tail] = line.querySelectorAll(".lk-end");
      const label = line.querySelector(".lk-rel").textContent.replace("→", "").trim();
      return line.dataset.head === key ? [label + " →", tail.textContent] : ["← " + label, head.textContent];
    }

    let filtered = order;
    let page = 0;
    let selected = null;

    function rowOf(i) {
      const values = cells[i];
      const tr = document.createElement("tr");
      tr.dataset.m = values[idCol];
      tr.dataset.type = values[typeCol];
      tr.tabIndex = -1;
      values.forEach((value, c) => {
        const td = document.createElement("td");
        td.className = "c-" + names[c];
        if (c === typeCol) {
          const chip = document.createElement("span");
          chip.className = "chip t-" + value;
          chip.textContent = value;
          td.append(chip);
        } else {
          td.textContent = value;
        }
        if (numeric[c] && value !== "") td.dataset.sort = String(numberOf(value));
        tr.append(td);
      });
      if (values[idCol] === selected) {
        tr.classList.add("selected");
        tr.setAttribute("aria-selected", "true");
      }
      return tr;
    }

    function render() {
      const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
      page = Math.min(page, pages - 1);
      const fragment = document.createDocumentFragment();
      for (const i of filtered.slice(page * PAGE, (page + 1) * PAGE)) fragment.append(rowOf(i));
      body.replaceChildren(fragment);
      shown.textContent = filtered.length + " of " + cells.length + " shown";
      pager.hidden = pages === 1;
      pager.querySelector(".where").textContent = filtered.length
        ? (page * PAGE + 1) + "–" + Math.min((page + 1) * PAGE, filtered.length) + " of " + filtered.length
        : "none";
      pager.querySelector(".prev").disabled = page === 0;
      pager.querySelector(".next").disabled = page >= pages - 1;
    }

    function applyFilter() {
      const on = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
      filtered = order.filter((i) => on.has(cells[i][typeCol]));
      render();
    }

    function marksOf(key) {
      return section.querySelectorAll('mark.m[data-m="' + CSS.escape(key) + '"]');
    }

    function clearSelection() {
      selected = null;
      section.querySelectorAll("tr.selected").forEach((r) => {
        r.classList.remove("selected");
        r.removeAttribute("aria-selected");
      });
      section.querySelectorAll("mark.m.active").forEach((m) => m.classList.remove("active"));
    }

    function select(key, scrollTo) {
      clearSelection();
      marksOf(key).forEach((m) => m.classList.add("active"));
      const i = indexOf.get(key);
      if (i === undefined) return;
      selected = key;
      const box = boxes.find((b) => b.value === cells[i][typeCol]);
      if (box && !box.checked) { box.checked = true; applyFilter(); }
      page = Math.floor(filtered.indexOf(i) / PAGE);
      render();
      const row = body.querySelector('tr[data-m="' + CSS.escape(key) + '"]');
      if (row && scrollTo === "row") row.scrollIntoView({ block: "nearest" });
      if (scrollTo === "mark") {
        const first = marksOf(key)[0];
        if (first) { first.scrollIntoView({ block: "center" }); first.focus({ preventScroll: true }); }
      }
    }

    function sortBy(button) {
      const th = button.parentElement;
      const col = Number(button.dataset.col);
      const direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      table.querySelectorAll("th").forEach((h) => h.setAttribute("aria-sort", "none"));
      th.setAttribute("aria-sort", direction);
      const sign = direction === "ascending" ? 1 : -1;
      const key = (i) => (numeric[col] && cells[i][col] !== "" ? numberOf(cells[i][col]) : cells[i][col]);
      order = order.slice().sort((a, b) => {
        const x = key(a), y = key(b);
        if (x === "" && y !== "") return 1;  // empty cells last either way
        if (y === "" && x !== "") return -1;
        if (typeof x === "number" && typeof y === "number") return sign * (x - y);
        return sign * String(x).localeCompare(String(y), "ru", { numeric: true });
      });
      page = 0;
      applyFilter();
    }

    function innermost(target) {
      return target instanceof Element ? target.closest("mark.m") : null;
    }

    function unlink() {
      section.querySelectorAll(".linked").forEach((e) => e.classList.remove("linked"));
      section.querySelectorAll(".link.hot").forEach((e) => e.classList.remove("hot"));
    }

    function outline(keys, hot) {
      for (const key of keys) {
        marksOf(key).forEach((m) => m.classList.add("linked"));
      }
      hot.forEach((line) => line.classList.add("hot"));
    }

    // A mention: outline its partners (not itself: the pointer is on it) and its lines.
    function showLinks(key) {
      unlink();
      const mine = linesOf.get(key);
      if (!mine) return;
      const others = mine.map((l) => (l.dataset.head === key ? l.dataset.tail : l.dataset.head));
      outline(others, mine);
    }

    section.addEventListener("mouseover", (event) => {
      const mark = innermost(event.target);
      if (mark) { showTip(mark, tipOf(mark.dataset.m)); showLinks(mark.dataset.m); return; }
      hideTip();
      const line = event.target instanceof Element ? event.target.closest(".link[data-head]") : null;
      if (line) { unlink(); outline([line.dataset.head, line.dataset.tail], [line]); }
      else unlink();
    });
    section.addEventListener("mouseleave", () => { hideTip(); unlink(); });
    section.addEventListener("focusin", (event) => {
      const mark = innermost(event.target);
      if (mark && event.target === mark) { showTip(mark, tipOf(mark.dataset.m)); showLinks(mark.dataset.m); }
      const line = event.target instanceof Element ? event.target.closest(".link[data-head]") : null;
      if (line) { unlink(); outline([line.dataset.head, line.dataset.tail], [line]); }
    });
    section.addEventListener("focusout", () => { hideTip(); unlink(); });
    section.addEventListener("click", (event) => {
      const mark = innermost(event.target);
      if (mark) { event.stopPropagation(); select(mark.dataset.m, "row"); return; }
      const end = event.target instanceof Element ? event.target.closest(".lk-end") : null;
      if (end) { select(end.dataset.ref, "mark"); return; }
      const line = event.target instanceof Element ? event.target.closest(".link[data-head]") : null;
      const to = line && !event.target.closest("a") ? line.querySelector("a[href^='#']") : null;
      if (to) { location.hash = to.getAttribute("href"); return; }
      const row = event.target instanceof Element ? event.target.closest("tr[data-m]") : null;
      if (row) select(row.dataset.m, "mark");
    });
    section.addEventListener("keydown", (event) => {
      const mark = innermost(event.target);
      if (mark && event.target === mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        select(mark.dataset.m, "row");
      }
      if (event.key === "Escape") { clearSelection(); hideTip(); }
    });
    boxes.forEach((b) => b.addEventListener("change", () => { page = 0; applyFilter(); }));
    buttons.forEach((button) => button.addEventListener("click", () => sortBy(button)));
    pager.querySelector(".prev").addEventListener("click", () => { page -= 1; render(); });
    pager.querySelector(".next").addEventListener("click", () => { page += 1; render(); });
    applyFilter();
  }

  document.querySelectorAll("section.doc").forEach(setUp);

  // Light the whole sentence a "#article-s7" link leads to, up to its end mark, so a reader
  // sees which sentence it is (the :target marker alone shows only where it starts).
  function lightTarget() {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    CSS.highlights.delete("target-sentence");
    const id = decodeURIComponent(location.hash.slice(1));
    const start = id ? document.getElementById(id) : null;
    if (!start || !start.classList.contains("anchor")) return;
    const end = document.querySelector('.s-end[data-s="' + CSS.escape(id) + '"]');
    if (!end) return;
    const range = document.createRange();
    range.setStartAfter(start);
    range.setEndBefore(end);
    CSS.highlights.set("target-sentence", new Highlight(range));
  }
  window.addEventListener("hashchange", lightTarget);
  lightTarget();
})();
