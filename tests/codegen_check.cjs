// Runs GraphQL Code Generator (typescript + typescript-operations) over documents
// against a schema, as a frontend team would; prints the generated TypeScript's size.
//   node codegen_check.cjs <schema.graphql> <documents.json: [{location, text}]>
"use strict";
const fs = require("fs");
const { codegen } = require("@graphql-codegen/core");
const typescript = require("@graphql-codegen/typescript");
const operations = require("@graphql-codegen/typescript-operations");
const { parse } = require("graphql");

const [schemaPath, documentsPath] = process.argv.slice(2);
const documents = JSON.parse(fs.readFileSync(documentsPath, "utf8")).map((d) => ({
  location: d.location,
  document: parse(d.text),
}));

codegen({
  filename: "graphql.ts",
  schema: parse(fs.readFileSync(schemaPath, "utf8")),
  documents,
  config: { scalars: { Decimal: "string", DateTime: "string" } },
  plugins: [{ typescript: {} }, { "typescript-operations": {} }],
  pluginMap: { typescript, "typescript-operations": operations },
})
  .then((output) => console.log(JSON.stringify({ bytes: output.length, output })))
  .catch((error) => {
    console.error(String(error && error.stack ? error.stack : error));
    if (error && error.errors) for (const e of error.errors) console.error(String(e));
    process.exit(1);
  });
