//! Invitations to a team: a link for one email and one role, made by owners and admins (only
//! owners invite owners), shown once and mailed when an SMTP server is configured, working once
//! until it expires, and only for the account with that email.
//!
//! A second invitation for an email that has a pending one replaces it: the new link works,
//! the old one stops (inviting again is how a lost link is re-sent). The link's token is stored
//! only as its SHA-256 (`crypto::token_hash`), like every other secret.

use shared::account::Email;
use shared::api::{CreatedInvitation, Invitation, InvitationPreview, TeamEvent, TeamSummary};
use shared::team::{TeamRole, TeamSlug};

use super::{audit, may_manage, seen, views, Acting, TeamError};
use crate::crypto::{new_link_token, token_hash};
use crate::ids;
use crate::mail::Mailer;
use crate::store::invitations::{Acceptance, InvitationRow, NewInvitationRow};
use crate::store::Store;

/// The prefix of invitation tokens.
const TOKEN_PREFIX: &str = "inv_";
/// Longer "tokens" are not ours: refused before hashing.
const MAX_TOKEN_LENGTH: usize = 128;
/// Pending invitations a team may have at once: each may send a mail, so a member cannot turn
/// the server into a mailer for any number of addresses.
pub const MOST_PENDING: i64 = 100;
/// What the log and lists show as the inviter when an operator invited at the command line.
pub const OPERATOR: &str = "the server's operator";

/// What making an invitation needs besides the team: where links point, how long they work,
/// and the mailer, if any.
pub struct Sending<'a> {
    /// The issuer: links are `{issuer}/invitations/{token}`.
    pub issuer: &'a str,
    pub days: i64,
    pub mailer: Option<&'a Mailer>,
}

/// Invites `email` into the team as `role`.
pub async fn invite(
    store: &Store,
    sending: &Sending<'_>,
    acting: Acting<'_>,
    slug: &TeamSlug,
    email: &Email,
    role: TeamRole,
    now: i64,
) -> Result<CreatedInvitation, TeamError> {
    let seen = seen(store, acting, slug).await?;
    may_manage(seen.acting_role(), None, Some(role))?;
    if let Some(user) = store.user_by_email(email.as_str()).await? {
        if store.team_role(&seen.team.id, &user.id).await?.is_some() {
            return Err(TeamError::AlreadyMember);
        }
    }
    let token = new_link_token(TOKEN_PREFIX);
    let id = ids::new_id("inv");
    let invited_by = match acting {
        Acting::Person { user_id, .. } => Some(user_id),
        Acting::CommandLine => None,
    };
    let expires_at = now + sending.days * 86_400;
    let stored = store
        .insert_invitation(
            &NewInvitationRow {
                id: &id,
                team_id: &seen.team.id,
                email: email.as_str(),
                role,
                token_hash: &token_hash(&token),
                invited_by,
                created_at: now,
                expires_at,
            },
            MOST_PENDING,
        )
        .await?;
    if !stored {
        return Err(TeamError::TooManyInvitations(MOST_PENDING));
    }
    let inviter = match acting {
        Acting::Person { email, .. } => email.to_owned(),
        Acting::CommandLine => OPERATOR.to_owned(),
    };
    let link = format!("{}/invitations/{token}", sending.issuer);
    let mailed = match sending.mailer {
        Some(mailer) => {
            let subject = format!("Join the team {} on Clientele", seen.team.name);
            let body = mail_body(&inviter, seen.team.name.as_str(), role, sending, &link);
            mailer.send(email.as_str(), &subject, body).await
        }
        None => false,
    };
    tracing::info!(team = %seen.team.id, invitation = %id, mailed, "invitation made");
    let event = TeamEvent::InvitationSent {
        email: email.to_string(),
        role,
    };
    audit::record(store, &seen.team.id, acting, now, event).await?;
    Ok(CreatedInvitation {
        invitation: Invitation {
            id,
            email: email.to_string(),
            role,
            invited_by: inviter,
            created_at: now,
            expires_at,
        },
        link,
        mailed,
    })
}

fn mail_body(
    inviter: &str,
    team: &str,
    role: TeamRole,
    sending: &Sending<'_>,
    link: &str,
) -> String {
    format!(
        "{inviter} invited you to the team \"{team}\" on Clientele ({issuer}), as {role}.\n\n\
         Open this link to accept; sign up with this email address first if you have no \
         account yet. It works once, for {days} days:\n\n{link}\n\n\
         If you did not expect this invitation, ignore this mail.\n",
        issuer = sending.issuer,
        days = sending.days,
    )
}

