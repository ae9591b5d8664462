// The peer gateway: Hive Gateway serving the composed supergraph, with its own
// caching and de-duplication on — the response cache (per end-user session), the
// HTTP cache of upstream responses (http-cache-semantics) and per-request
// de-duplication of identical upstream GETs — and the relations the scenarios follow,
// written as the gateway's additional resolvers over the stores' by-id operations.
import { defineConfig, useHttpCache, type GatewayPlugin } from '@graphql-hive/gateway';
import { useDeduplicateRequest } from '@graphql-hive/plugin-deduplicate-request';
import InMemoryLRUCache from '@graphql-mesh/cache-inmemory-lru';
import type { KeyValueCache } from '@graphql-mesh/types';

const RESPONSE_CACHE_TTL_MS = 30_000; // storegraph's default store TTL
const CLEAR_PATH = '/__bench/cache/clear';

// The bench's cold runs start from empty caches on both gateways: this empties the
// gateway's cache storage (the response cache and the HTTP cache both live there),
// for the bench's token only.
function useBenchCacheClear(cache: KeyValueCache | undefined): GatewayPlugin {
  const token = process.env.PEER_ADMIN_TOKEN;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== CLEAR_PATH) return;
      if (!token || !cache || request.headers.get('authorization') !== `Bearer ${token}`) {
        endResponse(new fetchAPI.Response('not found', { status: 404 }));
        return;
      }
      const keys = await cache.getKeysByPrefix('');
      await Promise.all(keys.map((key) => cache.delete(key)));
      endResponse(fetchAPI.Response.json({ cleared: keys.length }));
    },
  };
}

export const gatewayConfig = defineConfig({
  supergraph: process.env.PEER_SUPERGRAPH ?? './work/supergraph.graphql',
  host: '127.0.0.1',
  port: Number(process.env.PEER_PORT ?? 4000),
  logging: 'error',
  // the gateway's cache storage (response cache, HTTP cache): in memory, as storegraph's
  cache: new InMemoryLRUCache(),
  responseCaching: {
    ttl: RESPONSE_CACHE_TTL_MS,
    // one cache per end user; anonymous callers share one
    session: (request: Request) => request.headers.get('livelike-user-token'),
  },
  plugins: (ctx) => [useBenchCacheClear(ctx.cache), useHttpCache(ctx), useDeduplicateRequest()],
  additionalTypeDefs: /* GraphQL */ `
    extend type litestore_Content {
      featuredProducts: [litestore_get_product_api_products__id__get_response]
    }
    extend type litekart_Order {
      customer: litekart_get_customer_api_customers__id__get_response
    }
    extend type litekart_Item {
      product: litekart_get_product_api_products__id__get_response
    }
  `,
  additionalResolvers: {
    litestore_Content: {
      featuredProducts: {
        selectionSet: '{ products }',
        resolve: (root: any, _args: unknown, context: any, info: any) =>
          Promise.all(
            (root.products ?? []).map((id: string) =>
              context.litestore.Query.litestore_get_product_api_products__id__get({
                root,
                args: { id },
                context,
                info,
              }),
            ),
          ),
      },
    },
    litekart_Order: {
      customer: {
        selectionSet: '{ customer_id }',
        resolve: (root: any, _args: unknown, context: any, info: any) =>
          context.litekart.Query.litekart_get_customer_api_customers__id__get({
            root,
            args: { id: root.customer_id },
            context,
            info,
          }),
      },
    },
    litekart_Item: {
      product: {
        selectionSet: '{ product_id }',
        resolve: (root: any, _args: unknown, context: any, info: any) =>
          context.litekart.Query.litekart_get_product_api_products__id__get({
            root,
            args: { id: root.product_id },
            context,
            info,
          }),
      },
    },
  },
});
