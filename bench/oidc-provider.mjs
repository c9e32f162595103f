// The comparison server: oidc-provider 9 set up like the Clientele apps of the bench. The
// bench writes this file next to the node_modules it installed and runs `node` on it.
//
// - Clients: one confidential client for client_credentials, authorization_code (PKCE) and
//   refresh_token, with opaque access tokens; one for client_credentials with JWT access
//   tokens, signed with the algorithm Clientele uses (BENCH_JWT_ALG).
// - Scopes: the bench's API scopes belong to one resource server, the default resource, as
//   oidc-provider expects API scopes to be configured.
// - Introspection on; refresh tokens issued to clients allowed the grant, rotated on every use.
// - Storage: oidc-provider's own in-memory adapter, with its 1,000-entry cap lifted, because
//   the bench mints tens of thousands of codes in advance and the cap would evict them.
// - Sign-in and consent: the interaction routes an app must supply, here signing in the bench
//   user and granting what was asked, as Clientele's sign-in and consent forms do.

import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import LRU from 'oidc-provider/lib/helpers/lru.js';

const port = Number(process.env.PORT);
const secret = process.env.BENCH_CLIENT_SECRET;
const jwtAlg = process.env.BENCH_JWT_ALG || 'ES256';
const redirectUri = process.env.BENCH_REDIRECT_URI;
const RESOURCE = 'urn:clientele:bench';
const SCOPE = 'files:read files:write accounts.self:read';
const USER = 'bench-user';

function signingKey(alg) {
  const [type, options] = {
    ES256: ['ec', { namedCurve: 'P-256' }],
    EdDSA: ['ed25519', {}],
    Ed25519: ['ed25519', {}],
  }[alg] ?? ['rsa', { modulusLength: 2048 }];
  const { privateKey } = generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: 'jwk' }), alg, use: 'sig', kid: 'bench' };
}

const store = new LRU({ maxSize: Number.POSITIVE_INFINITY });
const client = {
  client_secret: secret,
  redirect_uris: [redirectUri],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  // The only key is of BENCH_JWT_ALG's type.
  id_token_signed_response_alg: jwtAlg,
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  adapter: (model) => new MemoryAdapter(model, store),
  clients: [
    { ...client, client_id: 'bench-opaque', grant_types: ['client_credentials', 'authorization_code', 'refresh_token'] },
    { ...client, client_id: 'bench-jwt', grant_types: ['client_credentials', 'authorization_code'] },
  ],
  jwks: { keys: [signingKey(jwtAlg)] },
  cookies: { keys: ['bench-cookie-signing-key-0123456789'] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource, requester) => ({
        scope: SCOPE,
        audience: RESOURCE,
        accessTokenTTL: 3600,
        accessTokenFormat: requester.clientId === 'bench-jwt' ? 'jwt' : 'opaque',
        jwt: { sign: { alg: jwtAlg } },
      }),
    },
  },
  issueRefreshToken: (ctx, requester) => requester.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  ttl: {
    AccessToken: 3600,
    ClientCredentials: 3600,
    AuthorizationCode: 3600,
    RefreshToken: 30 * 24 * 3600,
    Grant: 30 * 24 * 3600,
    Session: 24 * 3600,
    Interaction: 3600,
  },
  findAccount: (ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});

// The app-supplied interaction step: sign the bench user in, then grant what was asked.
provider.use(async (ctx, next) => {
  if (!ctx.path.startsWith('/interaction/')) {
    await next();
    return;
  }
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  let result;
  if (details.prompt.name === 'login') {
    result = { login: { accountId: USER } };
  } else {
    // The bench mints each code in a new session, so each consent makes a grant of its own.
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    if (!missing.missingResourceScopes) grant.addResourceScope(RESOURCE, SCOPE);
    result = { consent: { grantId: await grant.save() } };
  }
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
  ctx.status = 303;
  ctx.redirect(returnTo);
});

// Liveness for the bench's readiness check.
provider.use(async (ctx, next) => {
  if (ctx.path === '/healthz') {
    ctx.body = { status: 'ok' };
    return;
  }
  await next();
});

// invalid_grant answers hide their reason; the log keeps it.
provider.on('grant.error', (ctx, err) => console.error('grant.error', err.error_detail ?? err.message));

provider.listen(port, '127.0.0.1');
