//! Ready-to-paste client configurations, filled in with an app's values. The secret is
//! always a placeholder: the server never shows it again, and a page should not hold it.

/// What every snippet needs to know about the app and the server.
pub struct Values {
    pub client_id: String,
    pub issuer: String,
    pub discovery: String,
    pub token: String,
    pub redirect: String,
    /// Every scope of the app, for a person signing in.
    pub scopes: String,
    /// Without the identity scopes, for the app acting on its own (client credentials).
    pub machine_scopes: String,
    pub confidential: bool,
    /// A person signs in (authorization code + PKCE) rather than client credentials.
    pub code_flow: bool,
}

const SECRET: &str = "<your client secret>";

/// Python with Authlib: the Flask integration (discovery through `server_metadata_url`) to
/// sign people in, or `OAuth2Session` for client credentials.
pub fn python(v: &Values) -> String {
    if !v.code_flow {
        return format!(
            "# pip install Authlib requests\n\
             from authlib.integrations.requests_client import OAuth2Session\n\n\
             client = OAuth2Session(\"{}\", \"{SECRET}\", scope=\"{}\")\n\
             token = client.fetch_token(\"{}\", grant_type=\"client_credentials\")\n\
             print(token[\"access_token\"])\n",
            v.client_id, v.machine_scopes, v.token
        );
    }
    let secret = if v.confidential {
        format!("    client_secret=\"{SECRET}\",\n")
    } else {
        String::new()
    };
    let auth = if v.confidential {
        ""
    } else {
        ", \"token_endpoint_auth_method\": \"none\""
    };
    let path = url::Url::parse(&v.redirect)
        .map(|url| url.path().to_owned())
        .unwrap_or_default();
    format!(
        "# pip install Authlib Flask requests\n\
         from authlib.integrations.flask_client import OAuth\n\
         from flask import Flask\n\n\
         app = Flask(__name__)\n\
         app.secret_key = \"<a long random key>\"  # Authlib keeps state and the PKCE verifier in the session\n\
         oauth = OAuth(app)\n\
         oauth.register(\n    \"clientele\",\n    client_id=\"{}\",\n{secret}    \
         server_metadata_url=\"{}\",\n    \
         client_kwargs={{\"scope\": \"{}\", \"code_challenge_method\": \"S256\"{auth}}},\n)\n\n\
         @app.route(\"/login\")\n\
         def login():\n    return oauth.clientele.authorize_redirect(\"{}\")\n\n\
         @app.route(\"{path}\")  # the redirect URL\n\
         def callback():\n    token = oauth.clientele.authorize_access_token()\n    return token.get(\"userinfo\") or \"Signed in\"\n",
        v.client_id, v.discovery, v.scopes, v.redirect
    )
}

/// Node.js with openid-client 6 (`discovery()`); plain http is allowed only for a local issuer.
pub fn node(v: &Values) -> String {
    let credentials = if v.confidential {
        format!("  \"{SECRET}\",\n")
    } else {
        "  undefined,\n  client.None(),\n".to_owned()
    };
    let insecure = if v.issuer.starts_with("http://") {
        let gap = if v.confidential { "  undefined,\n" } else { "" };
        format!(
            "{gap}  {{ execute: [client.allowInsecureRequests] }}, // the issuer is plain http\n"
        )
    } else {
        String::new()
    };
    let mut text = format!(
        "// npm install openid-client@6\n\
         import * as client from \"openid-client\";\n\n\
         const config = await client.discovery(\n  new URL(\"{}\"),\n  \"{}\",\n{credentials}{insecure});\n\n",
        v.issuer, v.client_id
    );
    if !v.code_flow {
        text += &format!(
            "const tokens = await client.clientCredentialsGrant(config, {{ scope: \"{}\" }});\n\
             console.log(tokens.access_token);\n",
            v.machine_scopes
        );
        return text;
    }
    text += &format!(
        "// Send the person to authorizationUrl; keep codeVerifier and state in their session.\n\
         const codeVerifier = client.randomPKCECodeVerifier();\n\
         const state = client.randomState();\n\
         const authorizationUrl = client.buildAuthorizationUrl(config, {{\n  \
         redirect_uri: \"{}\",\n  scope: \"{}\",\n  \
         code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),\n  \
         code_challenge_method: \"S256\",\n  state,\n}});\n\n\
         // On the redirect URL (currentUrl is the URL the person came back to):\n\
         const tokens = await client.authorizationCodeGrant(config, currentUrl, {{\n  \
         pkceCodeVerifier: codeVerifier,\n  expectedState: state,\n}});\n",
        v.redirect, v.scopes
    );
    text
}

/// Rust with `openidconnect` 4: discovery, then the client from the provider's metadata.
pub fn rust(v: &Values) -> String {
    let secret = if v.confidential {
        format!("Some(ClientSecret::new(\"{SECRET}\".into()))")
    } else {
        "None".to_owned()
    };
    let imports = if v.code_flow {
        "use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};\n\
         use openidconnect::{AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce};\n\
         use openidconnect::{PkceCodeChallenge, RedirectUrl, Scope};\n"
    } else {
        "use openidconnect::core::{CoreClient, CoreProviderMetadata};\n\
         use openidconnect::{ClientId, ClientSecret, IssuerUrl, Scope};\n"
    };
    let mut text = format!(
        "// cargo add openidconnect@4 tokio --features tokio/full\n\
         {imports}\n\
         let http = openidconnect::reqwest::ClientBuilder::new()\n    \
         // Following redirects would let a token request be sent elsewhere (SSRF).\n    \
         .redirect(openidconnect::reqwest::redirect::Policy::none())\n    .build()?;\n\
         let metadata =\n    CoreProviderMetadata::discover_async(IssuerUrl::new(\"{}\".into())?, &http).await?;\n\
         let client = CoreClient::from_provider_metadata(\n    metadata,\n    \
         ClientId::new(\"{}\".into()),\n    {secret},\n)",
        v.issuer, v.client_id
    );
    let tokens = |scopes: &str, skip_openid: bool| -> String {
        scopes
            .split_whitespace()
            .filter(|scope| !(skip_openid && *scope == "openid"))
            .map(|scope| format!("\n    .add_scope(Scope::new(\"{scope}\".into()))"))
            .collect()
    };
    if !v.code_flow {
        text += &format!(
            ";\n\nlet tokens = client\n    .exchange_client_credentials()?{}\n    .request_async(&http)\n    .await?;\n",
            tokens(&v.machine_scopes, false)
        );
        return text;
    }
    text += &format!(
        "\n.set_redirect_uri(RedirectUrl::new(\"{}\".into())?);\n\n\
         // Send the person to authorize_url (openid is always asked for); keep the rest.\n\
         let (pkce_challenge, pkce_verifier) = PkceCodeChallenge::new_random_sha256();\n\
         let (authorize_url, csrf_state, nonce) = client\n    \
         .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random){}\n    \
         .set_pkce_challenge(pkce_challenge)\n    .url();\n\n\
         // On the redirect URL, after checking its state against csrf_state:\n\
         let tokens = client\n    .exchange_code(AuthorizationCode::new(code))?\n    \
         .set_pkce_verifier(pkce_verifier)\n    .request_async(&http)\n    .await?;\n",
        v.redirect,
        tokens(&v.scopes, true)
    );
    text
}
