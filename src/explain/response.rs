//! Every sentence about a gateway's answer: what each cause means and what to do, one
//! exhaustive `match` per question on [`ResponseCode`]. REPORTED knowledge is worded "likely";
//! where the status is certain but the body text is only reported (C3), the sentence says which
//! is which. Owns wording only.

use crate::diagnose::finding::{Code, Finding, Status};
use crate::diagnose::profiles::Profile;
use crate::diagnose::response::{AuthorizerKind, NamedClaim, PreflightSetting, ResponseCode};

/// What the answer means.
pub fn message(f: &Finding) -> String {
    let Code::Response(code) = &f.code else {
        return f.code.as_str().to_owned();
    };
    let s = meaning(code);
    if f.status != Status::Reported || s.contains("Likely") {
        s
    } else if let Some(rest) = s.strip_prefix("Not a token problem: ") {
        format!("Likely not a token problem: {rest}")
    } else {
        format!("Likely: {s}")
    }
}

/// An answer read as one gateway means it.
pub struct Reading {
    pub meaning: &'static str,
    pub fix: &'static str,
    /// The sources that back this reading, where they are not the general reading's.
    pub sources: Option<&'static [&'static str]>,
}

/// What an answer means when the user named the gateway, where that changes it: a bare 403,
/// a bare 401 and the audience header say different things of different authorizers (R3,
/// R22, H4, H5, H9, H10, H15, J1, §1b, §9), or `None` where the general reading stands.
pub fn for_gateway(code: &ResponseCode, gateway: Profile) -> Option<Reading> {
    use Profile as P;
    let (meaning, fix, sources): (_, _, Option<&'static [&'static str]>) = match (code, gateway) {
        (ResponseCode::Forbidden, P::RestCognito | P::RestTestAuthorizer) => (
            "Likely not a token problem: the Cognito authorizer answers 401 for every token \
             problem, a missing scope included, so a bare 403 Forbidden comes from another layer \
             — an API key the method requires, AWS WAF, a private API reached through a VPC \
             endpoint, or mutual TLS on a custom domain.",
            "Run the call with curl -v: x-amzn-errortype ForbiddenException is the API key (send \
             a valid key in a usage plan for this stage); otherwise check WAF and the endpoint.",
            None,
        ),
        (ResponseCode::Forbidden, P::HttpJwt) => (
            "Likely a route scope the token lacks: the HTTP API's JWT authorizer answers 403 \
             Forbidden for insufficient scope (reported); otherwise a Lambda authorizer's deny or \
             mutual TLS on a custom domain. API keys, AWS WAF and private APIs are REST-only.",
            "Compare the route's authorization scopes, as deployed, with the token's scope claim.",
            None,
        ),
        // R22 is REST's: an HTTP API has no API keys or usage plans (§1b), so the header does
        // not name the layer there; §9's HTTP API 403 is read instead (H10, L6: reported).
        (ResponseCode::ApiKeyRejected { .. }, P::HttpJwt) => (
            "Likely a route scope the token lacks: the HTTP API's JWT authorizer answers 403 \
             Forbidden for insufficient scope (reported); otherwise a Lambda authorizer's deny. \
             x-amzn-errortype ForbiddenException is a REST API's API-key answer, and HTTP APIs \
             have no API keys: check that the request reached the HTTP API you chose.",
            "Compare the URL called with the HTTP API's invoke URL; then compare the route's \
             authorization scopes, as deployed, with the token's scope claim.",
            Some(&["HTTP-JWT", "HTTP-LAMBDA", "KC-403"]),
        ),
        (ResponseCode::Forbidden, P::RestJwt) => (
            "Likely a method scope the token lacks: the REST JWT authorizer answers 403 Forbidden \
             for it; otherwise an API key, AWS WAF, a private API reached through a VPC endpoint, \
             or mutual TLS on a custom domain.",
            "Compare the method's scopes, as deployed, with the token's scope claim; then run the \
             call with curl -v and read x-amzn-errortype.",
            None,
        ),
        // The general reading's checklist (user pool, validation regex) is the Cognito
        // authorizer's; a JWT authorizer's deployed setup differs in its own ways.
        (ResponseCode::Unauthorized { .. }, P::HttpJwt) => (
            "The JWT authorizer rejected the token or found none (401). Where the row above \
             accepts it, the deployed authorizer is not what you typed: its issuer (exactly, \
             trailing slash included), its audience list, or its identity source (the header \
             the token is read from). A key the issuer began signing with less than 2 hours \
             ago can fail too: the authorizer may still hold the old key set.",
            "Run the call with curl -v: the www-authenticate header's error_description names \
             the rule; a 401 without that header means no token was found where the identity \
             source looks. Compare the deployed authorizer (aws apigatewayv2 get-authorizer) \
             with the issuer and audiences typed above.",
            Some(&["HTTP-JWT-TS", "HTTP-JWT", "GW-RESP"]),
        ),
        (ResponseCode::Unauthorized { .. }, P::RestJwt) => (
            "Likely the JWT authorizer rejected the token or found none (only its 403 is \
             documented). Where the row above accepts it, the deployed authorizer is not what \
             you typed: its issuers and their audiences, its allowed algorithms, or its required \
             claims; an update that left an issuer out removed it.",
            "Compare the authorizer's configuration as deployed with what you typed above, and \
             check that the stage was redeployed.",
            Some(&["REST-JWT-CREATE", "REST-JWT-UPDATE", "GW-RESP"]),
        ),
        // §9: this body is the REST Cognito authorizer's; an HTTP API's JWT authorizer answers
        // {"message":"Unauthorized"} with its reason in www-authenticate.
        (ResponseCode::TokenExpired { .. }, P::HttpJwt) => (
            "Likely the token sent had expired. This body is a REST API Cognito authorizer's \
             (R7); an HTTP API's JWT authorizer answers {\"message\":\"Unauthorized\"} with its \
             reason in www-authenticate, so check that the request reached the API you chose.",
            "Refresh the token and retry; compare the URL called with the HTTP API's invoke URL.",
            Some(&["AMPLIFY-6060", "HTTP-JWT-TS", "GW-RESP"]),
        ),
        // H15: the HTTP API's authorizer may keep the issuer's key set for up to 2 hours.
        (
            ResponseCode::InvalidToken {
                claim: NamedClaim::Signature,
                ..
            },
            P::HttpJwt,
        ) => (
            "The JWT authorizer rejected the signature or found no key for its kid. If the \
             issuer began signing with a new key less than 2 hours ago, the authorizer may still \
             hold the key set from before.",
            "Check that the issuer publishes the token's kid; after a key rotation, wait out the \
             2 hours or publish new keys ahead of using them.",
            Some(&["HTTP-JWT", "HTTP-JWT-TS"]),
        ),
        // C9: with a Lambda authorizer chosen, the method is known to use one.
        (ResponseCode::AuthorizerError { .. }, P::LambdaAjv) => (
            "Not a token problem: your Lambda authorizer failed (500) — it threw an error other \
             than exactly \"Unauthorized\" (an aws-jwt-verify error let through, for one), \
             crashed, timed out, lacks permission to be invoked, or returned an invalid policy.",
            "Read the function's logs; catch the verifier's error and throw \"Unauthorized\" \
             (REST) or return isAuthorized: false (HTTP API).",
            Some(&["LAMBDA-AUTH", "HTTP-LAMBDA", "GW-RESP"]),
        ),
        (ResponseCode::Unauthorized { .. }, P::LambdaAjv) => (
            "The Lambda authorizer's 401: either API Gateway did not invoke the function — the \
             identity source header was missing or empty, or the token validation regex did not \
             match (L2) — or the function threw exactly \"Unauthorized\", for a TOKEN \
             authorizer often because it passed \"Bearer …\" to verify() unstripped (L1).",
            "Read the function's logs: none for this request means API Gateway did not invoke it \
             (check the header and the validation regex); otherwise log the verifier's error \
             before throwing.",
            Some(&["CALL-LAMBDA-AUTH", "LAMBDA-INPUT", "LAMBDA-AUTH"]),
        ),
        (ResponseCode::Forbidden, P::LambdaAjv) => (
            "Likely your Lambda authorizer denied the request: on an HTTP API its simple response \
             isAuthorized: false answers 403 Forbidden. On a REST API a Lambda deny reads \"User \
             is not authorized to access this resource…\", so a bare 403 Forbidden there comes \
             from an API key, AWS WAF, a private API or mutual TLS.",
            "Read the function's logs for why it denied; on a REST API run the call with curl -v \
             and read x-amzn-errortype.",
            Some(&["HTTP-LAMBDA", "KC-403-LAMBDA", "GW-RESP"]),
        ),
        // §9, L4, L5, C12: these bodies are a Lambda authorizer's policy; a Cognito authorizer
        // returns none, so the method called does not use the one chosen here.
        (
            ResponseCode::ImplicitDeny | ResponseCode::LambdaExplicitDeny { .. },
            P::RestCognito | P::RestTestAuthorizer,
        ) => (
            // C12: an implicit deny is hedged (a policy may follow the token's claims); AWS words
            // an explicit Deny differently (L4), so each names only its own cause.
            if matches!(code, ResponseCode::ImplicitDeny) {
                "Likely not a token problem: this answer is a Lambda authorizer's policy that does \
                 not allow this method (often a cached one that names only the first method's \
                 ARN). A Cognito authorizer returns no policy, so the method you called likely \
                 uses a Lambda authorizer, not the Cognito authorizer chosen here."
            } else {
                "Not a token problem: this answer is a Lambda authorizer's policy with an explicit \
                 Deny. A Cognito authorizer returns no policy, so the method you called likely \
                 uses a Lambda authorizer, not the Cognito authorizer chosen here."
            },
            if matches!(code, ResponseCode::ImplicitDeny) {
                "Check which authorizer the method uses in the stage you called (redeploy after \
                 changing it); for a Lambda authorizer, return a policy that covers every method \
                 it caches for, or turn its cache off."
            } else {
                "Check which authorizer the method uses in the stage you called (redeploy after \
                 changing it); for a Lambda authorizer, read its logs for why its logic returned \
                 Deny."
            },
            Some(&["KC-CACHE", "KC-403-LAMBDA", "LAMBDA-CONSOLE"]),
        ),
        (ResponseCode::InvalidAudience, P::RestCognito | P::RestTestAuthorizer) => (
            "This answer comes from a JWT authorizer (HTTP API or REST JWT), not from a Cognito \
             user pool authorizer, which has no audience list: the API you call uses a JWT \
             authorizer.",
            "Choose that gateway above; its audience list must hold the app client id (an ID \
             token's aud, an access token's client_id).",
            None,
        ),
        _ => return None,
    };
    Some(Reading {
        meaning,
        fix,
        sources,
    })
}

