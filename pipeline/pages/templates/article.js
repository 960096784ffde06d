// Hover or focus a mention: its values in a tooltip. Click or Enter: select its row below.
// Click a row: show its mention in the text. Headers sort, type boxes filter.
(function () {
  "use strict";
  const tip = document.getElementById("tip");

  function showTip(mark, values) {
    if (!values) return;
    tip.replaceChildren();
    const list = document.createElement("dl");
    for (const [key, value] of Object.entries(values)) {
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

  function setUp(section) {
    const data = JSON.parse(section.querySelector("script.mention-data").textContent);
    const table = section.querySelector("table.mentions");
    const body = table.tBodies[0];
    const rows = new Map(Array.from(body.rows, (row) => [row.dataset.m, row]));
    const boxes = Array.from(section.querySelectorAll(".filters input"));
    const shown = section.querySelector(".filters .shown");

    function marksOf(key) {
      return section.querySelectorAll('mark.m[data-m="' + CSS.escape(key) + '"]');
    }

    function clearSelection() {
      section.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
      section.querySelectorAll("mark.m.active").forEach((m) => m.classList.remove("active"));
    }

    function select(key, scrollTo) {
      clearSelection();
      const row = rows.get(key);
      marksOf(key).forEach((m) => m.classList.add("active"));
      if (!row) return;
      const box = boxes.find((b) => b.value === row.dataset.type);
      if (box && !box.checked) { box.checked = true; applyFilter(); }
      row.classList.add("selected");
      row.setAttribute("aria-selected", "true");
      if (scrollTo === "row") row.scrollIntoView({ block: "nearest" });
      if (scrollTo === "mark") {
        const first = marksOf(key)[0];
        if (first) { first.scrollIntoView({ block: "center" }); first.focus({ preventScroll: true }); }
      }
    }

    function applyFilter() {
      const on = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
      let n = 0;
      for (const row of rows.values()) {
        const visible = on.has(row.dataset.type);
        row.hidden = !visible;
        if (visible) n += 1;
      }
      shown.textContent = n + " of " + rows.size + " shown";
    }

    function innermost(target) {
      return target instanceof Element ? target.closest("mark.m") : null;
    }

    section.addEventListener("mouseover", (event) => {
      const mark = innermost(event.target);
      if (mark) showTip(mark, data[mark.dataset.m]); else hideTip();
    });
    section.addEventListener("mouseleave", hideTip);
    section.addEventListener("focusin", (event) => {
      const mark = innermost(event.target);
      if (mark && event.target === mark) showTip(mark, data[mark.dataset.m]);
    });
    section.addEventListener("focusout", hideTip);
    section.addEventListener("click", (event) => {
      const mark = innermost(event.target);
      if (mark) { event.stopPropagation(); select(mark.dataset.m, "row"); return; }
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
    boxes.forEach((b) => b.addEventListener("change", applyFilter));
    table.querySelectorAll("th button").forEach((button) => {
      button.addEventListener("click", () => sortBy(table, button));
    });
    applyFilter();
  }

  function sortBy(table, button) {
    const th = button.parentElement;
    const col = Number(button.dataset.col);
    const order = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    table.querySelectorAll("th").forEach((h) => h.setAttribute("aria-sort", "none"));
    th.setAttribute("aria-sort", order);
    const sign = order === "ascending" ? 1 : -1;
    const body = table.tBodies[0];
    const key = (row) => {
      const cell = row.cells[col];
      return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent;
    };
    const sorted = Array.from(body.rows).sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === "" && y !== "") return 1;  // empty cells last either way
      if (y === "" && x !== "") return -1;
      if (typeof x === "number" && typeof y === "number") return sign * (x - y);
      return sign * String(x).localeCompare(String(y), "ru", { numeric: true });
    });
    body.append(...sorted);
  }

  document.querySelectorAll("section.doc").forEach(setUp);
})();
