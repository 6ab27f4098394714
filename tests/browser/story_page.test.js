// Browser test of the storyline web page: headless Chromium driven by
// playwright-core. Needs BASE (server URL, already loaded with the seeds)
// and CHROMIUM (executable). Opens the top stories, the story of the seed
// article 000_19279ecd0e6b9f34.txt, checks its sections and an article's
// "why in this story?", searches for "Electoral College", and saves
// screenshots in tests/browser/screenshots/.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

const BASE = process.env.BASE;
const SEED = "000_19279ecd0e6b9f34.txt";
const shots = path.join(__dirname, "screenshots");

function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
  console.log("ok   " + what);
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sl-chromium-"));
  // a fresh profile (--user-data-dir) each run, through the persistent-context API
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const [name, viewport] of [["desktop", { width: 1280, height: 900 }],
                                    ["phone", { width: 390, height: 844 }]]) {
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      const errors = [];
      page.on("pageerror", e => errors.push(String(e)));
      // nothing may be fetched from elsewhere
      const foreign = [];
      page.on("request", r => { if (!r.url().startsWith(BASE)) foreign.push(r.url()); });

      await page.goto(BASE + "/");
      await page.waitForSelector(".cards .card h3 a");
      check((await page.locator(".cards .card").count()) > 0, name + ": top stories listed");
      await page.screenshot({ path: path.join(shots, name + "-top.png"), fullPage: true });

      const art = await (await page.request.get(BASE + "/articles/" + SEED)).json();
      check(art.story > 0, name + ": seed article has a story");
      await page.goto(BASE + "/#/story/" + art.story);
      await page.waitForSelector("#headline");
      const headline = (await page.textContent("#headline")).trim();
      check(headline.length > 0, name + ": headline shown (" + headline + ")");
      for (const sec of ["summary", "timeline", "quotes"])
        check(await page.isVisible("section#" + sec + " h2"), name + ": " + sec + " section shown");
      check((await page.locator("section#summary li").count()) > 0, name + ": summary has sentences");
      check((await page.locator("section#summary a.src").count()) > 0, name + ": summary links to sources");
      const story = await (await page.request.get(BASE + "/stories/" + art.story)).json();
      if ((story.timeline || []).length)
        check(await page.isVisible("section#timeline svg"), name + ": timeline drawn as SVG");
      else
        console.log("note " + name + ": the story has no timeline events yet");
      if ((story.quotes || []).length)
        check((await page.locator("section#quotes blockquote").count()) === story.quotes.length,
              name + ": every quote shown");
      check((await page.locator(`#articles li[id="src-${SEED}"]`).count()) === 1, name + ": seed listed among the articles");
      // every article but the story's first can say why it is in the story
      if (story.articles.length > 1) {
        const other = story.articles[1];
        const why = page.locator(`#articles li[id="src-${other}"] details.why`);
        check((await why.count()) === 1, name + ": a non-first article has 'why in this story?'");
        check((await page.locator(`#articles li[id="src-${story.articles[0]}"] details.why`).count()) === 0,
              name + ": the first article has none");
        await why.locator("summary").click();
        await why.locator(".whybody b").waitFor();
        const w = await (await page.request.get(BASE + "/why?a=" + encodeURIComponent(other) +
                                                "&b=" + encodeURIComponent(story.articles[0]))).json();
        const text = await why.locator(".whybody").textContent();
        check(text.includes(w.decision) && text.includes(w.pair.score.toFixed(2)),
              name + ": why shows the verdict and the score (" + w.decision + ", " + w.pair.score.toFixed(2) + ")");
      }
      await page.screenshot({ path: path.join(shots, name + "-story.png"), fullPage: true });

      await page.fill("#q", "Electoral College");
      await page.press("#q", "Enter");
      await page.waitForSelector("#search-stories, #search-articles");
      const storyLinks = await page.locator("#search-stories a").evaluateAll(
        as => as.map(a => a.getAttribute("href")));
      check(storyLinks.includes("#/story/" + art.story), name + ": search finds the story");
      check((await page.locator("#search-articles mark").count()) > 0, name + ": matches highlighted");
      await page.screenshot({ path: path.join(shots, name + "-search.png"), fullPage: true });

      // The views (timeline, quotes, entities) may still be empty for the
      // seeds: check that the page draws them when the API has them, by
      // adding a few to the story's JSON on its way to the page.
      await page.route("**/stories/" + art.story, async route => {
        const resp = await route.fetch();
        const j = await resp.json();
        const a = j.articles[0];
        j.timeline = [{ date: "2016-11-09", precision: "day", text: "First event", article: a },
                      { date: "2020-12-15", precision: "day", text: "Second event", article: a },
                      { date: "--12", precision: "month", phrase: "December", text: "A month", article: a }];
        j.quotes = [{ speaker: "A. Speaker", text: "Something was said.", articles: [a] },
                    { speaker: "محمود عباس", text: "الاحتلال يتحمل المسؤولية الكاملة", articles: [a] }];
        j.entities = [{ name: "Somewhere", type: "place", count: 3 }];
        await route.fulfill({ response: resp, json: j });
      });
      await page.goto(BASE + "/#/");
      await page.goto(BASE + "/#/story/" + art.story);
      await page.waitForSelector("section#timeline svg");
      check((await page.locator("section#timeline svg circle").count()) === 2, name + ": timeline SVG has one dot per event with a year");
      check((await page.locator("section#timeline ol li").count()) === 3, name + ": timeline lists the events");
      const monthLabel = await page.locator("section#timeline ol li").nth(2).textContent();
      check(/Dec/.test(monthLabel) && !/unknown|Invalid/.test(monthLabel), name + ": a month of an unknown year reads as its name: " + monthLabel);
      check((await page.textContent("section#quotes blockquote")).includes("A. Speaker"), name + ": quote shows its speaker");
      const dirs = await page.locator("section#quotes blockquote").evaluateAll(
        bs => bs.map(b => getComputedStyle(b).direction));
      check(dirs[0] === "ltr" && dirs[1] === "rtl", name + ": an Arabic quote reads right to left (" + dirs + ")");
      check((await page.locator("section#entities .chips li").count()) === 1, name + ": entities shown");
      await page.screenshot({ path: path.join(shots, name + "-story-views.png"), fullPage: true });
      await page.unroute("**/stories/" + art.story);

      check(errors.length === 0, name + ": no script errors " + errors.join("; "));
      check(foreign.length === 0, name + ": nothing fetched from elsewhere " + foreign.join(" "));
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => console.log("browser test passed"),
            e => { console.error(e.message || e); process.exit(1); });
