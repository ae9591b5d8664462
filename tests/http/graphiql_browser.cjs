// Drives the gateway's GraphiQL page in headless Chromium (puppeteer-core, the system
// browser) and prints what a person would see, as one JSON object:
//   node graphiql_browser.cjs <page url> <chromium path> <fresh user-data-dir> <user token>
// It runs the default query with the ▶ button, then a query for the caller's reward
// orders with the token typed into the Headers tab, and records every URL the page
// requested and every error it logged.
"use strict";
const puppeteer = require("puppeteer-core");

const [url, executablePath, userDataDir, token] = process.argv.slice(2);
const TIMEOUT = 20000;

function editor(page, selector) {
  // GraphiQL's editors are CodeMirror instances; a person would type, this sets.
  return {
    get: () => page.$eval(selector, (el) => el.CodeMirror.getValue()),
    set: (text) => page.$eval(selector, (el, value) => el.CodeMirror.setValue(value), text),
  };
}

async function run(page, previous = "") {
  // press ▶ and wait for a new JSON answer in the result pane
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(
    (before) => {
      const el = document.querySelector(".result-window .CodeMirror");
      const text = el ? el.CodeMirror.getValue().trim() : "";
      return text.startsWith("{") && text !== before.trim();
    },
    { timeout: TIMEOUT },
    previous,
  );
  return editor(page, ".result-window .CodeMirror").get();
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const out = { requests: [], problems: [] };
  try {
    const page = await browser.newPage();
    page.on("request", (request) => out.requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") out.problems.push(message.text());
    });
    page.on("pageerror", (error) => out.problems.push(String(error)));
    page.on("requestfailed", (request) => out.problems.push(`failed: ${request.url()}`));

    await page.goto(url, { waitUntil: "networkidle0", timeout: TIMEOUT });
    await page.waitForSelector(".graphiql-execute-button", { timeout: TIMEOUT });
    out.title = await page.title();
    out.defaultQuery = await editor(page, ".graphiql-query-editor .CodeMirror").get();
    out.sidebar = await page.$$eval(".graphiql-sidebar button", (buttons) =>
      buttons.map((b) => b.getAttribute("aria-label")),
    );
    out.tools = await page.$$eval(".graphiql-editor-tools button", (buttons) =>
      buttons.map((b) => b.textContent.trim()),
    );
    const firstText = await run(page);
    out.first = JSON.parse(firstText);
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });

    // the docs explorer lists the root type's fields
    await page.click('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector(".graphiql-doc-explorer", { timeout: TIMEOUT });
    out.docs = await page.$eval(".graphiql-doc-explorer", (el) => el.innerText);

    // the Headers tab carries an identity header to the gateway
    const tabs = await page.$$(".graphiql-editor-tools button");
    for (const tab of tabs) {
      if ((await tab.evaluate((b) => b.textContent.trim())) === "Headers") await tab.click();
    }
    await page.waitForSelector(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror");
    await editor(page, ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror").set(
      JSON.stringify({ "livelike-user-token": token }),
    );
    await editor(page, ".graphiql-query-editor .CodeMirror").set(
      "query MyRewardOrders { rewards { me { orders { totalCount } } } }",
    );
    // GraphiQL reads the operation's name from the editor after a short debounce
    await new Promise((resolve) => setTimeout(resolve, 600));
    out.second = JSON.parse(await run(page, firstText));
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(out));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
