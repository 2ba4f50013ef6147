//! Amazon Cognito user-pool issuers, as far as finding their keys needs: both issuer forms and
//! the two key-set URLs of a pool. The anatomy itself (hosts, regions, pool ids) is
//! `crate::issuer`'s; this module only shapes it for discovery and adds no rules of its own.

use crate::issuer::{CognitoIssuer, PoolId};

pub use crate::issuer::CognitoForm;

/// A Cognito user-pool issuer, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CognitoPool {
    /// Which form the issuer was written in.
    pub form: CognitoForm,
    /// The region in the host (for UPDATED, the pool's primary region).
    pub region: String,
    /// The user pool id, `{region}_{id}`.
    pub pool_id: String,
}

impl CognitoPool {
    fn pool(&self) -> PoolId {
        PoolId {
            region: self.region.clone(),
            id: self.pool_id.clone(),
        }
    }

    /// The issuer in `form`.
    pub fn issuer(&self, form: CognitoForm) -> String {
        self.pool().issuer(form)
    }

    /// The key set URL in `form`: `{issuer}/.well-known/jwks.json`.
    pub fn jwks_url(&self, form: CognitoForm) -> String {
        self.pool().jwks_url(form)
    }
}

/// Reads `iss` as a Cognito user-pool issuer in either form, exactly as Cognito issues it
/// (`issuer::CognitoIssuer::parse`: aws-jwt-verify 5.2's pool-id pattern with `eusc-`, the pool
/// region equal to the host's, no trailing slash, lower case).
pub fn parse(iss: &str) -> Option<CognitoPool> {
    let c = CognitoIssuer::parse(iss)?;
    Some(CognitoPool {
        form: c.form,
        region: c.pool.region,
        pool_id: c.pool.id,
    })
}

/// True when `iss` names a Cognito user pool, in either issuer form.
pub fn is_cognito_issuer(iss: &str) -> bool {
    parse(iss).is_some()
}

/// True when `url` is a key-set URL under an UPDATED Cognito issuer
/// (`https://issuer-cognito-idp.…/{pool}/.well-known/jwks.json`).
pub fn is_updated_jwks_url(url: &str) -> bool {
    url.strip_suffix("/.well-known/jwks.json")
        .and_then(parse)
        .is_some_and(|p| p.form == CognitoForm::Updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_issuer_forms_and_eusc_pools_are_cognito_pools() {
        for (iss, form, region) in [
            (
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
                CognitoForm::Original,
                "eu-west-1",
            ),
            (
                "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
                CognitoForm::Updated,
                "eu-west-1",
            ),
            (
                "https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_X9",
                CognitoForm::Original,
                "us-gov-west-1",
            ),
            (
                "https://issuer-cognito-idp.eusc-de-east-1.amazonaws.com/eusc-de-east-1_Z1",
                CognitoForm::Updated,
                "eusc-de-east-1",
            ),
        ] {
            let pool = parse(iss).unwrap_or_else(|| panic!("{iss} is a Cognito pool"));
            assert_eq!((pool.form, pool.region.as_str()), (form, region), "{iss}");
            assert_eq!(pool.issuer(form), iss);
        }
    }

    #[test]
    fn look_alikes_are_not_cognito_pools() {
        for iss in [
            "https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC123",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_a/b",
            "https://cognito-idp.eu-west-1.amazonaws.com.evil.example/eu-west-1_A",
            "https://xissuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A",
            "https://cognito-idp.euwest1.amazonaws.com/euwest1_A",
            "http://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A",
            "https://cognito-idp.eu-west-12.amazonaws.com/eu-west-12_A",
        ] {
            assert_eq!(parse(iss), None, "{iss}");
        }
    }

    #[test]
    fn a_pool_has_a_key_set_url_in_each_form() {
        let pool =
            parse("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123").expect("a pool");
        assert_eq!(
            pool.jwks_url(CognitoForm::Updated),
            "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"
        );
        assert!(is_updated_jwks_url(&pool.jwks_url(CognitoForm::Updated)));
        assert!(!is_updated_jwks_url(&pool.jwks_url(CognitoForm::Original)));
    }
}
