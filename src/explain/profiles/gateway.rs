//! The sentences for every [`GatewayCode`]: message, fix and the "would accept only if …"
//! condition. Exhaustive matches with no catch-all arm.

use crate::diagnose::config::IssuerForm;
use crate::diagnose::profiles::{
    AudClaim, FoundIn, GatewayCode, Gw, IssuerDiff, NotJwt, PoolDiff, Unchecked,
};
use crate::explain::decode::span;

fn who(g: Gw) -> &'static str {
    match g {
        Gw::Rest => "the Cognito authorizer",
        Gw::RestJwt => "the REST JWT authorizer",
        Gw::Http => "the JWT authorizer",
        Gw::Oidc => "the server",
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items
            .iter()
            .take(20)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn claim_name(c: AudClaim) -> &'static str {
    match c {
        AudClaim::Aud => "aud",
        AudClaim::ClientId => "client_id",
    }
}

fn form(f: IssuerForm) -> &'static str {
    match f {
        IssuerForm::Original => "ORIGINAL (cognito-idp.…)",
        IssuerForm::Updated => "UPDATED (issuer-cognito-idp.…)",
    }
}

/// H6 / G12: said of a time failure this close to its limit on an API Gateway authorizer.
fn leeway_open(c: &GatewayCode) -> &'static str {
    if c.within_undocumented_leeway() {
        " Only likely this close to the limit: AWS does not document the authorizer's clock \
         leeway, and this computer's clock may differ from the gateway's."
    } else {
        ""
    }
}

/// Where a token was found, as "in cookie idToken".
fn found_in(found: &FoundIn) -> String {
    match found {
        FoundIn::Cookie(name) => format!("in cookie {name}"),
        FoundIn::Query(name) => format!("in the URL's query as {name}=…"),
        FoundIn::Fragment(name) => {
            format!("in a URL's fragment as {name}=…, where a sign-in redirect hands it over")
        }
        FoundIn::Header(name) => format!("in the {name} header"),
    }
}

