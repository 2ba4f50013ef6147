//! The anatomy of issuers, written once: which identity provider an `iss` string names, and for
//! Amazon Cognito the user pool, its region and which of the two issuer forms it uses
//! (knowledge file §0, §5.2, R16, §12 C1/C2).
//!
//! - ORIGINAL form: `https://cognito-idp.{region}.amazonaws.com/{poolId}`.
//! - UPDATED form: `https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}`.
//! - Pool IDs follow aws-jwt-verify 5.2.1's
//!   `^(?:eusc-[a-z]{2}|[a-z]{2})-(gov-)?[a-z]+-\d_[a-zA-Z0-9]+$` (the `eusc-` prefix is the AWS
//!   European Sovereign Cloud), at most 55 characters (Cognito's own limit); the region in the
//!   pool ID must equal the region in the host, for both forms.
//! - Microsoft Entra v1 (`https://sts.windows.net/{tid}/`) and v2
//!   (`https://login.microsoftonline.com/{tid}/v2.0`), Auth0, Okta, Keycloak, Google, Firebase.
//!
//! Owns parsing and building issuer strings. Pure: no findings, no prose, nothing from
//! `diagnose` (everything above this floor may use it; it uses nothing above `std`).

/// Cognito's maximum user-pool ID length (COG-POOLID).
pub const MAX_POOL_ID_LEN: usize = 55;

/// Which of Cognito's two issuer hosts a pool's tokens carry (`IssuerConfigurationType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CognitoForm {
    /// `https://cognito-idp.{region}.amazonaws.com/{poolId}`.
    Original,
    /// `https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}` (AWS: recommended for all
    /// pools, and used for multi-Region replication).
    Updated,
}

impl CognitoForm {
    /// The host prefix before `{region}.amazonaws.com`.
    pub fn host_prefix(self) -> &'static str {
        match self {
            CognitoForm::Original => "cognito-idp.",
            CognitoForm::Updated => "issuer-cognito-idp.",
        }
    }

    /// The other form.
    pub fn other(self) -> CognitoForm {
        match self {
            CognitoForm::Original => CognitoForm::Updated,
            CognitoForm::Updated => CognitoForm::Original,
        }
    }
}

/// A Cognito user-pool ID, `{region}_{id}`, valid by aws-jwt-verify 5.2.1's regex.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PoolId {
    /// The region part, e.g. `eu-west-1` or `eusc-de-east-1`.
    pub region: String,
    /// The whole ID, e.g. `eu-west-1_AbC123`.
    pub id: String,
}

/// Where a pool ID was read from (see [`PoolId::read`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolSource {
    /// A bare pool ID.
    Bare,
    /// `arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}`.
    Arn,
    /// An issuer URL of either form (possibly with a `/.well-known/…` path).
    IssuerUrl(CognitoForm),
}

impl PoolId {
    /// Parses a bare pool ID. `None` unless it matches
    /// `^(?:eusc-[a-z]{2}|[a-z]{2})-(gov-)?[a-z]+-\d_[a-zA-Z0-9]+$` and has at most 55 characters.
    pub fn parse(s: &str) -> Option<PoolId> {
        if s.len() > MAX_POOL_ID_LEN {
            return None;
        }
        let (region, rest) = s.split_once('_')?;
        let ok = is_region(region)
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then(|| PoolId {
            region: region.to_owned(),
            id: s.to_owned(),
        })
    }

    /// Reads a pool ID from a bare ID, an ARN, or an issuer/JWKS/discovery URL of either form.
    /// The region of an ARN or host must equal the pool ID's; otherwise [`PoolRead::RegionMismatch`].
    pub fn read(text: &str) -> PoolRead {
        let t = text.trim();
        if let Some(rest) = t.strip_prefix("arn:") {
            // arn:{partition}:cognito-idp:{region}:{account}:userpool/{id}
            let fields: Vec<&str> = rest.splitn(5, ':').collect();
            let (Some(service), Some(region), Some(res)) =
                (fields.get(1), fields.get(2), fields.get(4))
            else {
                return PoolRead::NotAPool;
            };
            let Some(id) = res.strip_prefix("userpool/") else {
                return PoolRead::NotAPool;
            };
            if *service != "cognito-idp" {
                return PoolRead::NotAPool;
            }
            return with_outer_region(id, region, PoolSource::Arn);
        }
        if t.contains("://") {
            return match CognitoIssuer::parse_loose(t) {
                Loose::Cognito(i) => PoolRead::Pool(i.pool, PoolSource::IssuerUrl(i.form)),
                Loose::Problem(CognitoProblem::RegionMismatch {
                    host_region, pool, ..
                }) => PoolRead::RegionMismatch {
                    outer_region: host_region,
                    pool,
                },
                Loose::Problem(CognitoProblem::NotCanonical { issuer, .. }) => {
                    PoolRead::Pool(issuer.pool, PoolSource::IssuerUrl(issuer.form))
                }
                Loose::Problem(CognitoProblem::BadPoolId { .. }) | Loose::NotCognito => {
                    PoolRead::NotAPool
                }
            };
        }
        match PoolId::parse(t) {
            Some(p) => PoolRead::Pool(p, PoolSource::Bare),
            None => PoolRead::NotAPool,
        }
    }

