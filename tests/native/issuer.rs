//! Issuer anatomy (`tokenlens::issuer`): Cognito ORIGINAL and UPDATED forms, pool IDs with the
//! `eusc-` prefix, region rules, Entra tenants and versions, the other IdPs.

use tokenlens::issuer::{
    classify, cognito_host, CognitoForm, CognitoIssuer, CognitoProblem, EntraVersion, IssuerKind,
    PoolId, PoolRead, PoolSource,
};

const ORIGINAL: &str = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";
const UPDATED: &str = "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123";

fn pool(id: &str) -> PoolId {
    PoolId::parse(id).expect("valid pool id in test")
}

fn cognito(p: &str, form: CognitoForm) -> IssuerKind {
    IssuerKind::Cognito(CognitoIssuer {
        pool: pool(p),
        form,
    })
}

/// `issuer!(name, input, expected IssuerKind)`: one classification per test, named as a sentence.
macro_rules! issuer {
    ($name:ident, $iss:expr, $kind:expr) => {
        #[test]
        fn $name() {
            assert_eq!(classify($iss), $kind, "{}", $iss);
        }
    };
}

issuer!(
    the_original_cognito_issuer_is_a_user_pool,
    ORIGINAL,
    cognito("eu-west-1_AbC123", CognitoForm::Original)
);
issuer!(
    the_updated_cognito_issuer_is_a_user_pool_of_the_same_pool,
    UPDATED,
    cognito("eu-west-1_AbC123", CognitoForm::Updated)
);
issuer!(
    a_gov_region_pool_is_a_user_pool,
    "https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_x1",
    cognito("us-gov-west-1_x1", CognitoForm::Original)
);
issuer!(
    a_european_sovereign_cloud_pool_is_a_user_pool,
    "https://cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Ab9",
    cognito("eusc-de-east-1_Ab9", CognitoForm::Original)
);
issuer!(
    a_european_sovereign_cloud_pool_on_the_updated_issuer_is_a_user_pool,
    "https://issuer-cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Ab9",
    cognito("eusc-de-east-1_Ab9", CognitoForm::Updated)
);
issuer!(
    a_pool_from_another_region_than_the_host_is_a_region_mismatch,
    "https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC",
    IssuerKind::CognitoLike(CognitoProblem::RegionMismatch {
        form: CognitoForm::Original,
        host_region: "eu-west-1".into(),
        pool: pool("us-east-1_AbC"),
    })
);
issuer!(
    an_updated_issuer_with_a_pool_from_another_region_is_a_region_mismatch,
    "https://issuer-cognito-idp.us-east-1.amazonaws.com/eu-west-1_AbC",
    IssuerKind::CognitoLike(CognitoProblem::RegionMismatch {
        form: CognitoForm::Updated,
        host_region: "us-east-1".into(),
        pool: pool("eu-west-1_AbC"),
    })
);
issuer!(
    a_cognito_issuer_with_a_trailing_slash_is_not_exact,
    "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/",
    IssuerKind::CognitoLike(CognitoProblem::NotCanonical {
        issuer: CognitoIssuer {
            pool: pool("eu-west-1_AbC123"),
            form: CognitoForm::Original
        }
    })
);
issuer!(
    an_uppercase_cognito_host_is_not_exact,
    "https://COGNITO-IDP.eu-west-1.amazonaws.com/eu-west-1_AbC123",
    IssuerKind::CognitoLike(CognitoProblem::NotCanonical {
        issuer: CognitoIssuer {
            pool: pool("eu-west-1_AbC123"),
            form: CognitoForm::Original
        }
    })
);
issuer!(
    a_cognito_host_with_a_port_is_not_exact,
    "https://issuer-cognito-idp.eu-west-1.amazonaws.com:443/eu-west-1_AbC123",
    IssuerKind::CognitoLike(CognitoProblem::NotCanonical {
        issuer: CognitoIssuer {
            pool: pool("eu-west-1_AbC123"),
            form: CognitoForm::Updated
        }
    })
);
issuer!(
    a_cognito_host_without_a_valid_pool_id_is_a_bad_pool_id,
    "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_a-b",
    IssuerKind::CognitoLike(CognitoProblem::BadPoolId {
        form: CognitoForm::Original,
        host_region: "eu-west-1".into(),
        pool_id: "eu-west-1_a-b".into(),
    })
);
issuer!(
    a_cognito_host_with_an_empty_pool_id_is_a_bad_pool_id,
    "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_",
    IssuerKind::CognitoLike(CognitoProblem::BadPoolId {
        form: CognitoForm::Original,
        host_region: "eu-west-1".into(),
        pool_id: "eu-west-1_".into(),
    })
);
issuer!(
    the_cognito_login_domain_is_not_a_user_pool_issuer,
    "https://myapp.auth.eu-west-1.amazoncognito.com",
    IssuerKind::Other
);
issuer!(
    an_entra_v1_issuer_names_its_tenant,
    "https://sts.windows.net/tid-1/",
    IssuerKind::Entra {
        tenant: "tid-1".into(),
        version: EntraVersion::V1
    }
);
issuer!(
    an_entra_v2_issuer_names_its_tenant,
    "https://login.microsoftonline.com/tid-1/v2.0",
    IssuerKind::Entra {
        tenant: "tid-1".into(),
        version: EntraVersion::V2
    }
);
issuer!(
    an_auth0_issuer_is_auth0,
    "https://tenant.eu.auth0.com/",
    IssuerKind::Auth0
);
issuer!(
    an_okta_issuer_is_okta,
    "https://dev-1.okta.com/oauth2/default",
    IssuerKind::Okta
);
issuer!(
    a_keycloak_issuer_names_its_realm,
    "https://kc.example/realms/demo",
    IssuerKind::Keycloak {
        realm: "demo".into()
    }
);
issuer!(
    google_is_google_without_a_scheme,
    "accounts.google.com",
    IssuerKind::Google
);
issuer!(
    google_is_google_with_a_scheme,
    "https://accounts.google.com",
    IssuerKind::Google
);
issuer!(
    a_firebase_issuer_names_its_project,
    "https://securetoken.google.com/proj",
    IssuerKind::Firebase {
        project: "proj".into()
    }
);
issuer!(
    garbage_is_another_issuer,
    "\u{0}://::/_//",
    IssuerKind::Other
);
issuer!(an_empty_issuer_is_another_issuer, "", IssuerKind::Other);

