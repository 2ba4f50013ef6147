//! The gateway description form: every field as one variant that owns its DOM id, label, group,
//! placeholder and input kind (design.md example 5), and the reading of all fields into a
//! [`Target`].
//!
//! Owns [`Field`], [`Group`] and [`Target::from_fields`]. Must not produce the notes' prose
//! (`explain::diagnosis` words each [`FieldRead`]) nor judge a token.

use super::{
    read_client_ids, read_issuer, read_list, read_pool_id, read_seconds, read_token_use,
    stage_variable, HttpJwt, Ignored, LambdaAjv, LambdaApi, Oidc, RestCognito, RestJwt, Target,
    What,
};

/// The profile a group of fields describes (one fieldset of the form), in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// REST API with a Cognito user pool authorizer.
    RestCognito,
    /// REST API with a native JWT authorizer.
    RestJwt,
    /// HTTP API with a JWT authorizer.
    HttpJwt,
    /// A Lambda authorizer built on aws-jwt-verify.
    LambdaAjv,
    /// Any OpenID Connect resource server.
    Oidc,
}

impl Group {
    /// Every group, in form order.
    pub const ALL: [Group; 5] = [
        Group::RestCognito,
        Group::RestJwt,
        Group::HttpJwt,
        Group::LambdaAjv,
        Group::Oidc,
    ];

    /// The fieldset's legend.
    pub fn title(self) -> &'static str {
        match self {
            Group::RestCognito => "REST API, Cognito authorizer",
            Group::RestJwt => "REST API, JWT authorizer",
            Group::HttpJwt => "HTTP API, JWT authorizer",
            Group::LambdaAjv => "Lambda authorizer with aws-jwt-verify",
            Group::Oidc => "Any OIDC resource server",
        }
    }
}

/// How a field is typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Free text.
    Text,
    /// A choice: `(value, label)` pairs, the first being the default.
    Select(&'static [(&'static str, &'static str)]),
}

