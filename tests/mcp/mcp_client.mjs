// An MCP client as MCP hosts (editors, assistants) run one: the official TypeScript SDK's
// OAuth client (`@modelcontextprotocol/sdk`) meets a protected MCP server it was never
// registered for, finds Clientele through the server's RFC 9728 metadata, registers itself
// (RFC 7591) or names its client ID metadata document, and sends the person's browser to
// Clientele. The Rust test (tests/tests/e2e/mcp_clients.rs) plays the person in Chromium.
//
// Environment: MCP_URL (the protected MCP server), CALLBACK_PORT (a free loopback port for the
// redirect), CLIENT_METADATA_URL (optional: use a client ID metadata document instead of
// dynamic registration), SDK_DIR (where npm installed the SDK).
//
// Lines on stdout, one event each: `AUTHORIZE <url>` when the browser must go there,
// `CLIENT <client_id>`, `TOOL <text>` with the tool's answer, `TOOL-AFTER-REFRESH <text>`.
// Exits non-zero with the error on stderr when anything fails.

import http from 'node:http';
import { pathToFileURL } from 'node:url';

const sdk = (path) => import(pathToFileURL(`${process.env.SDK_DIR}/dist/esm/${path}`).href);
const { Client } = await sdk('client/index.js');
const { StreamableHTTPClientTransport } = await sdk('client/streamableHttp.js');
const { UnauthorizedError } = await sdk('client/auth.js');

const serverUrl = new URL(process.env.MCP_URL);
const callbackPort = Number(process.env.CALLBACK_PORT);
const redirectUrl = `http://127.0.0.1:${callbackPort}/callback`;
const metadataUrl = process.env.CLIENT_METADATA_URL || undefined;

// The SDK's OAuthClientProvider, kept in memory as a CLI would keep it in a file.
class MemoryProvider {
  constructor() {
    this.saved = {};
    if (metadataUrl) this.clientMetadataUrl = metadataUrl;
  }
  get redirectUrl() { return redirectUrl; }
  get clientMetadata() {
    return {
      client_name: 'SDK Test Client',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() { return this.saved.client; }
  saveClientInformation(info) {
    this.saved.client = info;
    console.log(`CLIENT ${info.client_id}`);
  }
  tokens() { return this.saved.tokens; }
  saveTokens(tokens) { this.saved.tokens = tokens; }
  redirectToAuthorization(url) { console.log(`AUTHORIZE ${url.href}`); }
  saveCodeVerifier(verifier) { this.saved.verifier = verifier; }
  codeVerifier() { return this.saved.verifier; }
}

// The loopback redirect (RFC 8252 section 7.3): the first callback's code, or its error.
function waitForCallback() {
  return new Promise((resolve, reject) => {
    const server = http.createServer((request, response) => {
      const url = new URL(request.url, redirectUrl);
      if (url.pathname !== '/callback') {
        response.writeHead(404).end();
        return;
      }
      const code = url.searchParams.get('code');
      const error = url.searchParams.get('error');
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><link rel="icon" href="data:,"><title>Done</title><h1>${code ? 'Authorized' : 'Failed'}</h1>`);
      server.close();
      if (code) resolve(code);
      else reject(new Error(`the authorization server answered ${error}`));
    });
    server.listen(callbackPort, '127.0.0.1');
  });
}

async function connected(provider) {
  const client = new Client({ name: 'sdk-test-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider });
  await client.connect(transport);
  return client;
}

async function whoami(client) {
  const result = await client.callTool({ name: 'whoami', arguments: {} });
  return result.content.map((part) => part.text).join(' ');
}

const provider = new MemoryProvider();
const callback = waitForCallback();
let client;
try {
  client = await connected(provider);
  throw new Error('the MCP server let an unauthenticated client in');
} catch (error) {
  if (!(error instanceof UnauthorizedError)) throw error;
}
// The SDK has sent the browser to the authorization server; the person signs in and allows.
const code = await callback;
const transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider });
await transport.finishAuth(code);
client = await connected(provider);
const tools = await client.listTools();
console.log(`TOOLS ${tools.tools.map((tool) => tool.name).join(',')}`);
console.log(`TOOL ${await whoami(client)}`);
await client.close();

// The access token is dropped, as when it expires: the SDK refreshes with its refresh token.
provider.saved.tokens = { ...provider.saved.tokens, access_token: 'expired' };
client = await connected(provider);
console.log(`TOOL-AFTER-REFRESH ${await whoami(client)}`);
await client.close();
process.exit(0);
