//! The resolver outgoing connections use: it asks the system resolver, then drops every
//! address `addresses.rs` refuses, so the connection can only be made to an address that was
//! checked (DNS rebinding cannot answer the check with one address and the connection with
//! another: there is only one answer, and it is filtered).

use std::net::{IpAddr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::addresses;

/// Why a name resolved to nothing this server may connect to.
#[derive(Debug, thiserror::Error)]
#[error("the name resolves only to {reason}")]
pub struct AddressRefused {
    pub reason: &'static str,
}

pub(super) struct GuardedResolver {
    pub allow_private: bool,
}

/// Why `ip` is refused under the `allow_private` setting.
pub(super) fn refused(ip: IpAddr, allow_private: bool) -> Option<&'static str> {
    if allow_private && addresses::is_private_or_loopback(ip) {
        return None;
    }
    addresses::refusal(ip)
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            let mut first_refusal = None;
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|address| match refused(address.ip(), allow_private) {
                    None => true,
                    Some(reason) => {
                        first_refusal.get_or_insert(reason);
                        false
                    }
                })
                .collect();
            if allowed.is_empty() {
                if let Some(reason) = first_refusal {
                    return Err(Box::new(AddressRefused { reason }) as _);
                }
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[tokio::test]
    async fn the_resolver_hands_the_connection_only_addresses_it_checked() {
        let name = || Name::from_str("localhost").unwrap();
        let strict = GuardedResolver {
            allow_private: false,
        };
        let Err(err) = strict.resolve(name()).await else {
            panic!("localhost resolved to an address the connection could use");
        };
        let refused = err.downcast_ref::<AddressRefused>().expect("a refusal");
        assert_eq!(refused.reason, "a loopback address");
        let lenient = GuardedResolver {
            allow_private: true,
        };
        let Ok(addresses) = lenient.resolve(name()).await else {
            panic!("localhost did not resolve");
        };
        let addresses: Vec<SocketAddr> = addresses.collect();
        assert!(!addresses.is_empty());
        assert!(addresses.iter().all(|address| address.ip().is_loopback()));
    }
}
