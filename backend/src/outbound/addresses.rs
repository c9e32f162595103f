//! Which addresses an outgoing request may connect to. Anything a request from this server
//! could reach but the public Internet could not (the machine itself, the local network, cloud
//! metadata services at 169.254.169.254) is refused, so a URL a client names cannot turn the
//! server against its own network (server-side request forgery).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is refused (`None`: a public address).
pub fn refusal(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(ip) => refusal_v4(ip),
        IpAddr::V6(ip) => refusal_v6(ip),
    }
}

/// Whether `ip` is refused only because it is private or loopback, which
/// `CLIENTELE_OUTBOUND_ALLOW_PRIVATE` permits (tests, intranets).
pub fn is_private_or_loopback(ip: IpAddr) -> bool {
    matches!(
        refusal(ip),
        Some(LOOPBACK | PRIVATE | UNIQUE_LOCAL | SHARED | LINK_LOCAL)
    )
}

const LOOPBACK: &str = "a loopback address";
const PRIVATE: &str = "a private address";
const UNIQUE_LOCAL: &str = "a unique local address";
const SHARED: &str = "a carrier-grade NAT address";
const LINK_LOCAL: &str = "a link-local address";
const MULTICAST: &str = "a multicast address";
const UNSPECIFIED: &str = "the unspecified address";
const DOCUMENTATION: &str = "a documentation address";
const RESERVED: &str = "a reserved address";

fn refusal_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        _ if ip.is_unspecified() => UNSPECIFIED,
        // RFC 1122 section 3.2.1.3: "this network".
        (0, _, _) => UNSPECIFIED,
        (127, _, _) => LOOPBACK,
        // RFC 1918.
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) => PRIVATE,
        // RFC 6598.
        (100, 64..=127, _) => SHARED,
        // RFC 3927 (cloud metadata services live here).
        (169, 254, _) => LINK_LOCAL,
        // RFC 5737 (and RFC 6890's IETF protocol assignments, 192.0.0.0/24).
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => DOCUMENTATION,
        (192, 0, 0) => RESERVED,
        // RFC 2544 benchmarking.
        (198, 18..=19, _) => RESERVED,
        (224..=239, _, _) => MULTICAST,
        // RFC 1112 class E and the limited broadcast address.
        (240..=255, _, _) => RESERVED,
        _ => return None,
    })
}

