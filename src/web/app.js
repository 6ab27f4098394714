// Storyline web page: a small hash-routed page over the JSON API.
//   #/                top stories      (GET /stories)
//   #/story/ID        one story        (GET /stories/ID)
//   #/search?q=...    search results   (GET /search)
//   #/article/ID      one article      (GET /articles/ID)
// Everything from the server is inserted as text, except search snippets,
// which the server sends HTML-escaped with <mark> around the matches.
"use strict";

const main = document.getElementById("main");

// Elements that hold text from the articles take their direction from it
// (dir="auto": an Arabic headline or quote reads right to left).
const TEXT_TAGS = new Set(["h1", "h3", "p", "li", "blockquote", "cite", "span", "a"]);

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  if (TEXT_TAGS.has(tag)) e.setAttribute("dir", "auto");
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const k of kids) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : String(k));
  }
  return e;
}

function svgEl(tag, attrs, text) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// Each navigation has a number; an answer that arrives after the reader has
// moved on is dropped, so a slow page never replaces the one now asked for.
let navSeq = 0;
class Stale extends Error {}

async function api(path) {
  const nav = navSeq;
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (nav !== navSeq) throw new Stale("superseded");
  if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
  return body;
}

function day(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric",
                                           timeZone: "UTC" });
}

// A timeline entry's date as a reader says it: "Nov 3, 2020", "Nov 2020",
// "2016", "Nov 3" and "Nov" (year unknown: "--11-03", "--11"), or the
// relative phrase itself ("Tuesday") when there was no publication date to
// resolve it against.
function tlDate(e) {
  const d = e.date;
  if (!d) return e.phrase ? e.phrase + " (date unknown)" : "date unknown";
  const md = /^--(\d\d)-(\d\d)$/.exec(d);
  if (md)
    return new Date(Date.UTC(2000, +md[1] - 1, +md[2])).toLocaleDateString(undefined,
      { month: "short", day: "numeric", timeZone: "UTC" });
  const mo = /^--(\d\d)$/.exec(d);
  if (mo)
    return new Date(Date.UTC(2000, +mo[1] - 1, 1)).toLocaleDateString(undefined,
      { month: "short", timeZone: "UTC" });
  if (/^\d{4}-\d\d$/.test(d))
    return new Date(d + "-01T00:00:00Z").toLocaleDateString(undefined,
      { year: "numeric", month: "short", timeZone: "UTC" });
  if (/^\d{4}$/.test(d)) return d;
  return day(d);
}

function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric",
                                       hour: "2-digit", minute: "2-digit" });
}

function span(first, last) {
  if (!first && !last) return "date unknown";
  const a = day(first), b = day(last);
  return a === b ? when(first) + (first !== last ? " – " + when(last).split(", ").pop() : "")
                 : a + " – " + b;
}

function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

// Articles whose pages name no site (plain text, DUC files) have no outlet
// to count: say so rather than "0 outlets".
function outletCount(n) { return n ? plural(n, "outlet", "outlets") : "outlet unknown"; }

function articleHref(id) { return "#/article/" + encodeURIComponent(id); }

function show(...nodes) {
  main.replaceChildren(...nodes.filter(n => n !== null && n !== undefined && n !== false));
  window.scrollTo(0, 0);
}

function fail(err) {
  if (err instanceof Stale) return;
  show(el("p", { class: "error" }, "Could not load: " + err.message));
}

// ---- top stories -----------------------------------------------------------

function storyCard(s) {
  const outlets = (s.outlets || []).join(", ");
  return el("li", { class: "card" },
    el("h3", {}, el("a", { href: "#/story/" + s.id }, s.headline || "(untitled)")),
    el("div", { class: "meta" },
      el("span", { class: "badge", title: "articles" }, s.articles), " ",
      plural(s.articles, "article", "articles"),
      s.outlet_count !== undefined ? " · " + outletCount(s.outlet_count) : "",
      outlets ? " (" + outlets + ")" : "",
      " · ", span(s.first_seen, s.last_seen)));
}