/// What a gateway finding means, with the user's own values.
pub fn gateway_message(c: &GatewayCode) -> String {
    use GatewayCode as C;
    match c {
        C::NotAJwt { gw, why } => {
            let what = match why {
                NotJwt::Encrypted => "it is encrypted: a JWE",
                NotJwt::Auth0Encrypted => {
                    "it is an Auth0 access token issued without an audience, encrypted for \
                     /userinfo only"
                }
                NotJwt::CognitoRefresh => {
                    "it is encrypted, a JWE, and by its header likely your Cognito refresh token, \
                     which is only for getting new tokens"
                }
                NotJwt::Opaque => "it is an opaque value",
                NotJwt::Undecodable => "its header or payload is not JSON",
                NotJwt::Malformed => "its structure is broken",
            };
            // The status is the verdict's ("Rejected 401", "… gets 401: …"), not said twice.
            format!("This is not a signed JWT ({what}): {} rejects it.", who(*gw))
        }
        C::SharedSecretAlg { gw, alg } => format!(
            "alg {alg} is a shared-secret (HMAC) algorithm, but this issuer signs with public \
             keys: the token is forged or a test token, and {} rejects it.",
            who(*gw)
        ),
        C::Unsigned { gw } => format!(
            "The token is unsigned (alg: none): it proves nothing and is never acceptable; {} \
             rejects it whatever is configured.",
            who(*gw)
        ),
        C::ForeignAudience { aud, .. } => format!(
            "This token is not for your API: it was issued for a Microsoft-owned API (aud {}), \
             and third parties cannot verify such tokens by design. Any signature failure follows \
             from that.",
            list(aud)
        ),
        C::KeycloakRefresh { gw } => format!(
            "This is a Keycloak refresh token (payload typ Refresh or Offline), not an access \
             token: it goes to Keycloak's token endpoint only, never to an API, and {} rejects it.",
            who(*gw)
        ),
        C::FirebaseCustom { gw } => format!(
            "This is a Firebase custom token (aud is the Identity Toolkit), not an ID token: the \
             app exchanges it for an ID token, and {} rejects it.",
            who(*gw)
        ),
        C::AlbSigned { gw } => format!(
            "This is the load balancer's user-claims token (x-amzn-oidc-data), signed with the \
             ALB's own key, not the issuer's: {} checks the issuer's keys and rejects it.",
            who(*gw)
        ),
        C::SignatureInvalid {
            gw,
            short: Some((expected, actual)),
        } => format!(
            "The signature is {actual} bytes where the key signs {expected}: the token was likely \
             cut off when copied, and {} rejects it as it is.",
            who(*gw)
        ),
        C::SignatureInvalid { gw, short: None } => format!(
            "The signature does not match the issuer's key: {} rejects it.",
            who(*gw)
        ),
        C::SignatureUnchecked { gw, why } => match why {
            Unchecked::NoSignature => format!(
                "The token here has no signature, so whether {} accepts it cannot be told; sent \
                 without its signature, it is rejected.",
                who(*gw)
            ),
            Unchecked::KidNewerThanFetch(kid) => format!(
                "The issuer's keys, fetched before this token was issued, have no key with kid \
                 {kid}: it may be newer than the fetch, so whether the signature is accepted needs \
                 them again."
            ),
            Unchecked::KidNotGiven(kid) => format!(
                "The keys given have no key with kid {kid}, and may not be the issuer's: whether \
                 the signature is accepted needs the issuer's keys."
            ),
            Unchecked::NoKeys => {
                "Cannot tell whether the signature is accepted — needs the issuer's keys."
                    .to_owned()
            }
        },
        C::SignaturePending { .. } => "Checking the signature…".to_owned(),
        C::IssuerMissing { gw } => format!("The token has no iss claim: {} rejects it.", who(*gw)),
        C::IssuerMismatch {
            gw,
            found,
            expected,
            diff,
        } => {
            let why = match diff {
                IssuerDiff::TrailingSlash => " They differ only in a trailing slash, which counts.".to_owned(),
                IssuerDiff::CognitoForm { token } => format!(
                    " Same user pool, other issuer form: the token uses the {} issuer.",
                    form(*token)
                ),
                IssuerDiff::EntraTemplate => " A multi-tenant template never equals a \
                     tenant's issuer."
                    .to_owned(),
                IssuerDiff::EntraVersions { .. } => {
                    " One is Entra's v1 issuer, the other its v2 issuer.".to_owned()
                }
                IssuerDiff::GoogleSpelling => " Google issues both spellings.".to_owned(),
                IssuerDiff::EntraTenant => " They are two tenants' issuers: each tenant has its \
                     own."
                    .to_owned(),
                IssuerDiff::Scheme => " They differ only in http and https, which counts.".to_owned(),
                IssuerDiff::CognitoDomain => format!(
                    " {expected} is a user pool's managed-login (hosted UI) domain, not an \
                     issuer: no token carries it."
                ),
                IssuerDiff::Other => String::new(),
            };
            format!(
                "iss {found} is not exactly the configured issuer {expected}: {} rejects it.{why}",
                who(*gw)
            )
        }
        C::IssuerUnreadable { text, .. } => format!(
            "\"{}\" cannot be read as an issuer (an issuer URL has no spaces), so the issuer \
             cannot be checked.",
            text.escape_debug()
        ),
        C::IssuerAssumed { issuer, .. } => {
            format!("No issuer configured: assuming it is exactly {issuer}.")
        }
        C::Expired { gw, exp, now, .. } => {
            let ago = span(now.saturating_sub(*exp));
            let body = match gw {
                Gw::Rest => format!(
                    "The token expired {ago} ago: 401; the body is likely \"The incoming token \
                     has expired\" (reported, not documented)."
                ),
                _ => format!("The token expired {ago} ago: {} rejects it.", who(*gw)),
            };
            format!("{body}{}", leeway_open(c))
        }
        C::NotYetValid { gw, nbf, now, .. } => format!(
            "The token is not valid for another {} (nbf): {} rejects it.{}",
            span(nbf.saturating_sub(*now)),
            who(*gw),
            leeway_open(c)
        ),
        C::OnlyWithinLeeway { gw, claim, by } => format!(
            "{} {}: {} accepts it only if it allows that much clock skew, which AWS does not \
             document; the page's leeway lets it pass.",
            match *claim {
                "exp" => "The token expired",
                "nbf" => "nbf is",
                _ => "iat is",
            },
            match *claim {
                "exp" => format!("{} ago", span(*by)),
                _ => format!("{} in the future", span(*by)),
            },
            who(*gw)
        ),
        C::IssuerNotPublic {
            gw,
            issuer,
            private,
            fits: Some(iss),
        } => format!(
            "The issuer typed, {issuer}, is {}, which {} needs; the token's own issuer, {iss}, \
             is not: the configuration is at fault, not the token.",
            if *private {
                "not reachable from the public internet"
            } else {
                "not an absolute https URL"
            },
            who(*gw)
        ),
        C::IssuerNotPublic {
            gw,
            issuer,
            private: true,
            ..
        } => format!(
            "The issuer {issuer} is not reachable from the public internet, where {} fetches its \
             discovery document and keys: every token from it is rejected.",
            who(*gw)
        ),
        C::IssuerNotPublic { issuer, .. } => format!(
            "The issuer {issuer} is not an absolute https URL, which the REST JWT authorizer's \
             issuer must be: no configuration accepts this token."
        ),
        C::NoExp { gw } => format!(
            "The token has no exp that is a number of seconds; AWS does not document whether {} \
             accepts a token without one.",
            who(*gw)
        ),
        C::IssuedInFuture { iat, now } => format!(
            "iat is {} in the future (the issuer's clock runs ahead): rejected.{}",
            span(iat.saturating_sub(*now)),
            leeway_open(c)
        ),
        C::NotAUserPoolToken { iss: Some(iss) } => format!(
            "The issuer {iss} is not a Cognito user pool's issuer{}; a Cognito authorizer rejects it with 401.",
            crate::explain::identity::cognito_problem(iss)
        ),
        C::NotAUserPoolToken { iss: None } => {
            "The token has no iss, so it is no user pool's token; a Cognito authorizer rejects it \
             with 401."
                .to_owned()
        }
        C::UpdatedIssuer { pool } => format!(
            "The token has the Cognito UPDATED issuer (issuer-cognito-idp…) of pool {pool}. It is a \
             user-pool token, but AWS does not document how the REST Cognito authorizer treats \
             this issuer form."
        ),
        C::PoolNotConfigured {
            token_pool,
            configured,
            differs,
        } => {
            let what = match differs {
                PoolDiff::Region => "the same pool id in another region",
                PoolDiff::PoolId => "another pool in the same region",
                PoolDiff::Both => "another pool in another region",
            };
            format!(
                "The token comes from pool {token_pool}; the authorizer is configured with {} — \
                 {what}: 401.",
                list(configured)
            )
        }
        C::SovereignIssuerHost { pool } => format!(
            "Pool {pool} is in the AWS European Sovereign Cloud; its issuer host is not \
             documented, so whether this issuer is the pool's cannot be told."
        ),
        C::PoolUnreadable { text } => format!(
            "\"{}\" is not a user pool id, ARN or issuer URL, so the pool cannot be checked.",
            text.escape_debug()
        ),
        C::PoolAssumed { pool } => {
            format!("No user pool configured: assuming the authorizer uses pool {pool}.")
        }
        C::PoolFromStageVariable { variable, pool } => format!(
            "The authorizer's user pool is the value of stage variable {variable}, so it can \
             differ per stage: on a stage where it is not {pool}, this token is rejected."
        ),
        C::RouteScopesAssumedNone { .. } => "The route's authorization scopes are not said: assuming \
             none, so any valid token from the issuer with a listed audience passes. With scopes, \
             only a token carrying one of them does (likely 403 otherwise)."
            .to_owned(),
        C::ScopesAssumedNone => "The method's OAuth scopes are not said: assuming none (API \
             Gateway's default), so only an ID token passes. With scopes, only an access token \
             carrying one of them does."
            .to_owned(),
        C::AccessTokenWithoutMethodScopes {
            token_scopes,
            assumed: false,
            ..
        } => format!(
            "An access token (token_use \"access\"): a REST method without OAuth scopes treats \
             the token as an ID token and rejects it, likely with 401. The token's scopes: {}.",
            list(token_scopes)
        ),
        C::AccessTokenWithoutMethodScopes {
            token_scopes,
            updated_issuer,
            ..
        } => format!(
            "An access token (token_use \"access\"): if the method has no OAuth scopes (assumed \
             while the method scopes question is not answered), it treats the token as an ID token \
             and rejects it, likely with 401; a method listing one of the token's scopes ({}) {}.",
            list(token_scopes),
            if *updated_issuer {
                "may accept it, which is not documented for this pool's UPDATED issuer"
            } else {
                "accepts it"
            }
        ),
        C::IdTokenWithMethodScopes { method_scopes } => format!(
            "An ID token (token_use \"id\"): a method with OAuth scopes ({}) needs an access \
             token carrying one of them; 401.",
            list(method_scopes)
        ),
        C::NoMethodScopeInToken {
            token_scopes,
            method_scopes,
        } => {
            // R4, where the user looks first, not only among the other findings.
            let why = if token_scopes.iter().map(String::as_str).eq(["aws.cognito.signin.user.admin"]) {
                " It came from an SDK/API sign-in, whose tokens carry no custom scope unless a \
                 V2/V3 pre-token-generation trigger adds one: get it from the OAuth endpoints."
            } else {
                ""
            };
            format!(
                "The token's scopes ({}) share none with the method's ({}): 401, not 403.{why}",
                list(token_scopes),
                list(method_scopes)
            )
        }
        C::SdkSignInScopeOnly => "This access token came from an SDK/API sign-in and carries only \
             aws.cognito.signin.user.admin: tokens from that sign-in carry no custom scope unless \
             a V2/V3 pre-token-generation trigger adds one."
            .to_owned(),
        C::RegexBlocksAccessToken { regex } => format!(
            "The token-validation regex {regex} is matched against aud, which this token lacks: \
             a plain 401 Unauthorized, decided before signature and expiry."
        ),
        C::RegexRejectsAud { aud, regex } => format!(
            "The token-validation regex {regex} does not match aud {}: a plain 401 \
             Unauthorized, decided before signature and expiry.",
            list(aud)
        ),
        C::RegexNotEvaluated { aud, regex } => format!(
            "The token-validation regex {regex} is not a plain list of values; check it against \
             aud {} by hand.",
            list(aud)
        ),
        C::TokenNotFromHeader {
            found: FoundIn::Header(name),
        } => format!(
            "The token was found in the {name} header; the authorizer reads one configured header \
             (Authorization by default): it sees this token only if {name} is its token source, \
             else the request gets 401 Unauthorized."
        ),
        C::TokenNotFromHeader { found } => format!(
            "The token was found {}; the authorizer reads one configured header (Authorization by \
             default) and nothing else: a request that carries the token only there gets 401 \
             Unauthorized.",
            found_in(found)
        ),
        C::TestAuthorizerAccessToken => "The console's Test authorizer supports ID tokens only; an \
             access token fails there even when the deployed method would accept it."
            .to_owned(),
        C::AlgNotRsa { alg } => format!(
            "alg {} is not RSA; the JWT authorizer supports RSA algorithms only.",
            alg.as_deref().unwrap_or("(absent)")
        ),
        C::AlgPssUndocumented { alg } => format!(
            "alg {alg} is RSA-based (RSASSA-PSS), but AWS does not document whether the JWT \
             authorizer accepts it: it may be rejected."
        ),
        C::AlgNotAllowed { gw, alg, allowed } => {
            let alg = alg.as_deref().unwrap_or("(absent)");
            match gw {
                Gw::Oidc if allowed.is_empty() => format!(
                    "alg {alg} is not allowed (none and HS* never are for an issuer with public \
                     keys)."
                ),
                _ => format!(
                    "alg {alg} is not in the allowed algorithms ({}): {} rejects it.",
                    list(allowed),
                    who(*gw)
                ),
            }
        }
        C::AlgAssumed { alg } => {
            format!(
                "No valid allowed algorithm given here (RS256 to ES512): assuming the deployed \
                 list contains {alg}."
            )
        }
        C::KidMissing { gw, not_string } => format!(
            "The header has {}; {} needs a kid that is in the issuer's key set.",
            if *not_string {
                "a kid that is not a string"
            } else {
                "no kid"
            },
            who(*gw)
        ),
        C::KidNotInJwks { gw, kid } => match gw {
            Gw::RestJwt => format!(
                "kid {kid} is not in the issuer's key set; API Gateway re-fetches the key set for \
                 a key it has not seen, so this fails only if the issuer does not publish it."
            ),
            _ => format!("kid {kid} is not in the issuer's key set."),
        },
        // HTTP API's error_description (H5, §9); the REST JWT authorizer's text is undocumented.
        C::NoAudienceClaim { gw: Gw::Http, .. } => "The token has neither aud nor client_id: \"the \
             token does not have a valid audience\"."
            .to_owned(),
        C::NoAudienceClaim { gw, .. } => format!(
            "The token has neither aud nor client_id: {} finds no audience to match.",
            who(*gw)
        ),
        C::AudienceMismatch {
            gw,
            claim,
            found,
            accepted,
            ..
        } => format!(
            "{} {} is not in the audience list ({}).{}",
            claim_name(*claim),
            list(found),
            list(accepted),
            // H16: the HTTP API's audience list has no wildcard or "any client" setting.
            if *gw == Gw::Http && accepted.iter().any(|a| a.trim() == "*") {
                " \"*\" is no wildcard: the list holds exact values only (up to 50)."
            } else {
                ""
            }
        ),
        C::AudienceRefused {
            claim,
            found,
            typed,
            ..
        } => format!(
            "Your gateway answered \"the token does not have a valid audience\": {} {} is not in \
             its audience list{}.",
            claim_name(*claim),
            list(found),
            if *typed {
                ", though it is in the list typed here: the deployed list differs"
            } else {
                ""
            }
        ),
        C::AudienceAssumed { claim, found, .. } => format!(
            "No audience list given: assuming it contains {} {}.",
            claim_name(*claim),
            list(found)
        ),
        C::EmptyAudBesideClientId { gw, client_id } => format!(
            "aud is an empty list; client_id {client_id} is in the audience list, but AWS \
             evaluates client_id only when aud is absent and does not document whether {} reads \
             an empty aud as absent.",
            who(*gw)
        ),
        C::KeySetTooLarge { bytes, issuers } => format!(
            "{} is {}, over the 150,000 bytes the JWT authorizer reads: {}.",
            if *issuers {
                "The issuer's key set"
            } else {
                "The key set given here"
            },
            crate::explain::fetch::bytes(*bytes as u64),
            if *issuers {
                "every request with this issuer gets 401"
            } else {
                "if the issuer serves it at that size, every request likely gets 401"
            }
        ),
        C::ClientIdOnlyOnHttpApi { client_id } => format!(
            "The token has no aud: for the REST JWT authorizer AWS documents the audiences only. \
             It is assumed to match client_id {client_id} instead, as AWS documents for HTTP \
             APIs; no AWS document, and no source on record, says this authorizer does."
        ),
        C::AudHidesClientId { client_id } => format!(
            "The token has aud, so client_id {client_id} is not evaluated, even though it is in \
             the list."
        ),
        C::ScopeClaimMissing { gw, wanted, .. } => match gw {
            Gw::RestJwt => format!(
                "The token has no scope or scp claim; the method wants one of {}: 403 Forbidden.",
                list(wanted)
            ),
            _ => format!(
                "The token has no scope or scp claim; the route wants one of {}: rejected, \
                 likely with 403 Forbidden.",
                list(wanted)
            ),
        },
        C::NoScopeInToken { gw, have, wanted } => match gw {
            Gw::RestJwt => format!(
                "The token's scopes ({}) share none with the method's ({}): 403 Forbidden (the \
                 Cognito authorizer would answer 401).",
                list(have),
                list(wanted)
            ),
            Gw::Oidc => format!(
                "None of the required scopes ({}) is in the token ({}).",
                list(wanted),
                list(have)
            ),
            Gw::Rest | Gw::Http => format!(
                "The token's scopes ({}) share none with the route's ({}): rejected, likely with \
                 403 Forbidden.",
                list(have),
                list(wanted)
            ),
        },
        C::RolesAreNotScopes { roles } => format!(
            "Permissions are in roles ({}), an app-only token; the authorizer does not read roles \
             as scopes.",
            list(roles)
        ),
        C::IdTokenAcceptedWithoutRouteScopes => "Without route scopes an ID token is accepted \
             too; AWS recommends requiring scopes."
            .to_owned(),
        C::KeyCache => "The REST JWT authorizer caches each issuer's keys for up to an hour (best \
             effort) and re-fetches the key set for a key it has not seen."
            .to_owned(),
        C::NeverSent { why } => super::super::answer::never_sent("This token", *why),
    }
}

