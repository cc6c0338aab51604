//! Hand-written aggregate queries, for figures an ORM query would make the server count in
//! memory. Written once with PostgreSQL's `$1` placeholders; SQLite reads the same numbered
//! parameters as `?1`.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};

pub async fn rows(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<QueryResult>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => sqlite_placeholders(sql),
        _ => sql.to_string(),
    };
    db.query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
}

fn sqlite_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

/// An integer column as SQL gives it back: `SUM` and `COUNT` are 64-bit on both engines.
pub fn int(row: &QueryResult, index: usize) -> Result<u32, DbErr> {
    let value: Option<i64> = row.try_get_by_index(index)?;
    Ok(value.unwrap_or(0).max(0) as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbered_placeholders_become_sqlite_ones() {
        assert_eq!(
            super::sqlite_placeholders("a = $1 AND b < $12 AND c = '$'"),
            "a = ?1 AND b < ?12 AND c = '$'"
        );
    }
}