async function viewTop() {
  document.title = "Storyline — top stories";
  const d = await api("/stories?limit=50");
  const list = el("ul", { class: "cards" }, ...d.stories.map(storyCard));
  show(el("h1", {}, "Top stories"),
       el("p", { class: "muted" }, plural(d.total, "story", "stories") +
          (d.as_of ? " · as of " + when(d.as_of) : "")),
       d.stories.length ? list : el("p", { class: "empty" }, "No stories yet."));
}

// ---- one story ------------------------------------------------------------

function section(title, id, ...body) {
  return el("section", { id: id, class: id }, el("h2", {}, title), ...body);
}

function sourceLink(id, sources) {
  const s = sources.get(id);
  const label = s && s.site ? s.site : "source";
  return el("a", { class: "src", href: articleHref(id), title: s && s.title ? s.title : id },
            "[" + label + "]");
}

function timelineSvg(events) {
  // only entries with a full date (a year at least) have a place on the axis
  const dated = events.filter(e => e.date && /^\d{4}/.test(e.date))
                      .map(e => ({ e, t: Date.parse(e.date) })).filter(x => !isNaN(x.t));
  // drawn at the width it is shown at, so its text stays readable on a phone
  const W = Math.max(300, Math.min(900, main.clientWidth || 800)), H = 90, pad = 40;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
                             "aria-label": "timeline of " + events.length + " events" });
  svg.append(svgEl("line", { x1: pad, y1: 45, x2: W - pad, y2: 45, stroke: "#9aa5b1",
                             "stroke-width": 2 }));
  if (!dated.length) return svg;
  const t0 = Math.min(...dated.map(x => x.t)), t1 = Math.max(...dated.map(x => x.t));
  const x = t => t1 === t0 ? W / 2 : pad + (W - 2 * pad) * (t - t0) / (t1 - t0);
  dated.forEach((d, i) => {
    const c = svgEl("circle", { cx: x(d.t).toFixed(1), cy: 45, r: 7, fill: "#c2410c",
                                stroke: "#fff", "stroke-width": 2 });
    c.append(svgEl("title", {}, d.e.date + ": " + d.e.text));
    svg.append(c);
    svg.append(svgEl("text", { x: x(d.t).toFixed(1), y: i % 2 ? 68 : 28, "text-anchor": "middle",
                               "font-size": 13, fill: "#5f6b78" }, String(i + 1)));
  });
  svg.append(svgEl("text", { x: pad, y: H - 2, "font-size": 12, fill: "#1d2126" }, day(new Date(t0).toISOString())));
  if (t1 !== t0)
    svg.append(svgEl("text", { x: W - pad, y: H - 2, "font-size": 12, fill: "#1d2126",
                               "text-anchor": "end" }, day(new Date(t1).toISOString())));
  return svg;
}

function empty(what) { return el("p", { class: "empty" }, "No " + what + " found."); }