#[test]
fn very_long_cognito_looking_input_is_classified_without_panicking() {
    let long_id = format!("eu-west-1_{}", "a".repeat(100_000));
    let iss = format!("https://cognito-idp.eu-west-1.amazonaws.com/{long_id}");
    assert!(matches!(
        classify(&iss),
        IssuerKind::CognitoLike(CognitoProblem::BadPoolId { pool_id, .. }) if pool_id.len() == 56
    ));
    let long_host = format!(
        "https://cognito-idp.{}.amazonaws.com/x",
        "a-".repeat(50_000)
    );
    assert_eq!(classify(&long_host), IssuerKind::Other);
    assert_eq!(classify(&"/".repeat(100_000)), IssuerKind::Other);
}

#[test]
fn pool_ids_follow_aws_jwt_verify_s_regex() {
    let table = [
        ("eu-west-1_AbC123", true),
        ("us-gov-west-1_x1", true),
        ("eusc-de-east-1_Ab9", true),
        ("eu-west-1_", false),
        ("eu-west-1_a-b", false),
        ("eu-west-1", false),
        ("EU-west-1_a", false),
        ("eusc-d-east-1_a", false),
        ("xx-eusc-de-east-1_a", false),
        ("eu-west-10_a", false),
    ];
    for (id, ok) in table {
        assert_eq!(PoolId::parse(id).is_some(), ok, "{id}");
    }
    let at_limit = format!("eu-west-1_{}", "a".repeat(45));
    assert_eq!(at_limit.len(), 55);
    assert!(PoolId::parse(&at_limit).is_some());
    assert!(PoolId::parse(&format!("{at_limit}a")).is_none());
}

#[test]
fn a_pool_builds_both_issuers_and_both_jwks_urls() {
    let p = pool("eu-west-1_AbC123");
    assert_eq!(p.original_issuer(), ORIGINAL);
    assert_eq!(p.updated_issuer(), UPDATED);
    assert_eq!(
        p.jwks_urls(),
        [
            format!("{ORIGINAL}/.well-known/jwks.json"),
            format!("{UPDATED}/.well-known/jwks.json")
        ]
    );
}

#[test]
fn a_pool_is_read_from_an_id_an_arn_or_an_issuer_url_of_either_form() {
    let p = pool("eu-west-1_AbC123");
    let table = [
        ("eu-west-1_AbC123", PoolRead::Pool(p.clone(), PoolSource::Bare)),
        (
            "  arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123 ",
            PoolRead::Pool(p.clone(), PoolSource::Arn),
        ),
        (
            ORIGINAL,
            PoolRead::Pool(p.clone(), PoolSource::IssuerUrl(CognitoForm::Original)),
        ),
        (
            UPDATED,
            PoolRead::Pool(p.clone(), PoolSource::IssuerUrl(CognitoForm::Updated)),
        ),
        (
            "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
            PoolRead::Pool(p.clone(), PoolSource::IssuerUrl(CognitoForm::Updated)),
        ),
        (
            "arn:aws:cognito-idp:us-east-1:123456789012:userpool/eu-west-1_AbC123",
            PoolRead::RegionMismatch {
                outer_region: "us-east-1".into(),
                pool: p.clone(),
            },
        ),
        (
            "https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_AbC123",
            PoolRead::RegionMismatch {
                outer_region: "us-east-1".into(),
                pool: p.clone(),
            },
        ),
        ("arn:aws:s3:::bucket", PoolRead::NotAPool),
        ("https://example.com/eu-west-1_AbC123", PoolRead::NotAPool),
        ("", PoolRead::NotAPool),
    ];
    for (text, want) in table {
        assert_eq!(PoolId::read(text), want, "{text}");
    }
}

#[test]
fn cognito_hosts_of_both_forms_are_recognised_with_their_region() {
    assert_eq!(
        cognito_host("cognito-idp.eu-west-1.amazonaws.com"),
        Some((CognitoForm::Original, "eu-west-1"))
    );
    assert_eq!(
        cognito_host("issuer-cognito-idp.eusc-de-east-1.amazonaws.com"),
        Some((CognitoForm::Updated, "eusc-de-east-1"))
    );
    assert_eq!(cognito_host("cognito-idp.evil.amazonaws.com"), None);
    assert_eq!(
        cognito_host("cognito-idp.eu-west-1.amazonaws.com.evil"),
        None
    );
}