/// One field of the gateway description form. All fields are optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The REST method's OAuth scopes.
    RestScopes,
    /// The Cognito authorizer's token-validation regex.
    RestRegex,
    /// The Cognito authorizer's user pools.
    RestPools,
    /// The REST JWT authorizer's issuer.
    RestJwtIssuer,
    /// The REST JWT authorizer's audiences.
    RestJwtAudiences,
    /// The REST method's scopes (JWT authorizer).
    RestJwtScopes,
    /// The REST JWT authorizer's allowed algorithms.
    RestJwtAlgs,
    /// The HTTP API JWT authorizer's issuer.
    HttpIssuer,
    /// The HTTP API JWT authorizer's audience list.
    HttpAudiences,
    /// The HTTP API route's scopes.
    HttpScopes,
    /// Which API the Lambda authorizer serves.
    LambdaApi,
    /// aws-jwt-verify's `userPoolId`.
    LambdaPool,
    /// aws-jwt-verify's `tokenUse`.
    LambdaTokenUse,
    /// aws-jwt-verify's `clientId`.
    LambdaClients,
    /// aws-jwt-verify's `groups`.
    LambdaGroups,
    /// aws-jwt-verify's `scope`.
    LambdaScopes,
    /// aws-jwt-verify's `graceSeconds`.
    LambdaGrace,
    /// The OIDC server's issuer.
    OidcIssuer,
    /// The OIDC server's audiences.
    OidcAudiences,
    /// The OIDC server's allowed algorithms.
    OidcAlgs,
    /// The OIDC server's required scopes.
    OidcScopes,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 21] = [
        Field::RestScopes,
        Field::RestRegex,
        Field::RestPools,
        Field::RestJwtIssuer,
        Field::RestJwtAudiences,
        Field::RestJwtScopes,
        Field::RestJwtAlgs,
        Field::HttpIssuer,
        Field::HttpAudiences,
        Field::HttpScopes,
        Field::LambdaApi,
        Field::LambdaPool,
        Field::LambdaTokenUse,
        Field::LambdaClients,
        Field::LambdaGroups,
        Field::LambdaScopes,
        Field::LambdaGrace,
        Field::OidcIssuer,
        Field::OidcAudiences,
        Field::OidcAlgs,
        Field::OidcScopes,
    ];

    /// The element id (`cfg-…`), also the key in share links, presets files and end-to-end tests.
    pub fn id(self) -> &'static str {
        match self {
            Field::RestScopes => "cfg-rest-scopes",
            Field::RestRegex => "cfg-rest-regex",
            Field::RestPools => "cfg-rest-pools",
            Field::RestJwtIssuer => "cfg-restjwt-issuer",
            Field::RestJwtAudiences => "cfg-restjwt-audiences",
            Field::RestJwtScopes => "cfg-restjwt-scopes",
            Field::RestJwtAlgs => "cfg-restjwt-algs",
            Field::HttpIssuer => "cfg-http-issuer",
            Field::HttpAudiences => "cfg-http-audiences",
            Field::HttpScopes => "cfg-http-scopes",
            Field::LambdaApi => "cfg-lambda-api",
            Field::LambdaPool => "cfg-lambda-pool",
            Field::LambdaTokenUse => "cfg-lambda-token-use",
            Field::LambdaClients => "cfg-lambda-clients",
            Field::LambdaGroups => "cfg-lambda-groups",
            Field::LambdaScopes => "cfg-lambda-scopes",
            Field::LambdaGrace => "cfg-lambda-grace",
            Field::OidcIssuer => "cfg-oidc-issuer",
            Field::OidcAudiences => "cfg-oidc-audiences",
            Field::OidcAlgs => "cfg-oidc-algs",
            Field::OidcScopes => "cfg-oidc-scopes",
        }
    }

    /// The field with this element id.
    pub fn from_id(id: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The fieldset it belongs to.
    pub fn group(self) -> Group {
        match self {
            Field::RestScopes | Field::RestRegex | Field::RestPools => Group::RestCognito,
            Field::RestJwtIssuer
            | Field::RestJwtAudiences
            | Field::RestJwtScopes
            | Field::RestJwtAlgs => Group::RestJwt,
            Field::HttpIssuer | Field::HttpAudiences | Field::HttpScopes => Group::HttpJwt,
            Field::LambdaApi
            | Field::LambdaPool
            | Field::LambdaTokenUse
            | Field::LambdaClients
            | Field::LambdaGroups
            | Field::LambdaScopes
            | Field::LambdaGrace => Group::LambdaAjv,
            Field::OidcIssuer | Field::OidcAudiences | Field::OidcAlgs | Field::OidcScopes => {
                Group::Oidc
            }
        }
    }

    /// Its label.
    pub fn label(self) -> &'static str {
        match self {
            Field::RestScopes => "Method OAuth scopes",
            Field::RestRegex => "Token validation regex",
            Field::RestPools => "User pool(s) of the authorizer",
            Field::RestJwtIssuer | Field::HttpIssuer | Field::OidcIssuer => "Issuer",
            Field::RestJwtAudiences => "Audiences",
            Field::RestJwtScopes => "Method scopes",
            Field::RestJwtAlgs => "Allowed signing algorithms",
            Field::HttpAudiences => "Audience list",
            Field::HttpScopes => "Route scopes",
            Field::LambdaApi => "API type",
            Field::LambdaPool => "userPoolId",
            Field::LambdaTokenUse => "tokenUse",
            Field::LambdaClients => "clientId",
            Field::LambdaGroups => "groups",
            Field::LambdaScopes => "scope",
            Field::LambdaGrace => "graceSeconds",
            Field::OidcAudiences => "Audience",
            Field::OidcAlgs => "Allowed algorithms",
            Field::OidcScopes => "Required scopes",
        }
    }

    /// Placeholder text.
    pub fn placeholder(self) -> &'static str {
        match self {
            Field::RestScopes => "none, or e.g. aws.cognito.signin.user.admin orders/read",
            Field::RestRegex => "optional; matched against aud",
            Field::RestPools => "pool ids, ARNs or issuer URLs, comma separated",
            Field::LambdaPool => "pool id, ARN or issuer URL",
            Field::RestJwtIssuer => {
                "exactly as in the token, trailing slash included; several comma separated"
            }
            Field::RestJwtAudiences => "app client ids or API identifiers",
            Field::RestJwtScopes => "none, or a list",
            Field::RestJwtAlgs => "e.g. RS256 ES256",
            Field::HttpIssuer => "https://cognito-idp.{region}.amazonaws.com/{pool}",
            Field::HttpAudiences => "app client ids, comma separated",
            Field::HttpScopes => "none, or a list",
            Field::LambdaApi | Field::LambdaTokenUse => "",
            Field::LambdaClients => "one or more app client ids",
            Field::LambdaGroups
            | Field::LambdaScopes
            | Field::OidcAudiences
            | Field::OidcScopes => "optional",
            Field::LambdaGrace => "0",
            Field::OidcIssuer => "exactly as in the token",
            Field::OidcAlgs => "e.g. RS256",
        }
    }

    /// How it is typed in.
    pub fn input(self) -> Input {
        match self {
            Field::LambdaTokenUse => {
                Input::Select(&[("", "null (either)"), ("id", "id"), ("access", "access")])
            }
            Field::LambdaApi => Input::Select(&[
                ("", "not said"),
                ("rest", "REST API (TOKEN / REQUEST)"),
                ("http", "HTTP API"),
            ]),
            _ => Input::Text,
        }
    }
}

