// Runs graphql-http's server audits (GraphQL over HTTP conformance) against the URL in
// argv[2] and prints one JSON line per audit: {id, name, status, reason}.
// Like every non-browser client of this gateway, it marks its requests as such
// (`apollo-require-preflight`), which CSRF prevention asks of requests that a browser
// could send without a CORS preflight.
"use strict";
const { serverAudits } = require("graphql-http");

const url = process.argv[2];
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers || {});
  headers.set("apollo-require-preflight", "true");
  return fetch(input, { ...init, headers });
};

(async () => {
  const audits = serverAudits({ url, fetchFn });
  const results = await Promise.all(audits.map((audit) => audit.fn()));
  for (const result of results) {
    const reason = result.status === "ok" ? null : result.reason;
    console.log(JSON.stringify({ id: result.id, name: result.name, status: result.status, reason }));
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