    /// The issuer in the given form.
    pub fn issuer(&self, form: CognitoForm) -> String {
        format!(
            "https://{}{}.amazonaws.com/{}",
            form.host_prefix(),
            self.region,
            self.id
        )
    }

    /// True when `iss` is exactly [`PoolId::issuer`] in `form`, compared piece by piece without
    /// writing it (tokens' issuers are compared this way several times per keystroke).
    pub fn is_issuer_in(&self, form: CognitoForm, iss: &str) -> bool {
        iss.strip_prefix("https://")
            .and_then(|r| r.strip_prefix(form.host_prefix()))
            .and_then(|r| r.strip_prefix(self.region.as_str()))
            .and_then(|r| r.strip_prefix(".amazonaws.com/"))
            == Some(self.id.as_str())
    }

    /// True when `iss` is exactly one of [`PoolId::issuers`].
    pub fn is_issuer(&self, iss: &str) -> bool {
        [CognitoForm::Original, CognitoForm::Updated]
            .into_iter()
            .any(|form| self.is_issuer_in(form, iss))
    }

    /// `https://cognito-idp.{region}.amazonaws.com/{id}`.
    pub fn original_issuer(&self) -> String {
        self.issuer(CognitoForm::Original)
    }

    /// `https://issuer-cognito-idp.{region}.amazonaws.com/{id}`.
    pub fn updated_issuer(&self) -> String {
        self.issuer(CognitoForm::Updated)
    }

    /// Both issuers (ORIGINAL first), as aws-jwt-verify ≥ 5.2.0 registers them for one pool.
    pub fn issuers(&self) -> [String; 2] {
        [self.original_issuer(), self.updated_issuer()]
    }

    /// The JWKS URL under the issuer of the given form (§5.2).
    pub fn jwks_url(&self, form: CognitoForm) -> String {
        format!("{}/.well-known/jwks.json", self.issuer(form))
    }

    /// Both JWKS URLs (ORIGINAL first). A pool still on the ORIGINAL issuer answers 403 at the
    /// UPDATED URL (AJV-279, REPORTED), so a 403 there alone does not mean the pool is missing.
    pub fn jwks_urls(&self) -> [String; 2] {
        [
            self.jwks_url(CognitoForm::Original),
            self.jwks_url(CognitoForm::Updated),
        ]
    }
}

fn with_outer_region(id: &str, outer: &str, source: PoolSource) -> PoolRead {
    match PoolId::parse(id) {
        None => PoolRead::NotAPool,
        Some(pool) if pool.region == outer => PoolRead::Pool(pool, source),
        Some(pool) => PoolRead::RegionMismatch {
            outer_region: outer.to_owned(),
            pool,
        },
    }
}

/// What [`PoolId::read`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoolRead {
    /// A valid pool ID, and where it was read from.
    Pool(PoolId, PoolSource),
    /// A valid pool ID inside an ARN or URL whose region differs from the pool ID's.
    RegionMismatch {
        /// The region of the ARN or host.
        outer_region: String,
        /// The pool ID found.
        pool: PoolId,
    },
    /// No valid pool ID.
    NotAPool,
}

impl PoolRead {
    /// The pool, when one was read without a region mismatch.
    pub fn pool(self) -> Option<PoolId> {
        match self {
            PoolRead::Pool(p, _) => Some(p),
            _ => None,
        }
    }
}

/// `^(?:eusc-[a-z]{2}|[a-z]{2})-(gov-)?[a-z]+-\d$`.
pub fn is_region(s: &str) -> bool {
    let s = s.strip_prefix("eusc-").unwrap_or(s);
    let lower = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    let two = |p: &str| p.len() == 2 && lower(p);
    let digit = |p: &str| p.len() == 1 && p.bytes().all(|b| b.is_ascii_digit());
    let mut parts = s.split('-');
    let (a, b, c, d, e) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    );
    match (a, b, c, d, e) {
        (Some(a), Some(b), Some(c), None, None) => two(a) && lower(b) && digit(c),
        (Some(a), Some("gov"), Some(b), Some(c), None) => two(a) && lower(b) && digit(c),
        _ => false,
    }
}