/// A token scope that is a configured one with a resource-server prefix in front (COG-RS:
/// Cognito custom scopes are `{resource server id}/{scope}`): (the token's, the configured).
fn prefixed<'a>(have: &'a [String], wanted: &'a [String]) -> Option<(&'a str, &'a str)> {
    have.iter().find_map(|h| {
        wanted
            .iter()
            .find(|w| !w.is_empty() && h.len() > w.len() && h.ends_with(&format!("/{w}")))
            .map(|w| (h.as_str(), w.as_str()))
    })
}

/// The fix for a scope typed without its resource-server prefix.
fn unprefixed_fix(have: &[String], wanted: &[String], place: &str) -> String {
    let (full, short) = prefixed(have, wanted).unwrap_or_default();
    format!(
        "The token carries {full}: a custom scope is written with its resource server's \
         identifier in front, so the {place}'s scope is likely {full}, not {short}. Write it in \
         full (and redeploy)."
    )
}

/// What to do about a gateway finding, when there is something to do.
pub fn gateway_fix(c: &GatewayCode) -> Option<String> {
    use GatewayCode as C;
    Some(match c {
        C::PoolFromStageVariable { variable, pool } => format!(
            "Check stage variable {variable} on the stage that fails (aws apigateway get-stage): \
             it must be {pool}; redeploy after changing the authorizer."
        ),
        C::SignatureInvalid { short: Some(_), .. } => {
            "Copy the whole token again (from the request, not a log that shortens it) and paste \
             it here."
                .to_owned()
        }
        C::TokenNotFromHeader {
            found: FoundIn::Header(name),
        } => format!(
            "Send it in the Authorization header, unless the authorizer's token source is {name}."
        ),
        C::TokenNotFromHeader { .. } => {
            "Send it in the Authorization header (or the header set as the authorizer's token \
             source)."
                .to_owned()
        }
        C::AccessTokenWithoutMethodScopes {
            token_scopes,
            machine,
            updated_issuer,
            ..
        } => format!(
            "{}dd a scope the token carries (such as {}) to the method's OAuth scopes and \
             redeploy.{}",
            if *machine {
                "A client-credentials flow issues no ID token: a"
            } else {
                "Send the ID token, or a"
            },
            token_scopes
                .first()
                .map(String::as_str)
                .unwrap_or("aws.cognito.signin.user.admin"),
            if *updated_issuer {
                " With this pool's UPDATED issuer neither is documented to pass (R16): test \
                 against the deployed stage."
            } else {
                ""
            }
        ),
        C::NoMethodScopeInToken {
            token_scopes,
            method_scopes,
        } if prefixed(token_scopes, method_scopes).is_some() => {
            unprefixed_fix(token_scopes, method_scopes, "method")
        }
        C::IdTokenWithMethodScopes { .. } | C::NoMethodScopeInToken { .. } => {
            "Send an access token carrying one of the method's scopes (request it in the OAuth \
             flow, or add it with a V2 pre-token trigger), or change the method's OAuth scopes \
             (then redeploy the stage)."
                .to_owned()
        }
        C::SdkSignInScopeOnly => "Use the OAuth endpoints requesting the custom scope, or \
             scopesToAdd in a pre-token trigger; putting aws.cognito.signin.user.admin on the \
             method's scopes (and redeploying) is reported to work too."
            .to_owned(),
        C::Expired { .. } => "Refresh the tokens and retry.".to_owned(),
        C::NotYetValid { .. } | C::IssuedInFuture { .. } => {
            "Check the issuer's clock; retry once the token is valid.".to_owned()
        }
        C::OnlyWithinLeeway { .. } => {
            "Refresh the token (or fix the issuer's clock) rather than rely on leeway.".to_owned()
        }
        C::NoExp { .. } => {
            "Have the issuer set exp, or test against the deployed stage.".to_owned()
        }
        // The token's issuer may be another provider's: trusted only if the user trusts it.
        C::IssuerNotPublic {
            fits: Some(iss), ..
        } => format!(
            "Configure an issuer the authorizer can use: the token's own, {iss}, exactly as \
             written, if it is the one you trust."
        ),
        // G8: Google issues both spellings; only the https one can be a REST JWT issuer.
        C::IssuerNotPublic { issuer, .. } if issuer == "accounts.google.com" => {
            "Google also issues ID tokens with the issuer https://accounts.google.com: configure \
             that and send tokens that carry it, or verify both spellings in a Lambda authorizer."
                .to_owned()
        }
        C::IssuerNotPublic { .. } => "Use an identity provider at a public https address, or \
             verify these tokens in a Lambda authorizer with keys you provide."
            .to_owned(),
        C::PoolNotConfigured { token_pool, .. } => format!(
            "Use a token from a configured pool, or add pool {token_pool} to the authorizer (and \
             check the stage variable, if the pool comes from one); redeploy."
        ),
        C::NotAUserPoolToken { .. } => "Use a token from the authorizer's user pool.".to_owned(),
        C::UpdatedIssuer { .. } | C::SovereignIssuerHost { .. } => {
            "Test the token against the deployed stage (curl) to see what the authorizer does."
                .to_owned()
        }
        C::PoolUnreadable { .. } => {
            "Paste the pool id (region_id), its ARN or its issuer URL.".to_owned()
        }
        C::IssuerUnreadable { .. } => {
            "Paste the issuer URL exactly as in the discovery document.".to_owned()
        }
        C::RegexBlocksAccessToken { .. } | C::RegexRejectsAud { .. } => {
            "Remove the regex or send ID tokens; check the client id in a Lambda authorizer \
             instead."
                .to_owned()
        }
        C::TestAuthorizerAccessToken => {
            "Ignore the console test for access tokens; call the deployed stage with curl."
                .to_owned()
        }
        C::AlgNotRsa { .. } => "Configure the issuer to sign with RS256.".to_owned(),
        C::AlgPssUndocumented { .. } => {
            "Sign with RS256 to be safe, or test against the deployed stage.".to_owned()
        }
        C::AlgNotAllowed {
            gw: Gw::RestJwt,
            alg,
            ..
        } => match alg.as_deref() {
            Some(a) if a.starts_with("RS") || a.starts_with("ES") => format!(
                "Add {a} to the authorizer's allowed algorithms (update the whole configuration)."
            ),
            _ => "Sign with one of RS256, RS384, RS512, ES256, ES384, ES512.".to_owned(),
        },
        C::AlgNotAllowed { .. } => "Sign with an allowed asymmetric algorithm.".to_owned(),
        C::IssuerMismatch {
            found,
            expected,
            diff,
            ..
        } => match diff {
            // G4: one exact issuer per tenant.
            IssuerDiff::EntraTemplate => format!(
                "Configure each tenant's own issuer (this token's: {found}), or verify in a \
                 Lambda authorizer that substitutes tid into the template."
            ),
            // G4: one exact issuer per tenant.
            IssuerDiff::EntraTenant => format!(
                "To accept this tenant too, configure its issuer ({found}) as well: one issuer per \
                 tenant (an HTTP API authorizer holds one, so one authorizer per tenant), or verify \
                 tid against your tenants in a Lambda authorizer."
            ),
            // G2: the API's accessTokenAcceptedVersion decides the token version.
            IssuerDiff::EntraVersions {
                token: crate::issuer::EntraVersion::V1,
            } => format!(
                "Set accessTokenAcceptedVersion to 2 in the API's app manifest to get v2 tokens, \
                 or configure the v1 issuer {found}."
            ),
            IssuerDiff::EntraVersions { .. } => format!(
                "Configure the v2 issuer {found}: the API's accessTokenAcceptedVersion is 2."
            ),
            // G8: an exact-match authorizer takes one spelling; §2b: the REST JWT authorizer's
            // issuer is an https URL, so it can never take the bare one.
            IssuerDiff::GoogleSpelling if found.starts_with("https://") => {
                format!("Configure the spelling this token has: {found}.")
            }
            IssuerDiff::GoogleSpelling => "Google also issues https://accounts.google.com: an \
                 authorizer configured with that spelling (the REST JWT authorizer takes no other) \
                 never accepts this token; verify such tokens in a Lambda authorizer that accepts \
                 both."
                .to_owned(),
            // H4: the token's issuer is what the provider issues (Auth0 and Entra v1 end theirs
            // in a slash); the configured one is what can change.
            IssuerDiff::TrailingSlash | IssuerDiff::Scheme => {
                format!("Configure the issuer exactly as the token has it: {found}.")
            }
            // R16, H4: a pool issues the one form its issuer type sets, so the configured
            // issuer is what changes (review round 10: "send a token from the other form" was
            // no option for the user's own pool).
            IssuerDiff::CognitoForm { .. } => format!(
                "Configure the issuer exactly as the token has it: {found}. A user pool issues one \
                 form, set by its issuer type (ORIGINAL or UPDATED), so this pool's tokens carry \
                 this one."
            ),
            // §5.2: the pool's issuer is its cognito-idp URL, never its login domain.
            IssuerDiff::CognitoDomain => match crate::issuer::classify(found) {
                crate::issuer::IssuerKind::Cognito(_) => {
                    format!("Configure the user pool's issuer, exactly as in the token: {found}.")
                }
                _ => {
                    "Configure the user pool's issuer, https://cognito-idp.{region}.amazonaws.com/\
                     {userPoolId} (its discovery document's issuer), not its login domain."
                        .to_owned()
                }
            },
            _ => format!(
                "Send a token from {expected}, or, if you trust {found}, configure exactly that."
            ),
        },
        C::AudienceMismatch {
            gw: Gw::Http | Gw::RestJwt,
            found,
            accepted,
            azp_listed: true,
            ..
        } => format!(
            "The list holds this token's azp, the client that asked for it: the authorizer \
             compares aud (client_id when aud is absent), never azp. {}",
            audience_fix(found, accepted)
        ),
        C::AudienceMismatch {
            gw: Gw::Http | Gw::RestJwt,
            found,
            accepted,
            ..
        } => audience_fix(found, accepted),
        C::AudienceRefused {
            found, typed: true, ..
        } => format!(
            "Put {} in the deployed authorizer's audience list (aws apigatewayv2 \
             get-authorizer shows it).",
            list(found)
        ),
        C::AudienceRefused { found, .. } => audience_fix(found, &[]),
        C::AudienceAssumed {
            gw: Gw::Http | Gw::RestJwt,
            found,
            ..
        } => audience_fix(found, &[]),
        // G7 (reported): the requesting client is azp; Keycloak adds aud only by a mapper.
        C::NoAudienceClaim { azp: Some(azp), .. } => format!(
            "azp {azp} is the client that asked for the token, not an audience: have the issuer \
             put your API in aud (Keycloak likely leaves aud out without an Audience mapper for \
             the API in the client's scopes)."
        ),
        C::NoAudienceClaim { .. } => {
            "Use a token with aud or client_id (Cognito: the app client id).".to_owned()
        }
        C::KeySetTooLarge { .. } => "Have the issuer publish fewer keys (only those in use), or \
             verify its tokens in a Lambda authorizer."
            .to_owned(),
        C::ClientIdOnlyOnHttpApi { .. } => "If the deployed stage rejects it, send a token whose \
             aud is a listed audience (an ID token's is its app client id)."
            .to_owned(),
        C::EmptyAudBesideClientId { .. } => {
            "Have the issuer leave aud out (or set it to a listed audience), or test against \
             the deployed stage."
                .to_owned()
        }
        // H7: an app-only (client-credentials) token has roles and never scopes.
        C::ScopeClaimMissing { app_only: true, .. } => "An app-only token carries roles, never \
             scopes: check its roles in a Lambda authorizer instead, or give these routes no \
             scopes and authorize on roles in the backend."
            .to_owned(),
        C::NoScopeInToken { have, wanted, gw } if prefixed(have, wanted).is_some() => {
            unprefixed_fix(
                have,
                wanted,
                if *gw == Gw::Http { "route" } else { "method" },
            )
        }
        C::ScopeClaimMissing { .. } | C::NoScopeInToken { .. } => {
            "Send an access token that carries one of the scopes.".to_owned()
        }
        C::SignatureUnchecked { why, .. } => match why {
            Unchecked::NoSignature => "Paste the whole token, all three parts; if the client \
                 sends it without the signature, find where it cuts the token."
                .to_owned(),
            Unchecked::KidNewerThanFetch(_) => {
                "Fetch the issuer's keys again (Discover from issuer).".to_owned()
            }
            Unchecked::KidNotGiven(kid) => format!(
                "Fetch the issuer's key set (Discover from issuer), or paste one with kid {kid}."
            ),
            Unchecked::NoKeys => "Fetch or paste the issuer's JWKS.".to_owned(),
        },
        C::SignaturePending { .. } => "Wait a moment: the page is checking it.".to_owned(),
        C::SharedSecretAlg { .. } => "Send the token the identity provider issued (signed with \
             its public-key algorithm, such as RS256); never accept HS* from such an issuer."
            .to_owned(),
        C::Unsigned { .. } => {
            "Get a signed token from the identity provider; an unsigned one is never accepted."
                .to_owned()
        }
        // G6: with audience = the API identifier, Auth0 issues a signed JWT for the API.
        C::NotAJwt {
            why: NotJwt::Auth0Encrypted,
            ..
        } => "Request the token with audience set to your API's identifier: Auth0 then issues a \
             signed JWT for it."
            .to_owned(),
        // COG-TOK: a refresh token is for the token endpoint only; R1: which token a REST method
        // takes depends on its scopes.
        C::NotAJwt {
            why: NotJwt::CognitoRefresh,
            ..
        } => "Send the ID token (a method without OAuth scopes) or the access token (a method \
             with scopes) from the same sign-in; use the refresh token only to get new ones \
             (InitiateAuth REFRESH_TOKEN_AUTH, or grant_type=refresh_token at the token \
             endpoint)."
            .to_owned(),
        // §0, G6: a short opaque value from Auth0 is an access token issued without an audience.
        C::NotAJwt {
            why: NotJwt::Opaque,
            ..
        } => "Send a JWT from the issuer the authorizer trusts. If this value came from Auth0, it \
             was requested without an audience and is good at /userinfo only: request it with \
             audience set to your API's identifier."
            .to_owned(),
        C::KeycloakRefresh { .. } => "Send the access token (payload typ Bearer) from the same \
             token response."
            .to_owned(),
        C::FirebaseCustom { .. } => "Exchange it for an ID token (signInWithCustomToken) and \
             send that: iss https://securetoken.google.com/{project}, aud the project ID."
            .to_owned(),
        C::AlbSigned { .. } => "Send the identity provider's token (the ALB forwards it as \
             x-amzn-oidc-accesstoken), or verify this one with the ALB's key (AlbJwtVerifier)."
            .to_owned(),
        C::ForeignAudience { .. } => "Request a token for your own API (scope \
             api://{your-client-id}/…, so that aud is your API), not for Microsoft Graph."
            .to_owned(),
        C::KidMissing { .. } | C::KidNotInJwks { .. } => {
            "Check that the token comes from the configured issuer and that it publishes the key."
                .to_owned()
        }
        C::NotAJwt { .. }
        | C::SignatureInvalid { .. }
        | C::IssuerMissing { .. }
        | C::IssuerAssumed { .. }
        | C::PoolAssumed { .. }
        | C::ScopesAssumedNone
        | C::RouteScopesAssumedNone { .. }
        | C::AudienceMismatch { .. }
        | C::AudienceAssumed { .. }
        | C::AlgAssumed { .. }
        | C::RegexNotEvaluated { .. }
        | C::AudHidesClientId { .. }
        | C::RolesAreNotScopes { .. }
        | C::IdTokenAcceptedWithoutRouteScopes
        | C::KeyCache
        | C::NeverSent { .. } => return None,
    })
}

