// storegraph's GraphiQL: the vendored GraphiQL with its docs explorer, the query
// explorer plugin and the Headers tab (identity headers), talking to this gateway only.
// The page's configuration (endpoint, default query) is the JSON in #graphiql-config.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var url = new URL(config.endpoint, window.location.href);
  var subscriptionUrl = new URL(url.toString());
  subscriptionUrl.protocol = url.protocol === "https:" ? "wss:" : "ws:";

  var fetcher = GraphiQL.createFetcher({
    url: url.toString(),
    subscriptionUrl: subscriptionUrl.toString(),
  });
  var explorer = GraphiQLPluginExplorer.explorerPlugin();

  function App() {
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      defaultQuery: config.defaultQuery,
      defaultHeaders: config.defaultHeaders,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      inputValueDeprecation: true,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(App));
})();