/// The form and region of a Cognito issuer host (`cognito-idp.{region}.amazonaws.com` or
/// `issuer-cognito-idp.{region}.amazonaws.com`), exact lower case, region valid by [`is_region`].
pub fn cognito_host(host: &str) -> Option<(CognitoForm, &str)> {
    let (form, rest) = match host.strip_prefix("issuer-cognito-idp.") {
        Some(rest) => (CognitoForm::Updated, rest),
        None => (CognitoForm::Original, host.strip_prefix("cognito-idp.")?),
    };
    let region = rest.strip_suffix(".amazonaws.com")?;
    is_region(region).then_some((form, region))
}

/// A Cognito user-pool issuer, exactly as Cognito writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CognitoIssuer {
    /// The pool.
    pub pool: PoolId,
    /// Which issuer host.
    pub form: CognitoForm,
}

impl CognitoIssuer {
    /// The exact issuer string.
    pub fn issuer(&self) -> String {
        self.pool.issuer(self.form)
    }

    /// Parses an exact Cognito issuer of either form; `None` for anything else (use
    /// [`classify`] to learn why a Cognito-looking issuer is not one).
    pub fn parse(iss: &str) -> Option<CognitoIssuer> {
        match CognitoIssuer::parse_loose(iss) {
            Loose::Cognito(i) => Some(i),
            _ => None,
        }
    }

    /// Reads a Cognito-looking URL leniently (any case, port, trailing path) and says how it
    /// differs from the exact issuer.
    fn parse_loose(iss: &str) -> Loose {
        let Some((scheme, after)) = iss.split_once("://") else {
            return Loose::NotCognito;
        };
        if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
            return Loose::NotCognito;
        }
        let (authority, path) = after.split_once('/').unwrap_or((after, ""));
        let host = authority.split(':').next().unwrap_or_default();
        if host.len() > 100 {
            return Loose::NotCognito;
        }
        let host = host.to_ascii_lowercase();
        let Some((form, host_region)) = cognito_host(&host) else {
            return Loose::NotCognito;
        };
        let mut segs = path.split('/').filter(|s| !s.is_empty());
        let id = segs.next().unwrap_or_default();
        let Some(pool) = PoolId::parse(id) else {
            return Loose::Problem(CognitoProblem::BadPoolId {
                form,
                host_region: host_region.to_owned(),
                pool_id: id.chars().take(MAX_POOL_ID_LEN + 1).collect(),
            });
        };
        if pool.region != host_region {
            return Loose::Problem(CognitoProblem::RegionMismatch {
                form,
                host_region: host_region.to_owned(),
                pool,
            });
        }
        let issuer = CognitoIssuer { pool, form };
        if issuer.pool.is_issuer_in(form, iss) {
            Loose::Cognito(issuer)
        } else {
            Loose::Problem(CognitoProblem::NotCanonical { issuer })
        }
    }
}

enum Loose {
    Cognito(CognitoIssuer),
    Problem(CognitoProblem),
    NotCognito,
}

/// Why a Cognito-looking issuer is not an exact Cognito issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CognitoProblem {
    /// The pool ID after the host is missing or invalid.
    BadPoolId {
        /// The host's form.
        form: CognitoForm,
        /// The host's region.
        host_region: String,
        /// What stood where the pool ID belongs (at most 56 characters).
        pool_id: String,
    },
    /// The pool ID's region differs from the host's.
    RegionMismatch {
        /// The host's form.
        form: CognitoForm,
        /// The host's region.
        host_region: String,
        /// The pool ID.
        pool: PoolId,
    },
    /// A valid pool, written differently from how Cognito writes it (case, `http`, port,
    /// trailing slash or path): exact-match verifiers reject it.
    NotCanonical {
        /// The exact issuer it stands for.
        issuer: CognitoIssuer,
    },
}

/// Microsoft Entra token version, from the issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntraVersion {
    /// `https://sts.windows.net/{tid}/` (or `login.microsoftonline.com/{tid}/`).
    V1,
    /// `https://login.microsoftonline.com/{tid}/v2.0`.
    V2,
}

/// Who issued a token, from `iss`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssuerKind {
    /// A Cognito user pool, exact issuer of either form.
    Cognito(CognitoIssuer),
    /// A Cognito-looking issuer that is not an exact Cognito issuer.
    CognitoLike(CognitoProblem),
    /// Microsoft Entra.
    Entra {
        /// Tenant from the issuer.
        tenant: String,
        /// Token version the issuer form implies.
        version: EntraVersion,
    },
    /// Auth0 (`https://{tenant}.auth0.com/`, regional `{tenant}.{region}.auth0.com`).
    Auth0,
    /// Okta (`*.okta.com`, `*.oktapreview.com`, `*.okta-emea.com`).
    Okta,
    /// Keycloak (`{base}/realms/{realm}`).
    Keycloak {
        /// The realm.
        realm: String,
    },
    /// Google accounts (`accounts.google.com` or `https://accounts.google.com`).
    Google,
    /// Firebase (`https://securetoken.google.com/{project}`).
    Firebase {
        /// Project ID.
        project: String,
    },
    /// Anything else.
    Other,
}

