// The peer's composition: GraphQL Mesh v1 over each store's OpenAPI document.
// bench/peer.py writes the documents (the stores' own, 200 responses typed from
// samples) and PEER_STORES: [{name, source, endpoint, headers}] — loopback only.
import { createPrefixTransform, defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

interface PeerStore {
  name: string;
  source: string;
  endpoint: string;
  headers: Record<string, string>;
}

const stores: PeerStore[] = JSON.parse(process.env.PEER_STORES ?? '[]');

export const composeConfig = defineConfig({
  subgraphs: stores.map((store) => ({
    sourceHandler: loadOpenAPISubgraph(store.name, {
      source: store.source,
      endpoint: store.endpoint,
      operationHeaders: store.headers,
    }),
    // five stores name their operations and types alike: each gets its own prefix
    transforms: [createPrefixTransform({ value: `${store.name}_`, includeRootOperations: true })],
  })),
});
