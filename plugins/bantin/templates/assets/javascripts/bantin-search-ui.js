/* bantin search, part 2: loaded when a reader first opens the search dialog.
   Pagefind (pagefind/pagefind.js, built with the site) finds the articles;
   this module shows them: title, category, date and an excerpt with the
   words found highlighted. Everything shown is set as text (textContent);
   the excerpt's <mark> elements are rebuilt one by one, never parsed into the
   page as HTML.

   indexForm() must spell a query exactly as bantin/search/fold.py spells the
   index (a browser test compares both): new tone placement ("hoả" -> "hỏa"),
   and "đ" as "ḏ", which Pagefind folds to "d" ("duong" finds "đường"). */

const PAGE = 10;
const EXCERPT_WORDS = 26;
/* The index keeps each article's opening in full and, after this mark, every
   further word once (bantin/search/opening.py): that list is never shown. */
export const REST_MARK = "\u2042";
const OLD_PLACEMENT =
  /(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})|([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?!\p{L})/gu;

function newPlacement(match, u, y, o, a) {
  const first = u || o;
  const parts = (y || a).normalize("NFD");
  return (first + parts.slice(1)).normalize("NFC") + parts[0];
}

export function indexForm(text) {
  return text
    .normalize("NFC")
    .replace(OLD_PLACEMENT, newPlacement)
    .replace(/đ/g, "\u1e0f")
    .replace(/Đ/g, "\u1e0e");
}

export function displayForm(text) {
  return String(text || "").replace(/\u1e0f/g, "đ").replace(/\u1e0e/g, "Đ");
}

/* The excerpt as HTML with <mark> around the words found. Pagefind's own,
   unless it reaches the list of further words (after REST_MARK): then the
   words around the first match in the opening, or the opening itself when the
   article was found only by words further on. */
export function excerptHtml(data, length = EXCERPT_WORDS) {
  const words = String(data.content || "").split(/\s+/).filter(Boolean);
  const rest = words.indexOf(REST_MARK);
  const locations = data.locations || [];
  if (rest < 0 || (!String(data.excerpt || "").includes(REST_MARK) && locations.every((l) => l < rest))) {
    return data.excerpt;
  }
  const found = new Set(locations.filter((l) => l < rest));
  // Found only further on: the opening, after the title (shown above it anyway).
  const title = String((data.meta && data.meta.title) || "").split(/\s+/).filter(Boolean);
  const lead = title.length && title.every((w, i) => words[i] === w || words[i] === w + ".") ? title.length : 0;
  const first = found.size ? Math.min(...found) : lead;
  const start = Math.max(0, Math.min(first - (found.size ? Math.floor(length / 3) : 0), rest - length));
  const escape = (w) => w.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const shown = [];
  for (let i = start; i < Math.min(rest, start + length); i++) {
    shown.push(found.has(i) ? `<mark>${escape(words[i])}</mark>` : escape(words[i]));
  }
  return shown.join(" ");
}

/* The excerpt as nodes: text, and <mark> around the words found. The excerpt
   is parsed in an inert document (nothing in it runs or loads). */
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(String(html || ""), "text/html");
  const out = document.createDocumentFragment();
  const walk = (parent) => {
    for (const node of parent.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        out.append(displayForm(node.data));
      } else if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = displayForm(node.textContent);
        out.append(mark);
      } else {
        walk(node);
      }
    }
  };
  walk(doc.body);
  return out;
}

export async function start(dialog) {
  const form = dialog.querySelector("[data-bt-search-form]");
  const input = dialog.querySelector("#bt-search-input");
  const status = dialog.querySelector("[data-bt-search-status]");
  const list = dialog.querySelector("[data-bt-search-results]");
  const more = dialog.querySelector("[data-bt-search-more]");
  const template = dialog.querySelector("template[data-bt-search-item]");
  const numbers = new Intl.NumberFormat("vi-VN");

  const bundle = new URL(dialog.getAttribute("data-bundle"), document.baseURI);
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  const options = { baseUrl: new URL("..", bundle).pathname, excerptLength: EXCERPT_WORDS };
  await pagefind.options(options);
  await pagefind.init();
  // A large archive is indexed in parts (bantin.search.pagefind): the first is
  // this bundle, the others are merged into every search.
  const listed = await fetch(new URL("bantin-parts.json", bundle)).then((r) => (r.ok ? r.json() : { parts: [] }));
  await Promise.all(listed.parts.map((part) => pagefind.mergeIndex(new URL(part, bundle).pathname, options)));

  let seq = 0;
  let timer = 0;
  let results = [];
  let shown = 0;

  const say = (key, query = "", count = 0) => {
    const text = status.getAttribute("data-" + key) || "";
    status.textContent = text.replace(/\{q\}|\{n\}/g, (t) => (t === "{q}" ? query : numbers.format(count)));
  };

  const item = (data) => {
    const li = template.content.firstElementChild.cloneNode(true);
    const link = li.querySelector('[data-field="title"]');
    link.href = data.url;
    link.textContent = data.meta.display_title || displayForm(data.meta.title) || data.url;
    const category = data.meta.display_category || "";
    const date = data.meta.date || "";
    li.querySelector('[data-field="category"]').textContent = category;
    li.querySelector('[data-field="date"]').textContent = date;
    if (!category || !date) li.querySelector(".bt-search__sep").remove();
    li.querySelector('[data-field="excerpt"]').append(excerptNodes(excerptHtml(data)));
    return li;
  };

  const showMore = async (mine) => {
    const slice = results.slice(shown, shown + PAGE);
    const data = await Promise.all(slice.map((r) => r.data()));
    if (mine !== seq) return null;
    const items = data.map(item);
    list.append(...items);
    shown += slice.length;
    more.hidden = shown >= results.length;
    return items[0] || null;
  };

  const run = async (raw) => {
    const query = raw.trim();
    const mine = ++seq;
    if (!query) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    say("searching");
    const search = await pagefind.search(indexForm(query));
    if (mine !== seq || !search) return;
    results = search.results;
    shown = 0;
    list.replaceChildren();
    if (!results.length) {
      more.hidden = true;
      say("none", query);
      return;
    }
    await showMore(mine);
    if (mine === seq) say("count", query, results.length);
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  more.addEventListener("click", async () => {
    const first = await showMore(seq);
    if (first) first.querySelector("a").focus();
  });

  // Arrow keys: from the box to the first result, and between results.
  const links = () => Array.from(list.querySelectorAll("a"));
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else if (next < all.length) all[next].focus();
  });

  status.textContent = "";
  if (input.value.trim()) await run(input.value);
}
