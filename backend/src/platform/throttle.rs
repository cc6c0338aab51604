//! Login throttling. Failures are counted per account *and address* and per address: a stranger
//! elsewhere cannot lock a teacher out of her account, and one address cannot try many accounts.
//! After a few failures each attempt is slowed; after more, refused for a while.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

use crate::entity::login_attempt;

pub const WINDOW: Duration = Duration::minutes(15);
/// Failures for one account from one address before attempts are slowed.
const SLOW_AFTER: u64 = 3;
/// Failures for one account from one address before attempts are refused.
const REFUSE_AFTER: u64 = 5;
/// Failures from one address, over all accounts, before it is refused.
const ADDRESS_REFUSE_AFTER: u64 = 30;

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allow { delay_ms: u64 },
    Refuse { retry_in_minutes: i64 },
}

pub async fn check(
    db: &impl ConnectionTrait,
    username: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, DbErr> {
    let since = now - WINDOW;
    let recent = || {
        login_attempt::Entity::find()
            .filter(login_attempt::Column::Succeeded.eq(false))
            .filter(login_attempt::Column::At.gt(since))
            .filter(login_attempt::Column::Address.eq(address))
    };
    let pair = recent()
        .filter(login_attempt::Column::Username.eq(username))
        .count(db)
        .await?;
    let from_address = recent().count(db).await?;
    Ok(verdict(pair, from_address))
}

fn verdict(pair_failures: u64, address_failures: u64) -> Verdict {
    if pair_failures >= REFUSE_AFTER || address_failures >= ADDRESS_REFUSE_AFTER {
        Verdict::Refuse {
            retry_in_minutes: WINDOW.num_minutes(),
        }
    } else if pair_failures >= SLOW_AFTER {
        Verdict::Allow {
            delay_ms: 1000 * (pair_failures - SLOW_AFTER + 1),
        }
    } else {
        Verdict::Allow { delay_ms: 0 }
    }
}

pub async fn record(
    db: &impl ConnectionTrait,
    username: &str,
    address: &str,
    succeeded: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    login_attempt::ActiveModel {
        username: Set(username.chars().take(64).collect()),
        address: Set(address.to_string()),
        at: Set(now),
        succeeded: Set(succeeded),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Attempts older than a day decide nothing: keep the table small.
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::At.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_failures_are_free_then_slowed_then_refused() {
        assert_eq!(verdict(0, 0), Verdict::Allow { delay_ms: 0 });
        assert_eq!(verdict(2, 2), Verdict::Allow { delay_ms: 0 });
        assert_eq!(verdict(3, 3), Verdict::Allow { delay_ms: 1000 });
        assert_eq!(verdict(4, 4), Verdict::Allow { delay_ms: 2000 });
        assert_eq!(
            verdict(5, 5),
            Verdict::Refuse {
                retry_in_minutes: 15
            }
        );
    }

    #[test]
    fn one_address_spraying_many_accounts_is_refused() {
        assert_eq!(verdict(0, 29), Verdict::Allow { delay_ms: 0 });
        assert_eq!(
            verdict(0, 30),
            Verdict::Refuse {
                retry_in_minutes: 15
            }
        );
    }
}