fn refusal_v6(ip: Ipv6Addr) -> Option<&'static str> {
    // RFC 4291 section 2.5.5.2: an IPv4 address in IPv6 clothing is judged as IPv4 (otherwise
    // ::ffff:127.0.0.1 would reach the loopback interface).
    if let Some(v4) = ip.to_ipv4_mapped() {
        return refusal_v4(v4);
    }
    let segments = ip.segments();
    Some(match segments {
        _ if ip.is_unspecified() => UNSPECIFIED,
        _ if ip.is_loopback() => LOOPBACK,
        // RFC 6052 NAT64 (64:ff9b::/96) translates to IPv4: judged as that address.
        [0x64, 0xff9b, 0, 0, 0, 0, high, low] => {
            let [a, b] = high.to_be_bytes();
            let [c, d] = low.to_be_bytes();
            return refusal_v4(Ipv4Addr::new(a, b, c, d));
        }
        // Deprecated IPv4-compatible addresses (::a.b.c.d, RFC 4291 section 2.5.5.1).
        [0, 0, 0, 0, 0, 0, _, _] => RESERVED,
        [first, ..] if first & 0xfe00 == 0xfc00 => UNIQUE_LOCAL,
        [first, ..] if first & 0xffc0 == 0xfe80 => LINK_LOCAL,
        // Deprecated site-local (RFC 3879).
        [first, ..] if first & 0xffc0 == 0xfec0 => PRIVATE,
        [first, ..] if first & 0xff00 == 0xff00 => MULTICAST,
        // RFC 3849 and RFC 9637.
        [0x2001, 0x0db8, ..] => DOCUMENTATION,
        [0x3fff, second, ..] if second & 0xf000 == 0 => DOCUMENTATION,
        // 6to4 (RFC 3056) embeds an IPv4 address: judged as that address.
        [0x2002, high, low, ..] => {
            let [a, b] = high.to_be_bytes();
            let [c, d] = low.to_be_bytes();
            return refusal_v4(Ipv4Addr::new(a, b, c, d));
        }
        // Discard-only (RFC 6666) and the Teredo / ORCHID / benchmarking block 2001::/23.
        [0x0100, 0, 0, 0, ..] => RESERVED,
        [0x2001, second, ..] if second < 0x0200 => RESERVED,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_classified() {
        // (address, refused because, allowed by ALLOW_PRIVATE)
        let table: &[(&str, Option<&str>, bool)] = &[
            ("93.184.215.14", None, false),
            ("8.8.8.8", None, false),
            ("1.1.1.1", None, false),
            ("0.0.0.0", Some(UNSPECIFIED), false),
            ("0.1.2.3", Some(UNSPECIFIED), false),
            ("127.0.0.1", Some(LOOPBACK), true),
            ("127.255.255.254", Some(LOOPBACK), true),
            ("10.0.0.1", Some(PRIVATE), true),
            ("172.16.0.1", Some(PRIVATE), true),
            ("172.31.255.255", Some(PRIVATE), true),
            ("172.32.0.1", None, false),
            ("192.168.1.1", Some(PRIVATE), true),
            ("100.64.0.1", Some(SHARED), true),
            ("100.127.255.255", Some(SHARED), true),
            ("100.128.0.1", None, false),
            ("169.254.169.254", Some(LINK_LOCAL), true),
            ("192.0.2.10", Some(DOCUMENTATION), false),
            ("198.51.100.7", Some(DOCUMENTATION), false),
            ("203.0.113.200", Some(DOCUMENTATION), false),
            ("198.18.0.1", Some(RESERVED), false),
            ("224.0.0.1", Some(MULTICAST), false),
            ("239.255.255.250", Some(MULTICAST), false),
            ("255.255.255.255", Some(RESERVED), false),
            ("240.0.0.1", Some(RESERVED), false),
            ("2606:4700:4700::1111", None, false),
            ("2a00:1450:4001:80b::200e", None, false),
            ("::", Some(UNSPECIFIED), false),
            ("::1", Some(LOOPBACK), true),
            ("::ffff:127.0.0.1", Some(LOOPBACK), true),
            ("::ffff:10.1.2.3", Some(PRIVATE), true),
            ("::ffff:169.254.169.254", Some(LINK_LOCAL), true),
            ("::ffff:8.8.8.8", None, false),
            ("::127.0.0.1", Some(RESERVED), false),
            ("64:ff9b::7f00:1", Some(LOOPBACK), true),
            ("64:ff9b::808:808", None, false),
            ("2002:7f00:1::", Some(LOOPBACK), true),
            ("2002:c0a8:101::1", Some(PRIVATE), true),
            ("fc00::1", Some(UNIQUE_LOCAL), true),
            ("fd12:3456:789a::1", Some(UNIQUE_LOCAL), true),
            ("fe80::1", Some(LINK_LOCAL), true),
            ("febf::1", Some(LINK_LOCAL), true),
            ("fec0::1", Some(PRIVATE), true),
            ("ff02::1", Some(MULTICAST), false),
            ("2001:db8::1", Some(DOCUMENTATION), false),
            ("3fff::1", Some(DOCUMENTATION), false),
            ("2001::1", Some(RESERVED), false),
            ("100::1", Some(RESERVED), false),
        ];
        for (text, expected, private) in table {
            let ip: IpAddr = text.parse().unwrap();
            assert_eq!(refusal(ip), *expected, "{text}");
            assert_eq!(is_private_or_loopback(ip), *private, "{text}");
        }
    }
}