async function viewStory(id) {
  const s = await api("/stories/" + encodeURIComponent(id));
  if (String(s.id) !== String(id)) /* it merged into story s.id (301): name that one */
    history.replaceState(null, "", "#/story/" + s.id);
  document.title = s.headline + " — Storyline";
  const sources = new Map((s.sources || []).map(a => [a.id, a]));
  const outlets = new Set((s.sources || []).map(a => a.site).filter(Boolean));
  const summary = (s.summary || []).map(p =>
    el("li", {}, p.text, sourceLink(p.article, sources)));
  const tl = s.timeline || [];
  const timeline = tl.length
    ? [timelineSvg(tl), el("ol", {}, ...tl.map((e, i) => el("li", {},
        el("time", e.date ? { datetime: e.date } : {}, (i + 1) + ". " + tlDate(e)),
        el("span", {}, e.text, e.article ? sourceLink(e.article, sources) : null))))]
    : [empty("dated events")];
  const quotes = (s.quotes || []).map(q => el("blockquote", {}, "“" + q.text + "”",
    el("cite", {}, "— " + (q.speaker || "unattributed"),
       ...(q.articles || []).slice(0, 3).map(a => sourceLink(a, sources)))));
  const entities = (s.entities || []).map(e => el("li", { title: e.type || "" }, e.name + " ",
    el("small", {}, "×" + e.count)));
  const dups = new Map((s.duplicates || []).map(d => [d.id, d.of]));
  /* each other article can say how it hangs together with the story's first */
  const anchor = (s.articles || []).length > 1 ? sources.get(s.articles[0]) || { id: s.articles[0] } : null;
  const articles = (s.sources || []).slice().sort((a, b) =>
    String(b.published || "").localeCompare(String(a.published || ""))).map(a =>
    el("li", { id: "src-" + a.id },
      el("span", { class: "outlet" }, a.site || "unknown outlet"), " · ",
      el("span", { class: "muted" }, a.published ? when(a.published) : "undated"), " · ",
      el("a", { href: articleHref(a.id) }, a.title || a.id),
      a.url ? el("a", { href: a.url, rel: "noopener nofollow", class: "src" }, "[original]") : null,
      dups.has(a.id) ? el("span", { class: "muted" }, " (duplicate)") : null,
      anchor && a.id !== anchor.id ? whyHere(a.id, anchor, sources) : null));
  const related = (s.related_stories || []).map(r => el("li", {},
    el("a", { href: "#/story/" + r.id }, r.headline), r.reason ? el("span", { class: "muted" }, " — " + r.reason) : null));
  show(
    el("p", {}, el("a", { href: "#/" }, "← Top stories")),
    el("h1", { id: "headline" }, s.headline),
    el("p", { class: "meta" }, plural((s.articles || []).length, "article", "articles"), " · ",
       outletCount(outlets.size), " · ", span(s.first_seen, s.last_seen)),
    section("Summary", "summary", summary.length ? el("ul", {}, ...summary) : empty("summary")),
    section("Timeline", "timeline", ...timeline),
    section("Quotes", "quotes", ...(quotes.length ? quotes : [empty("quotes")])),
    section("Entities", "entities", entities.length ? el("ul", { class: "chips" }, ...entities) : empty("entities")),
    section("Articles", "articles", el("ul", { class: "articles" }, ...articles)),
    section("Related stories", "related", related.length ? el("ul", {}, ...related) : empty("related stories")));
}

// "Why in this story?" under an article: GET /why against the story's first
// article, fetched when first opened.
function whyHere(id, anchor, sources) {
  const body = el("div", { class: "whybody" }, "…");
  const d = el("details", { class: "why" }, el("summary", {}, "why in this story?"), body);
  d.addEventListener("toggle", () => {
    if (!d.open || d.dataset.loaded) return;
    d.dataset.loaded = "1";
    api("/why?a=" + encodeURIComponent(id) + "&b=" + encodeURIComponent(anchor.id))
      .then(w => body.replaceChildren(...whyLines(w, anchor, sources)))
      .catch(e => body.replaceChildren(el("span", { class: "error" }, String(e.message || e))));
  });
  return d;
}

function fixed(x) { return typeof x === "number" ? x.toFixed(2) : "—"; }

function whyLines(w, anchor, sources) {
  const p = w.pair || {};
  const name = id => { const a = sources.get(id); return a && a.title ? a.title : id; };
  const lines = [el("p", {}, "Compared with “" + name(anchor.id) + "”: ", el("b", {}, w.decision || ""),
    ". Score " + fixed(p.score) + " (an article joins a story at " + fixed(w.threshold) + "): body words " +
    fixed(p.terms_cosine) + ", title " + fixed(p.title_cosine) + ", names " + fixed(p.entity_cosine) +
    (typeof p.days_apart === "number" ? ", " + p.days_apart.toFixed(1) + " days apart" : "") + ".")];
  if (w.shared_entities) lines.push(el("p", {}, "Shared names: " + w.shared_entities + "."));
  const c = w.chain;
  if (c && c.articles.length > 2)
    lines.push(el("p", {}, "Linked through " + (c.articles.length - 2) + " other " +
      (c.articles.length === 3 ? "article" : "articles") + ": ",
      ...c.articles.flatMap((id, i) => [i ? " → " + fixed(c.scores[i - 1]) + " → " : "",
        el("a", { href: articleHref(id) }, name(id))])));
  else if (!c && w.same_story)
    lines.push(el("p", { class: "muted" }, "The story is too large to trace the chain between them."));
  if (c && c.weakest !== null && c.weakest < w.threshold && (w.merges || []).length)
    lines.push(el("p", { class: "muted" }, "Held together by merges: " +
      w.merges.map(m => (m.rule || "merge") + (typeof m.score === "number" ? " " + m.score.toFixed(2) : "")).join(", ") + "."));
  return lines;
}