impl IssuerKind {
    /// True for every issuer whose tokens are signed with published asymmetric keys.
    pub fn publishes_public_keys(&self) -> bool {
        matches!(
            self,
            IssuerKind::Cognito(_)
                | IssuerKind::Entra { .. }
                | IssuerKind::Google
                | IssuerKind::Firebase { .. }
                | IssuerKind::Auth0
                | IssuerKind::Okta
        )
    }
}

/// The two spellings of Google's issuer (GAL).
pub const GOOGLE_ISSUERS: [&str; 2] = ["accounts.google.com", "https://accounts.google.com"];

/// Classifies an issuer string.
pub fn classify(iss: &str) -> IssuerKind {
    match CognitoIssuer::parse_loose(iss) {
        Loose::Cognito(i) => return IssuerKind::Cognito(i),
        Loose::Problem(p) => return IssuerKind::CognitoLike(p),
        Loose::NotCognito => {}
    }
    if let Some((tenant, version)) = entra(iss) {
        return IssuerKind::Entra {
            tenant: tenant.to_owned(),
            version,
        };
    }
    if let Some(project) = iss.strip_prefix("https://securetoken.google.com/") {
        if !project.is_empty() && !project.contains('/') {
            return IssuerKind::Firebase {
                project: project.to_owned(),
            };
        }
    }
    if GOOGLE_ISSUERS.contains(&iss) {
        return IssuerKind::Google;
    }
    let host = url_host(iss).unwrap_or_default();
    if host.ends_with(".auth0.com") {
        return IssuerKind::Auth0;
    }
    if [".okta.com", ".oktapreview.com", ".okta-emea.com"]
        .iter()
        .any(|s| host.ends_with(s))
    {
        return IssuerKind::Okta;
    }
    if !host.is_empty() {
        if let Some((_, realm)) = iss.split_once("/realms/") {
            let realm = realm.split('/').next().unwrap_or_default();
            if !realm.is_empty() {
                return IssuerKind::Keycloak {
                    realm: realm.to_owned(),
                };
            }
        }
    }
    IssuerKind::Other
}

/// The lower-case host of an `http(s)://` URL, without user info or port.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let h = match authority.strip_prefix('[') {
        // An IPv6 literal: `[fd00::1]:8443`.
        Some(v6) => v6.split(']').next()?,
        None => authority.split(':').next()?,
    };
    (!h.is_empty()).then(|| h.to_ascii_lowercase())
}

/// Tenant and version of an Entra issuer (MS-AT, MS-CLAIMS).
pub fn entra(iss: &str) -> Option<(&str, EntraVersion)> {
    if let Some(rest) = iss.strip_prefix("https://sts.windows.net/") {
        let tenant = rest.strip_suffix('/').unwrap_or(rest);
        return (!tenant.is_empty() && !tenant.contains('/')).then_some((tenant, EntraVersion::V1));
    }
    let rest = iss.strip_prefix("https://login.microsoftonline.com/")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (tenant, version) = match rest.strip_suffix("/v2.0") {
        Some(t) => (t, EntraVersion::V2),
        None => (rest, EntraVersion::V1),
    };
    (!tenant.is_empty() && !tenant.contains('/')).then_some((tenant, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_compare_as_the_written_issuers_would() {
        let pool = PoolId::parse("eu-west-1_AbC123").expect("a pool");
        for form in [CognitoForm::Original, CognitoForm::Updated] {
            let exact = pool.issuer(form);
            for s in [
                exact.clone(),
                format!("{exact}/"),
                exact.to_ascii_uppercase(),
                exact.replace("https://", "http://"),
                exact.replace(".amazonaws.com", ".amazonaws.com:443"),
                exact.replace("eu-west-1.", "eu-west-2."),
                exact.replace("AbC123", "AbC1234"),
                exact.replace("issuer-cognito-idp.", "cognito-idp."),
                exact.replace("cognito-idp.", "issuer-cognito-idp."),
                exact.trim_end_matches("AbC123").to_owned(),
                String::new(),
            ] {
                assert_eq!(pool.is_issuer_in(form, &s), exact == s, "{s:?}");
                assert_eq!(pool.is_issuer(&s), pool.issuers().contains(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn the_region_rule_is_aws_jwt_verify_s() {
        let table = [
            ("eu-west-1", true),
            ("us-gov-west-1", true),
            ("eusc-de-east-1", true),
            ("eusc-de-gov-east-1", true),
            ("EU-west-1", false),
            ("eu-west-12", false),
            ("eusc-d-east-1", false),
            ("e-west-1", false),
            ("eu-west", false),
            ("eu-west-1-x", false),
            ("", false),
        ];
        for (r, ok) in table {
            assert_eq!(is_region(r), ok, "{r}");
        }
    }
}
