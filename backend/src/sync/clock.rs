//! Change numbers. A writer locks the one clock row before it writes the change log and releases
//! it at commit, so numbers are handed out and become visible in the same order: a pull that reads
//! the committed clock never sees change n+1 while n is still in flight (docs/design.md §4).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entity::change_clock;
use crate::sync::lookups::Lookups;

const ROW: i32 = 1;

/// The clock, locked by the transaction that holds it, for one batch; it carries what the batch
/// has already read (the clock's holder is the only writer until it commits).
pub struct Clock {
    last: i64,
    pub lookups: Lookups,
}

impl Clock {
    /// Takes the lock: an update of the row, which waits for any other holder to commit (a row
    /// lock on PostgreSQL, the write lock on SQLite), then reads the committed value.
    pub async fn lock(txn: &impl ConnectionTrait) -> Result<Clock, DbErr> {
        change_clock::Entity::update_many()
            .col_expr(
                change_clock::Column::LastNo,
                Expr::col(change_clock::Column::LastNo),
            )
            .filter(change_clock::Column::Id.eq(ROW))
            .exec(txn)
            .await?;
        Ok(Clock {
            last: committed(txn).await?,
            lookups: Lookups::default(),
        })
    }

    pub fn next(&mut self) -> i64 {
        self.last += 1;
        self.last
    }

    /// Stores the last number handed out; the caller commits.
    pub async fn save(self, txn: &impl ConnectionTrait) -> Result<(), DbErr> {
        change_clock::Entity::update_many()
            .col_expr(change_clock::Column::LastNo, Expr::value(self.last))
            .filter(change_clock::Column::Id.eq(ROW))
            .exec(txn)
            .await?;
        Ok(())
    }
}

/// The last change number whose transaction has committed.
pub async fn committed(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    change_clock::Entity::find_by_id(ROW)
        .one(db)
        .await?
        .map(|row| row.last_no)
        .ok_or_else(|| DbErr::RecordNotFound("change_clock row 1".into()))
}