/// What to put in an HTTP API or REST JWT authorizer's audience list for a token with `found`,
/// against the `accepted` list. Never an audience that is not an API's (G6: Auth0's `/userinfo`;
/// G7: Keycloak's default `account`, which every client of the realm may carry); a value that
/// differs from a listed one only by a trailing slash is named as such.
fn audience_fix(found: &[String], accepted: &[String]) -> String {
    let slash = |s: &str| s.trim_end_matches('/').to_owned();
    if let Some((f, a)) = found.iter().find_map(|f| {
        accepted
            .iter()
            .find(|a| slash(a) == slash(f))
            .map(|a| (f, a))
    }) {
        return format!(
            "The list has {a} and the token {f}: they differ only by a trailing slash, and an \
             audience matches only as written. Configure {f}, or request the token with {a}."
        );
    }
    let apis: Vec<String> = found
        .iter()
        .filter(|a| !a.ends_with("/userinfo") && a.as_str() != "account")
        .cloned()
        .collect();
    if apis.is_empty() {
        let auth0 = found.iter().any(|a| a.ends_with("/userinfo"));
        let keycloak = found.iter().any(|a| a == "account");
        let (what, fix) = match (auth0, keycloak) {
            (true, false) => (
                "Auth0's /userinfo",
                "request it with audience set to your API's identifier",
            ),
            (false, true) => (
                "account, which Keycloak's Audience Resolve mapper often adds (reported)",
                "add an Audience mapper (client scope) for your API in Keycloak",
            ),
            _ => (
                "Auth0's /userinfo or Keycloak's account",
                "request one whose aud is your API's identifier (Auth0: pass audience; \
                 Keycloak: add an Audience mapper for the API)",
            ),
        };
        return format!("This token names no API's audience, only {what}: {fix}.");
    }
    format!(
        "Put {}{} in the audience list (the app client id for Cognito, the API identifier \
         elsewhere).",
        if apis.len() > 1 { "one of " } else { "" },
        list(&apis)
    )
}