/// What the answer means, for a typed code.
pub fn meaning(code: &ResponseCode) -> String {
    match code {
        ResponseCode::ApiKeyRejected { with_forbidden_body: true } => "Not a token problem: x-amzn-errortype ForbiddenException with body Forbidden is API Gateway's API-key check — the key is missing or wrong, not in a usage plan, or the plan is not attached to this stage.".to_owned(),
        ResponseCode::ApiKeyRejected { with_forbidden_body: false } => "Not a token problem: x-amzn-errortype ForbiddenException names API Gateway's API-key check (the key is missing or wrong, or not in a usage plan for this stage).".to_owned(),
        ResponseCode::QuotaOrThrottle { message } => format!("Not a token problem: 429{} — a throttling limit or (REST API) a usage plan's quota was hit.", quoted(message.as_deref())),
        ResponseCode::WafFiltered => "Not a token problem: AWS WAF blocked the request (WAF_FILTERED, 403).".to_owned(),
        ResponseCode::MutualTlsUnknownIssuer => "Not a token problem: mutual TLS on the custom domain rejected the client certificate — its issuer is not in the truststore (or it is self-signed, or uses an insecure signature algorithm).".to_owned(),
        ResponseCode::MissingAuthenticationToken { .. } => "Not a token problem: no such path, stage or method (or it is not deployed), or an unsigned call to an AWS_IAM method. API Gateway says \"Missing Authentication Token\" for routes it does not know.".to_owned(),
        ResponseCode::SigV4ParsedBearer => "Not a token problem: API Gateway read the \"Authorization: Bearer …\" header as an AWS SigV4 signature — the method uses AWS_IAM auth, or (most often) the URL, stage or method is wrong.".to_owned(),
        ResponseCode::SigV4BareToken => "Not a token problem: API Gateway read the bare token in the Authorization header as an AWS SigV4 signature — the method uses AWS_IAM auth, or the URL, stage or method is wrong.".to_owned(),
        ResponseCode::SigV4IncompleteSignature => "Not a token problem: x-amzn-errortype IncompleteSignatureException — API Gateway expected an AWS SigV4 Authorization header (AWS_IAM method, or a wrong URL).".to_owned(),
        ResponseCode::SigV4InvalidCredentials => "Not a token problem: \"The security token included in the request is invalid\" is about AWS IAM credentials used for SigV4 signing, not a JWT.".to_owned(),
        ResponseCode::SigV4SignatureExpired => "Not a token problem: the AWS SigV4 signature expired (AWS credentials or the client's clock), not the JWT.".to_owned(),
        ResponseCode::SigV4SignatureMismatch => "Not a token problem: the AWS SigV4 signature does not match (IAM signing), not the JWT's signature.".to_owned(),
        ResponseCode::ResourcePolicyDenies { explicit, resource } => format!(
            "Not a token problem: the API's resource policy (or IAM) {} the call{} — it is evaluated after authentication, independently of the token.",
            if *explicit { "explicitly denies" } else { "does not allow" },
            resource.as_deref().map(|r| format!(" to {r}")).unwrap_or_default()
        ),
        ResponseCode::LambdaExplicitDeny { .. } => "Not a token problem: the Lambda authorizer returned a policy with an explicit Deny — its own logic decided.".to_owned(),
        ResponseCode::ImplicitDeny => "Likely not a token problem: the authorizer's policy does not allow this method (an implicit deny). Often a Lambda authorizer's cached policy that names only the first method's ARN; it can also be a policy that simply does not cover this method.".to_owned(),
        ResponseCode::AccessDenied { message } => format!("Not a token problem: x-amzn-errortype AccessDeniedException{} — a Lambda authorizer's deny, a resource or IAM policy, or IAM credentials.", quoted(message.as_deref())),
        ResponseCode::TokenExpired { status } => format!(
            "Likely the token sent had expired: \"The incoming token has expired\" is what users report from the Cognito authorizer for a token past its exp{}.",
            match status {
                Some(401) => "; 401 is its rejection (certain)",
                _ => "",
            }
        ),
        ResponseCode::AuthorizerError { authorizer, null_body, .. } => {
            let body = if *null_body { " (the {\"message\": null} body is what users report)" } else { "" };
            match authorizer {
                Some(AuthorizerKind::Lambda) => format!("Not a token problem: the Lambda authorizer crashed, timed out, lacks permission, or returned an invalid policy — API Gateway answers 500{body}."),
                Some(AuthorizerKind::Cognito) => format!("Not a token problem: API Gateway could not use the Cognito authorizer (AUTHORIZER_CONFIGURATION_ERROR / AUTHORIZER_FAILURE, 500) — check its user pool ARN and stage variables{body}."),
                Some(AuthorizerKind::Jwt) | None => format!("Not a token problem: an authorizer configuration failure (500). It covers Cognito authorizers as well as Lambda authorizers — a 500 alone does not mean a Lambda crashed{body}."),
            }
        }
        ResponseCode::AuthorizerOrIntegrationError => "Not a token problem: HTTP API 500 Internal Server Error — a Lambda authorizer or the integration failed.".to_owned(),
        ResponseCode::InvalidAudience => "The token's aud (or client_id, when aud is absent) is not in the JWT authorizer's audience list.".to_owned(),
        ResponseCode::InvalidToken { description, claim, .. } => format!(
            "The JWT authorizer rejected the token{}{}",
            quoted(description.as_deref()),
            match claim {
                NamedClaim::Audience => "; its words name the audience (aud / client_id).",
                NamedClaim::Issuer => "; its words name the issuer (iss must equal the configured issuer exactly).",
                NamedClaim::Signature => "; its words name the signature or its key (kid, algorithm, JWKS).",
                NamedClaim::Expiry => "; its words say the token expired (exp).",
                NamedClaim::NotBefore => "; its words name a time before which the token is not valid (nbf or iat in the future).",
                NamedClaim::Scope => "; its words say the token lacks a scope the route requires: where a row accepts it, it assumed the route has none.",
                NamedClaim::Unknown => ". Compare the description with the gateway rows.",
            }
        ),
        ResponseCode::Unauthorized { .. } => "The authorizer rejected the token or found none (401 Unauthorized); the gateway rows say which rule, or, where they accept the token, what they assumed of the setup.".to_owned(),
        ResponseCode::Forbidden => "Likely one of several layers: a bare 403 Forbidden without x-amzn-errortype comes from a REST JWT authorizer or HTTP API route whose scopes the token lacks, a Lambda authorizer's simple-response deny, an API key, AWS WAF, a private API reached through a VPC endpoint's private DNS, or mutual TLS on a custom domain. Read the x-amzn-errortype header (curl -v) to tell them apart.".to_owned(),
        ResponseCode::PreflightRejected { setting, .. } => match setting {
            PreflightSetting::RestSam => "Not a token problem: the CORS preflight (OPTIONS, which carries no token or API key) went through the authorizer — SAM puts the default authorizer and the API-key requirement on OPTIONS unless told not to.".to_owned(),
            PreflightSetting::HttpDefaultRoute => "Not a token problem: the CORS preflight (OPTIONS, which carries no token) was caught by the $default route and its JWT authorizer.".to_owned(),
            PreflightSetting::Either => "Not a token problem: the CORS preflight (OPTIONS, which carries no token or API key) went through an authorizer — on a REST API built with SAM its defaults do this; on an HTTP API a $default route does.".to_owned(),
        },
        ResponseCode::CorsHidesStatus => "Not a token problem by itself: the browser hid the answer — gateway 401/403 responses carry no CORS headers unless configured, so the page sees a network error. The real status is visible with curl -v.".to_owned(),
        ResponseCode::AlbAnswer { login: true } => "Not a token problem: this answer comes from an Application Load Balancer (server: awselb), not API Gateway. Its authenticate-cognito / authenticate-oidc action redirects to the login page: a browser login, which takes no bearer token, whichever one is sent.".to_owned(),
        ResponseCode::AlbAnswer { .. } => "This 401 comes from an Application Load Balancer (server: awselb), not API Gateway: either its login action (authenticate-cognito / authenticate-oidc), which takes no bearer token, or its JWT-verification action, which refused this one (RS256 only; iss and exp required).".to_owned(),
        ResponseCode::MethodArnTooLong => "Not a token problem: 414 — with authorization enabled, the method ARN (region, account, API, stage, method and path) may be at most 1,600 bytes; long path parameters exceed it.".to_owned(),
        ResponseCode::HeadersTooLarge { .. } => "The request's headers are too large: API Gateway allows 10,240 bytes of header values in total, and a large token (many groups or custom claims) plus cookies can exceed it.".to_owned(),
        ResponseCode::CustomizedGatewayResponse { status } => format!("A {status} for an authorization failure is not API Gateway's default: someone customized the gateway responses."),
        ResponseCode::OtherErrorType { name } => format!("x-amzn-errortype {name} names the layer that answered; tokenlens has no rule for it."),
    }
}