// ---- search ------------------------------------------------------------------

function snippet(html) {
  const p = el("p", { class: "snippet" });
  p.innerHTML = html; // escaped by the server; only <mark> is markup
  return p;
}

async function viewSearch(q) {
  document.getElementById("q").value = q;
  document.title = q + " — Storyline search";
  if (!q.trim()) return show(el("p", { class: "empty" }, "Type something to search for."));
  const d = await api("/search?limit=20&q=" + encodeURIComponent(q));
  const stories = d.stories.map(s => el("li", { class: "card" },
    el("h3", {}, el("a", { href: "#/story/" + s.id }, s.headline || "(untitled)")),
    el("div", { class: "meta" }, plural(s.articles, "article", "articles"), " · ",
       plural(s.hits, "match", "matches"), " · ", span(s.first_seen, s.last_seen))));
  const arts = d.articles.map(a => el("li", { class: "card" },
    el("h3", {}, el("a", { href: articleHref(a.id) }, a.title || a.id)),
    el("div", { class: "meta" }, a.site || "unknown outlet", a.published ? " · " + when(a.published) : "",
       " · ", el("a", { href: "#/story/" + a.story }, "story")),
    snippet(a.snippet || "")));
  show(el("h1", {}, "Search: " + q),
       d.plain ? el("p", { class: "muted" }, "Searched as plain words.") : null,
       el("h2", {}, "Stories"),
       stories.length ? el("ul", { class: "cards", id: "search-stories" }, ...stories) : empty("stories"),
       el("h2", {}, "Articles"),
       arts.length ? el("ul", { class: "cards", id: "search-articles" }, ...arts) : empty("articles"));
}

// ---- one article -----------------------------------------------------------

async function viewArticle(id) {
  const a = await api("/articles/" + encodeURIComponent(id));
  document.title = (a.title || a.id) + " — Storyline";
  const paras = String(a.text || "").split(/\n\s*\n/).map(p => el("p", {}, p));
  show(el("p", {}, el("a", { href: "#/story/" + a.story }, "← Story")),
       el("h1", {}, a.title || a.id),
       el("p", { class: "meta" }, a.site || "unknown outlet", a.published ? " · " + when(a.published) : "",
          a.author ? " · " + a.author : "",
          a.url ? el("a", { href: a.url, rel: "noopener nofollow", class: "src" }, "[original]") : null),
       el("div", { class: "articletext" }, ...paras));
}

// ---- routing ------------------------------------------------------------------

function route() {
  navSeq++;
  const h = location.hash.replace(/^#/, "") || "/";
  let m;
  let p;
  if ((m = h.match(/^\/story\/(.+)$/))) p = viewStory(decodeURIComponent(m[1]));
  else if ((m = h.match(/^\/article\/(.+)$/))) p = viewArticle(decodeURIComponent(m[1]));
  else if ((m = h.match(/^\/search\?q=(.*)$/))) p = viewSearch(decodeURIComponent(m[1].replace(/\+/g, " ")));
  else p = viewTop();
  p.catch(fail);
}

document.getElementById("search").addEventListener("submit", ev => {
  ev.preventDefault();
  location.hash = "#/search?q=" + encodeURIComponent(document.getElementById("q").value);
});
window.addEventListener("hashchange", route);
route();