/// The configuration under which a row that accepts "because nothing was configured" would
/// really accept.
pub fn assumption(c: &GatewayCode) -> Option<String> {
    use GatewayCode as C;
    match c {
        C::IssuerAssumed { issuer, .. } => {
            Some(format!("the issuer is configured as exactly {issuer}"))
        }
        C::PoolAssumed { pool } => Some(format!("the authorizer uses pool {pool}")),
        C::PoolFromStageVariable { variable, pool } => Some(format!(
            "stage variable {variable} is {pool} on the stage you call"
        )),
        C::TokenNotFromHeader {
            found: FoundIn::Header(name),
        } => Some(format!(
            "its token source is the {name} header (the default is Authorization)"
        )),
        C::TokenNotFromHeader { found } => Some(format!(
            "it is sent in the authorizer's header, Authorization by default (here it is {})",
            found_in(found)
        )),
        C::ScopesAssumedNone => Some("the method has no OAuth scopes".to_owned()),
        // H7: with scopes in the token, a route requiring one of them passes it too (review
        // round 11: "only if the route requires no scopes" was wrong for such a token).
        C::RouteScopesAssumedNone {
            token_has_scopes: true,
        } => Some("the route requires no scopes or one the token carries".to_owned()),
        C::RouteScopesAssumedNone { .. } => Some("the route requires no scopes".to_owned()),
        // H5: one match is enough (review round 10: "contains a, b" read as all of them).
        C::AudienceAssumed { found, .. } if found.len() > 1 => {
            Some(format!("the audience list contains one of {}", list(found)))
        }
        C::AudienceAssumed { found, .. } => {
            Some(format!("the audience list contains {}", list(found)))
        }
        C::ClientIdOnlyOnHttpApi { client_id } => Some(format!(
            "it matches client_id {client_id} when aud is absent, as HTTP APIs do (undocumented \
             for this authorizer)"
        )),
        C::AlgAssumed { alg } => Some(format!("the allowed algorithms include {alg}")),
        C::NotAJwt { .. }
        | C::SharedSecretAlg { .. }
        | C::KeySetTooLarge { .. }
        | C::Unsigned { .. }
        | C::ForeignAudience { .. }
        | C::AlbSigned { .. }
        | C::KeycloakRefresh { .. }
        | C::FirebaseCustom { .. }
        | C::SignatureInvalid { .. }
        | C::SignatureUnchecked { .. }
        | C::SignaturePending { .. }
        | C::IssuerMissing { .. }
        | C::IssuerMismatch { .. }
        | C::IssuerUnreadable { .. }
        | C::SovereignIssuerHost { .. }
        | C::Expired { .. }
        | C::NotYetValid { .. }
        | C::IssuedInFuture { .. }
        | C::OnlyWithinLeeway { .. }
        | C::IssuerNotPublic { .. }
        | C::NoExp { .. }
        | C::NotAUserPoolToken { .. }
        | C::UpdatedIssuer { .. }
        | C::PoolNotConfigured { .. }
        | C::PoolUnreadable { .. }
        | C::AccessTokenWithoutMethodScopes { .. }
        | C::IdTokenWithMethodScopes { .. }
        | C::NoMethodScopeInToken { .. }
        | C::SdkSignInScopeOnly
        | C::RegexBlocksAccessToken { .. }
        | C::RegexRejectsAud { .. }
        | C::RegexNotEvaluated { .. }
        | C::TestAuthorizerAccessToken
        | C::AlgNotRsa { .. }
        | C::AlgPssUndocumented { .. }
        | C::AlgNotAllowed { .. }
        | C::KidMissing { .. }
        | C::KidNotInJwks { .. }
        | C::NoAudienceClaim { .. }
        | C::AudienceMismatch { .. }
        | C::AudienceRefused { .. }
        | C::AudHidesClientId { .. }
        | C::EmptyAudBesideClientId { .. }
        | C::ScopeClaimMissing { .. }
        | C::NoScopeInToken { .. }
        | C::RolesAreNotScopes { .. }
        | C::IdTokenAcceptedWithoutRouteScopes
        | C::KeyCache
        | C::NeverSent { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assumed_audience_of_several_values_needs_one_of_them() {
        // H5: one match is enough (review round 10: "contains a, b" read as all of them).
        let assumed = |found: &[&str]| {
            assumption(&GatewayCode::AudienceAssumed {
                gw: Gw::RestJwt,
                claim: AudClaim::Aud,
                found: found.iter().map(|s| s.to_string()).collect(),
            })
            .unwrap_or_default()
        };
        assert_eq!(assumed(&["api"]), "the audience list contains api");
        assert_eq!(
            assumed(&["api", "https://t.example/userinfo"]),
            "the audience list contains one of api, https://t.example/userinfo"
        );
    }

    #[test]
    fn the_audience_fix_never_suggests_userinfo_or_account_and_names_a_trailing_slash() {
        let fix = |found: &[&str], accepted: &[&str]| {
            gateway_fix(&GatewayCode::AudienceMismatch {
                gw: Gw::Http,
                claim: AudClaim::Aud,
                found: found.iter().map(|s| s.to_string()).collect(),
                accepted: accepted.iter().map(|s| s.to_string()).collect(),
                azp_listed: false,
            })
            .unwrap_or_default()
        };
        // G6: Auth0's aud array holds the API and /userinfo; the list differs by a slash.
        let a0 = fix(
            &["https://api.acme.com", "https://acme.eu.auth0.com/userinfo"],
            &["https://api.acme.com/"],
        );
        assert!(a0.contains("trailing slash"), "{a0}");
        assert!(!a0.contains("userinfo"), "{a0}");
        let a0 = fix(
            &["https://api.acme.com", "https://acme.eu.auth0.com/userinfo"],
            &["orders"],
        );
        assert!(a0.contains("Put https://api.acme.com in"), "{a0}");
        // G7: Keycloak's default audience is every client's, never the API's.
        let kc = fix(&["account"], &["orders-api"]);
        assert!(!kc.contains("Put account"), "{kc}");
        assert!(kc.contains("Audience mapper"), "{kc}");
        // Each provider's own fix only; G7 is reported, and said so.
        assert!(!kc.contains("Auth0") && kc.contains("reported"), "{kc}");
        let a0 = fix(&["https://acme.eu.auth0.com/userinfo"], &["orders"]);
        assert!(!a0.contains("Keycloak"), "{a0}");
    }

    #[test]
    fn an_issuer_no_pool_issues_says_why_on_the_rest_row() {
        // C1, §0: the pool ID's region must equal the host's, in both issuer forms.
        for host in ["cognito-idp", "issuer-cognito-idp"] {
            let iss = format!("https://{host}.us-east-1.amazonaws.com/eu-west-1_AbC123");
            let m = gateway_message(&GatewayCode::NotAUserPoolToken { iss: Some(iss) });
            assert!(m.contains("names region us-east-1"), "{m}");
            assert!(m.contains("in region eu-west-1"), "{m}");
        }
        let other = gateway_message(&GatewayCode::NotAUserPoolToken {
            iss: Some("https://login.example.com/".into()),
        });
        assert!(!other.contains("region"), "{other}");
        let none = gateway_message(&GatewayCode::NotAUserPoolToken { iss: None });
        assert!(none.contains("no iss"), "{none}");
    }

    #[test]
    fn a_not_a_jwt_row_leaves_its_status_to_the_verdict() {
        // "id_token gets 401: … rejects it; it answers 401" said the status twice.
        let m = gateway_message(&GatewayCode::NotAJwt {
            gw: Gw::Http,
            why: NotJwt::Opaque,
        });
        assert!(m.ends_with("rejects it.") && !m.contains("401"), "{m}");
    }

    #[test]
    fn an_encrypted_token_is_not_named_a_cognito_refresh_token_on_every_row() {
        // An Auth0 access token issued without an audience is a JWE too (G6): which provider's
        // it is, the identity line says; the rows say only that it is encrypted.
        let m = gateway_message(&GatewayCode::NotAJwt {
            gw: Gw::Http,
            why: NotJwt::Encrypted,
        });
        assert!(m.contains("encrypted") && !m.contains("Cognito"), "{m}");
    }

    #[test]
    fn a_scope_miss_by_an_sdk_sign_in_token_says_why_where_it_is_read_first() {
        let miss = |token: &str| {
            gateway_message(&GatewayCode::NoMethodScopeInToken {
                token_scopes: vec![token.to_owned()],
                method_scopes: vec!["orders/read".to_owned()],
            })
        };
        let sdk = miss("aws.cognito.signin.user.admin");
        assert!(
            sdk.contains("401, not 403") && sdk.contains("SDK/API sign-in"),
            "{sdk}"
        );
        let other = miss("profile");
        assert!(!other.contains("SDK"), "{other}");
    }
}