/// What to do about it.
pub fn fix(f: &Finding) -> Option<&'static str> {
    match &f.code {
        Code::Response(code) => advice(code),
        _ => None,
    }
}

/// What to do, for a typed code.
pub fn advice(code: &ResponseCode) -> Option<&'static str> {
    Some(match code {
        ResponseCode::ApiKeyRejected { .. } => "Send a valid key in x-api-key that belongs to a usage plan attached to this stage.",
        ResponseCode::QuotaOrThrottle { .. } => "Wait and retry with backoff, or raise the stage's throttle limits (REST API: the usage plan's quota and throttle).",
        ResponseCode::WafFiltered => "Check the web ACL's rules and logs for the rule that blocked the request.",
        ResponseCode::MutualTlsUnknownIssuer => "Add the client certificate's issuer to the truststore (or fix the client certificate), then retry on the custom domain.",
        ResponseCode::MissingAuthenticationToken { .. }
        | ResponseCode::SigV4ParsedBearer
        | ResponseCode::SigV4BareToken
        | ResponseCode::SigV4IncompleteSignature => "Check the URL, stage and method, and that the method uses the Cognito/JWT authorizer, not AWS_IAM; redeploy the stage.",
        ResponseCode::SigV4InvalidCredentials | ResponseCode::SigV4SignatureMismatch => "Check the AWS access key, secret and session token used to sign the request.",
        ResponseCode::SigV4SignatureExpired => "Sign the request again just before sending it and check the client's clock.",
        ResponseCode::ResourcePolicyDenies { .. } => "Fix the resource policy to allow the call (and redeploy).",
        ResponseCode::LambdaExplicitDeny { .. } => "Read the Lambda authorizer's logs for why it denied.",
        ResponseCode::ImplicitDeny => "Make the authorizer's policy cover every method it is cached for (e.g. a wildcard arn:aws:execute-api:{region}:{account}:{api}/{stage}/*/*), or set the cache TTL to 0, or add the path to the identity sources.",
        ResponseCode::AccessDenied { .. } => "Read the body and the authorizer's or policy's configuration; the token is not the cause.",
        ResponseCode::TokenExpired { .. } => "Refresh the tokens and retry.",
        ResponseCode::AuthorizerError { authorizer: Some(AuthorizerKind::Lambda), .. } => "Fix the authorizer code or permissions; return a valid policy.",
        ResponseCode::AuthorizerError { .. } => "Check the authorizer's configuration (user pool ARN, stage variables, or the Lambda function and its permission) and redeploy.",
        ResponseCode::AuthorizerOrIntegrationError => "Read the Lambda authorizer's and the integration's logs.",
        ResponseCode::InvalidAudience => "Add the app client id (or the token's aud) to the authorizer's audience list.",
        ResponseCode::InvalidToken { claim: NamedClaim::Scope, .. } => "Send an access token that carries one of the route's scopes (see the gateway rows).",
        ResponseCode::InvalidToken { .. } => "Compare the token with the authorizer's issuer, audiences and the issuer's keys (see the gateway rows).",
        // §1 quick lookup: with a token the rows accept, the 401 comes from the setup they assume.
        ResponseCode::Unauthorized { .. } => "If the rows accept this token, check what they assume: the authorizer's user pool (a stage variable may name another), the method's OAuth scopes (with scopes only an access token carrying one passes; deployment frameworks can drop them), a token validation regex, the header the token is read from, and that the stage was redeployed.",
        ResponseCode::Forbidden => "Run the call with curl -v and paste the answer with its x-amzn-errortype header.",
        ResponseCode::PreflightRejected { setting: PreflightSetting::RestSam, .. } => "In SAM set AddDefaultAuthorizerToCorsPreflight: false (and AddApiKeyRequiredToCorsPreflight: false), or give OPTIONS no authorizer and no API key; redeploy.",
        ResponseCode::PreflightRejected { setting: PreflightSetting::HttpDefaultRoute, .. } => "Add an unauthenticated OPTIONS /{proxy+} route and configure the API's CORS.",
        ResponseCode::PreflightRejected { setting: PreflightSetting::Either, .. } => "REST API with SAM: set AddDefaultAuthorizerToCorsPreflight: false and AddApiKeyRequiredToCorsPreflight: false (or no authorizer on OPTIONS). HTTP API: add an unauthenticated OPTIONS /{proxy+} route and configure CORS.",
        ResponseCode::CorsHidesStatus => "Add CORS headers to the DEFAULT_4XX gateway responses, or paste the curl -v output.",
        ResponseCode::MethodArnTooLong => "Shorten the path (path-parameter values).",
        ResponseCode::AlbAnswer { login: true } => "For API clients, verify the token with the ALB's JWT-verification action or in the application, not with the login action.",
        ResponseCode::AlbAnswer { .. } => "If the listener rule uses the login action, API clients need the JWT-verification action instead; if it verifies JWTs, send an RS256 token with iss and exp from the issuer it trusts.",
        ResponseCode::HeadersTooLarge { .. } => "Shrink the token (fewer groups or custom claims) or the other headers and cookies.",
        ResponseCode::CustomizedGatewayResponse { .. } => "Look at the API's gateway responses to see which default they replace.",
        ResponseCode::OtherErrorType { .. } => return None,
    })
}

fn quoted(s: Option<&str>) -> String {
    match s {
        Some(s) if !s.is_empty() => format!(": \"{s}\""),
        _ => String::new(),
    }
}
