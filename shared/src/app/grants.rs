//! The OAuth grant types an app may use at the token endpoint.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::ClientType;

/// A grant type, serialised as its RFC 6749 name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum GrantType {
    /// RFC 6749 4.1, with PKCE (RFC 7636).
    AuthorizationCode,
    /// RFC 6749 6.
    RefreshToken,
    /// RFC 6749 4.4: the app acting on its own behalf. Needs a secret, so confidential
    /// clients only.
    ClientCredentials,
    /// RFC 6749 4.3, the resource owner password grant. Off unless chosen: RFC 9700 2.4
    /// says it MUST NOT be used, since the app sees the person's password.
    Password,
    /// RFC 8628, the device authorization grant: for CLIs and TVs, where the person signs in
    /// and consents on another device. Serialised (and stored) as its URN, the `grant_type`.
    #[serde(rename = "urn:ietf:params:oauth:grant-type:device_code")]
    DeviceCode,
}

impl GrantType {
    pub const ALL: [GrantType; 5] = [
        GrantType::AuthorizationCode,
        GrantType::RefreshToken,
        GrantType::ClientCredentials,
        GrantType::DeviceCode,
        GrantType::Password,
    ];

    /// The `grant_type` parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            GrantType::AuthorizationCode => "authorization_code",
            GrantType::RefreshToken => "refresh_token",
            GrantType::ClientCredentials => "client_credentials",
            GrantType::Password => "password",
            GrantType::DeviceCode => "urn:ietf:params:oauth:grant-type:device_code",
        }
    }

    /// The grant type named `name`, if any.
    pub fn from_name(name: &str) -> Option<GrantType> {
        GrantType::ALL
            .into_iter()
            .find(|grant| grant.as_str() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            GrantType::AuthorizationCode => "Authorization code",
            GrantType::RefreshToken => "Refresh token",
            GrantType::ClientCredentials => "Client credentials",
            GrantType::Password => "Password (legacy)",
            GrantType::DeviceCode => "Device code",
        }
    }

    /// Whether current guidance forbids the grant (RFC 9700 2.4 for the password grant).
    pub fn is_deprecated(self) -> bool {
        self == GrantType::Password
    }
}

/// Why a public app cannot use client credentials; also shown by the console's form.
pub const PUBLIC_CLIENT_CREDENTIALS: &str =
    "Public apps cannot use client credentials: they have no secret to authenticate with.";

/// A non-empty set of grant types that makes sense together.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<GrantType>", into = "Vec<GrantType>")]
pub struct GrantTypes(BTreeSet<GrantType>);

impl GrantTypes {
    /// Checks the rules that hold whatever the client type: at least one grant, and
    /// refresh tokens only next to a grant that issues the first one (RFC 6749 4.4.3:
    /// client credentials does not issue refresh tokens). Repeats are ignored.
    pub fn new(types: impl IntoIterator<Item = GrantType>) -> Result<GrantTypes, String> {
        let set: BTreeSet<GrantType> = types.into_iter().collect();
        if set.is_empty() {
            return Err("Choose at least one grant type.".to_owned());
        }
        let issues_refresh_tokens = set.contains(&GrantType::AuthorizationCode)
            || set.contains(&GrantType::Password)
            || set.contains(&GrantType::DeviceCode);
        if set.contains(&GrantType::RefreshToken) && !issues_refresh_tokens {
            return Err(
                "Refresh tokens are only issued with the authorization code, device code or password grant; choose one of those too."
                    .to_owned(),
            );
        }
        Ok(GrantTypes(set))
    }

    /// [`GrantTypes::new`], plus the rules that depend on the client type: a public
    /// client has no secret to prove itself with, so it cannot use client credentials.
    pub fn for_client(
        types: impl IntoIterator<Item = GrantType>,
        client_type: ClientType,
    ) -> Result<GrantTypes, String> {
        let grants = GrantTypes::new(types)?;
        if client_type == ClientType::Public && grants.contains(GrantType::ClientCredentials) {
            return Err(PUBLIC_CLIENT_CREDENTIALS.to_owned());
        }
        Ok(grants)
    }

    pub fn contains(&self, grant: GrantType) -> bool {
        self.0.contains(&grant)
    }

    /// The grants in [`GrantType::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = GrantType> + '_ {
        self.0.iter().copied()
    }

    pub fn to_vec(&self) -> Vec<GrantType> {
        self.iter().collect()
    }
}

impl TryFrom<Vec<GrantType>> for GrantTypes {
    type Error = String;

    fn try_from(types: Vec<GrantType>) -> Result<GrantTypes, String> {
        GrantTypes::new(types)
    }
}

impl From<GrantTypes> for Vec<GrantType> {
    fn from(grants: GrantTypes) -> Vec<GrantType> {
        grants.to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ClientType::{Confidential, Public};
    use GrantType::{
        AuthorizationCode as Code, ClientCredentials as Credentials, Password,
        RefreshToken as Refresh,
    };

    #[test]
    fn grant_combinations_are_checked_against_the_client_type() {
        let table: [(&[GrantType], ClientType, Result<(), &str>); 9] = [
            (&[Code], Public, Ok(())),
            (&[Code, Refresh], Public, Ok(())),
            (&[Code, Refresh, Credentials], Confidential, Ok(())),
            (&[Credentials], Confidential, Ok(())),
            (&[Password, Refresh], Confidential, Ok(())),
            (&[], Confidential, Err("Choose at least one grant type.")),
            (&[Refresh], Confidential, Err("Refresh tokens are only issued with the authorization code, device code or password grant; choose one of those too.")),
            (&[Credentials, Refresh], Confidential, Err("Refresh tokens are only issued with the authorization code, device code or password grant; choose one of those too.")),
            (&[Code, Credentials], Public, Err("Public apps cannot use client credentials: they have no secret to authenticate with.")),
        ];
        for (types, client_type, expected) in table {
            let result = GrantTypes::for_client(types.iter().copied(), client_type);
            assert_eq!(
                result.as_ref().map(|_| ()).map_err(String::as_str),
                expected,
                "{types:?} {client_type:?}"
            );
        }
    }

    #[test]
    fn grant_types_serialise_as_their_rfc_names() {
        for grant in GrantType::ALL {
            assert_eq!(
                serde_json::to_string(&grant).unwrap(),
                format!("\"{}\"", grant.as_str())
            );
            assert_eq!(GrantType::from_name(grant.as_str()), Some(grant));
        }
        let grants: GrantTypes =
            serde_json::from_str(r#"["refresh_token","authorization_code"]"#).unwrap();
        assert_eq!(
            serde_json::to_string(&grants).unwrap(),
            r#"["authorization_code","refresh_token"]"#
        );
        assert!(serde_json::from_str::<GrantTypes>("[]").is_err());
        assert!(serde_json::from_str::<GrantTypes>(r#"["implicit"]"#).is_err());
    }

    #[test]
    fn only_the_password_grant_is_deprecated() {
        let deprecated: Vec<GrantType> = GrantType::ALL
            .into_iter()
            .filter(|g| g.is_deprecated())
            .collect();
        assert_eq!(deprecated, [Password]);
    }
}