/// What was read from one field, for the note beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRead {
    /// Where the value was found.
    pub what: What,
    /// The value taken, as text (empty when a list or nothing).
    pub value: String,
    /// What was dropped on the way.
    pub ignored: Vec<Ignored>,
}

/// Reads `api` (`rest`, `http`; anything else is not said).
pub fn read_lambda_api(text: &str) -> LambdaApi {
    match text.trim().to_ascii_lowercase().as_str() {
        "rest" => LambdaApi::Rest,
        "http" => LambdaApi::Http,
        _ => LambdaApi::Unknown,
    }
}

/// H5, HTTP-QUOTAS: an HTTP API JWT authorizer's audience list holds at most 50 values.
const MAX_HTTP_AUDIENCES: usize = 50;

/// Collects the reads while building the target.
struct Reader<'a, F: Fn(Field) -> &'a str> {
    get: F,
    reads: Vec<(Field, FieldRead)>,
}

impl<'a, F: Fn(Field) -> &'a str> Reader<'a, F> {
    fn keep(&mut self, field: Field, what: What, value: String, ignored: Vec<Ignored>) {
        self.reads.push((
            field,
            FieldRead {
                what,
                value,
                ignored,
            },
        ));
    }

    /// A list the authorizer holds at most `limit` of: every value kept, a note when over.
    fn list_of_at_most(&mut self, field: Field, limit: usize) -> Vec<String> {
        let mut r = read_list((self.get)(field));
        let count = r.value.as_ref().map_or(0, Vec::len);
        if count > limit {
            r.ignored.push(Ignored::OverLimit { count, limit });
        }
        self.keep(field, r.took_from, String::new(), r.ignored);
        r.value.unwrap_or_default()
    }

    fn list(&mut self, field: Field) -> Vec<String> {
        let r = read_list((self.get)(field));
        self.keep(field, r.took_from, String::new(), r.ignored);
        r.value.unwrap_or_default()
    }

    /// A list of signing algorithms that may hold only `valid` (any case); the rest are noted
    /// and dropped.
    fn algs(&mut self, field: Field, valid: &[&str]) -> Vec<String> {
        let mut r = read_list((self.get)(field));
        let mut algs = Vec::new();
        for a in r.value.unwrap_or_default() {
            match valid.iter().find(|v| v.eq_ignore_ascii_case(&a)) {
                Some(v) => algs.push((*v).to_owned()),
                None => r.ignored.push(Ignored::Invalid(a)),
            }
        }
        self.keep(field, r.took_from, String::new(), r.ignored);
        algs
    }

    fn scopes(&mut self, field: Field) -> Vec<String> {
        let r = super::read_scopes((self.get)(field));
        self.keep(field, r.took_from, String::new(), r.ignored);
        r.value.unwrap_or_default()
    }

    /// An issuer field: the issuer when it reads, else the text as typed (so the profile can say
    /// it could not read it instead of assuming the token's issuer).
    fn issuer(&mut self, field: Field) -> Option<String> {
        let text = (self.get)(field);
        let r = read_issuer(text);
        self.keep(
            field,
            r.took_from,
            r.value.clone().unwrap_or_default(),
            r.ignored,
        );
        r.value.or_else(|| {
            let t = text.trim();
            (!t.is_empty()).then(|| t.chars().take(200).collect())
        })
    }

    /// The REST Cognito authorizer's pools (R5: it may list several), comma, space or newline
    /// separated: each pool id, ARN or issuer URL read, what cannot be read noted and dropped.
    /// One value reads as [`Self::pool`].
    fn pools(&mut self, field: Field) -> Vec<String> {
        let text = (self.get)(field);
        let items = read_list(text).value.unwrap_or_default();
        if items.len() < 2 && stage_variable(text).is_none() {
            return self.pool(field).into_iter().collect();
        }
        let mut ids: Vec<String> = Vec::new();
        let mut ignored = Vec::new();
        for item in &items {
            // R17: kept as typed, for the profile to name.
            if let Some(name) = stage_variable(item) {
                ids.push(item.clone());
                ignored.push(Ignored::StageVariable(name));
                continue;
            }
            let r = read_pool_id(item);
            let invalid = r.ignored.iter().any(|i| matches!(i, Ignored::Invalid(_)));
            ignored.extend(
                r.ignored
                    .into_iter()
                    .filter(|i| matches!(i, Ignored::Invalid(_) | Ignored::RegionMismatch { .. })),
            );
            match r.value {
                Some(p) if !ids.contains(&p.id) => ids.push(p.id),
                Some(_) => {}
                None if !invalid => ignored.push(Ignored::Invalid(item.clone())),
                None => {}
            }
        }
        let what = if ids.is_empty() {
            What::Nothing
        } else {
            What::List
        };
        self.keep(field, what, ids.join(", "), ignored);
        if ids.is_empty() {
            vec![text.trim().chars().take(200).collect()]
        } else {
            ids
        }
    }

    /// An issuer field that may list several (§2b: the REST JWT authorizer trusts several): the
    /// first and the rest, each read as [`Self::issuer`]; what cannot be read is noted and
    /// dropped. One value reads as [`Self::issuer`].
    fn issuers(&mut self, field: Field) -> (Option<String>, Vec<String>) {
        let text = (self.get)(field);
        let items = read_list(text).value.unwrap_or_default();
        if items.len() < 2 {
            return (self.issuer(field), Vec::new());
        }
        let mut read: Vec<String> = Vec::new();
        let mut ignored = Vec::new();
        for item in &items {
            // In a list, an issuer is a URL: a word there is part of a sentence.
            match read_issuer(item).value.filter(|v| v.contains("://")) {
                Some(v) if !read.contains(&v) => read.push(v),
                Some(_) => {}
                None => ignored.push(Ignored::Invalid(item.clone())),
            }
        }
        if read.is_empty() {
            return (self.issuer(field), Vec::new());
        }
        self.keep(field, What::List, String::new(), ignored);
        let first = read.remove(0);
        (Some(first), read)
    }

    /// A pool field: the pool id when it reads, else the text as typed (so the profile can say
    /// it could not read it instead of assuming the token's pool).
    fn pool(&mut self, field: Field) -> Option<String> {
        let text = (self.get)(field);
        let r = read_pool_id(text);
        let id = r.value.map(|p| p.id);
        self.keep(
            field,
            r.took_from,
            id.clone().unwrap_or_default(),
            r.ignored,
        );
        id.or_else(|| {
            let t = text.trim();
            (!t.is_empty()).then(|| t.chars().take(200).collect())
        })
    }
}

