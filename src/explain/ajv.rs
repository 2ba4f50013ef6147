//! Prose for the aws-jwt-verify profile (`diagnose::profiles::lambda_ajv`): each `AjvCode`'s
//! message and fix, in exhaustive `match`es.