/// The team's pending invitations, newest first: for owners and admins.
pub async fn pending(
    store: &Store,
    acting: Acting<'_>,
    slug: &TeamSlug,
    now: i64,
) -> Result<Vec<Invitation>, TeamError> {
    let refused = "only owners and admins see the team's invitations";
    let seen = seen(store, acting, slug)
        .await?
        .allowed(TeamRole::manages_members, refused)?;
    let rows = store.pending_invitations(&seen.team.id, now).await?;
    Ok(rows.into_iter().map(view).collect())
}

/// Revokes a pending invitation (its link stops working); invitations to be an owner are
/// revoked by owners only.
pub async fn revoke(
    store: &Store,
    acting: Acting<'_>,
    slug: &TeamSlug,
    id: &str,
    now: i64,
) -> Result<(), TeamError> {
    let refused = "only owners and admins manage members";
    let seen = seen(store, acting, slug)
        .await?
        .allowed(TeamRole::manages_members, refused)?;
    let row = store
        .team_invitation(&seen.team.id, id)
        .await?
        .filter(|row| row.is_pending(now))
        .ok_or(TeamError::NotFound)?;
    may_manage(seen.acting_role(), None, Some(row.role))?;
    if !store.revoke_invitation(&seen.team.id, id, now).await? {
        return Err(TeamError::NotFound);
    }
    let event = TeamEvent::InvitationRevoked { email: row.email };
    audit::record(store, &seen.team.id, acting, now, event).await?;
    Ok(())
}

/// What a link offers, to anyone who has it (signed in or not). Unknown, used, revoked and
/// expired links all get `InvitationNotValid`.
pub async fn preview(store: &Store, token: &str, now: i64) -> Result<InvitationPreview, TeamError> {
    let row = pending_by_token(store, token, now).await?;
    let has_account = store.user_by_email(&row.email).await?.is_some();
    Ok(InvitationPreview {
        team_name: row.team_name,
        team_slug: row.team_slug,
        role: row.role,
        invited_by: row.invited_by.unwrap_or_else(|| OPERATOR.to_owned()),
        email: row.email,
        expires_at: row.expires_at,
        has_account,
    })
}

/// Accepts the invitation for the signed-in account `user_id`, whose email must be the
/// invited one (compared in `Email`'s normal form); the link then works no more.
pub async fn accept(
    store: &Store,
    user_id: &str,
    account_email: &str,
    token: &str,
    now: i64,
) -> Result<TeamSummary, TeamError> {
    let email =
        Email::try_from(account_email.to_owned()).map_err(|_| TeamError::InvitationForAnother)?;
    if token.len() > MAX_TOKEN_LENGTH {
        return Err(TeamError::InvitationNotValid);
    }
    let hash = token_hash(token);
    match store
        .accept_invitation(&hash, email.as_str(), user_id, now)
        .await?
    {
        Acceptance::Joined { team_id, role } => {
            let acting = Acting::Person {
                user_id,
                email: email.as_str(),
                is_admin: false,
            };
            let event = TeamEvent::InvitationAccepted {
                email: email.to_string(),
                role,
            };
            audit::record(store, &team_id, acting, now, event).await?;
            let row = store
                .invitation_by_token(&hash)
                .await?
                .ok_or(TeamError::InvitationNotValid)?;
            let team = store
                .team_by_slug(&row.team_slug)
                .await?
                .ok_or(TeamError::NotFound)?;
            tracing::info!(team = %team_id, invitation = %row.id, "invitation accepted");
            Ok(views::summary(&team, Some(role)))
        }
        Acceptance::AlreadyMember => Err(TeamError::AlreadyMember),
        // Why: read after the write that did not happen, to say which it was.
        Acceptance::NotPending => {
            let row = pending_by_token(store, token, now).await?;
            if row.email != email.as_str() {
                Err(TeamError::InvitationForAnother)
            } else {
                // Accepted by a request that ran at the same moment.
                Err(TeamError::InvitationNotValid)
            }
        }
    }
}

/// The pending invitation with this token, or `InvitationNotValid`.
async fn pending_by_token(
    store: &Store,
    token: &str,
    now: i64,
) -> Result<InvitationRow, TeamError> {
    if token.len() > MAX_TOKEN_LENGTH {
        return Err(TeamError::InvitationNotValid);
    }
    store
        .invitation_by_token(&token_hash(token))
        .await?
        .filter(|row| row.is_pending(now))
        .ok_or(TeamError::InvitationNotValid)
}

fn view(row: InvitationRow) -> Invitation {
    Invitation {
        id: row.id,
        email: row.email,
        role: row.role,
        invited_by: row.invited_by.unwrap_or_else(|| OPERATOR.to_owned()),
        created_at: row.created_at,
        expires_at: row.expires_at,
    }
}