impl Target {
    /// Reads the form: `get` gives each field's text, `None` when it was never filled in (an
    /// empty text is an answer: "No" to the scopes question). Returns the target and, per field,
    /// what was read (for the note beside it).
    pub fn from_fields<'a>(
        get: impl Fn(Field) -> Option<&'a str>,
    ) -> (Target, Vec<(Field, FieldRead)>) {
        let scopes_said = get(Field::RestScopes).is_some();
        let http_scopes_said = get(Field::HttpScopes).is_some();
        let mut r = Reader {
            get: |f| get(f).unwrap_or(""),
            reads: Vec::new(),
        };
        let regex = (r.get)(Field::RestRegex).trim();
        let rest = RestCognito {
            scopes: r.scopes(Field::RestScopes),
            scopes_said,
            validation_regex: (!regex.is_empty()).then(|| regex.to_owned()),
            pool_ids: r.pools(Field::RestPools),
        };
        let (issuer, more_issuers) = r.issuers(Field::RestJwtIssuer);
        let rest_jwt = RestJwt {
            issuer,
            more_issuers,
            audiences: r.list(Field::RestJwtAudiences),
            scopes: r.scopes(Field::RestJwtScopes),
            algs: r.algs(
                Field::RestJwtAlgs,
                &crate::diagnose::profiles::rest_jwt::VALID_ALGS,
            ),
        };
        let http = HttpJwt {
            issuer: r.issuer(Field::HttpIssuer),
            audiences: r.list_of_at_most(Field::HttpAudiences, MAX_HTTP_AUDIENCES),
            scopes: r.scopes(Field::HttpScopes),
            scopes_said: http_scopes_said,
            audience_refused: false,
        };
        let clients = read_client_ids((r.get)(Field::LambdaClients));
        r.keep(
            Field::LambdaClients,
            clients.took_from,
            String::new(),
            clients.ignored,
        );
        let grace = read_seconds((r.get)(Field::LambdaGrace));
        r.keep(
            Field::LambdaGrace,
            grace.took_from,
            String::new(),
            grace.ignored,
        );
        let lambda = LambdaAjv {
            pool_id: r.pool(Field::LambdaPool),
            token_use: read_token_use((r.get)(Field::LambdaTokenUse)),
            client_ids: clients.value.unwrap_or_default(),
            groups: r.list(Field::LambdaGroups),
            scopes: r.scopes(Field::LambdaScopes),
            grace_seconds: grace.value.unwrap_or(0),
            api: read_lambda_api((r.get)(Field::LambdaApi)),
        };
        let oidc = Oidc {
            issuer: r.issuer(Field::OidcIssuer),
            audiences: r.list(Field::OidcAudiences),
            algs: r.list(Field::OidcAlgs),
            scopes: r.scopes(Field::OidcScopes),
            leeway: None,
        };
        let target = Target {
            rest,
            http,
            lambda,
            rest_jwt,
            oidc,
        };
        (target, r.reads)
    }
}
